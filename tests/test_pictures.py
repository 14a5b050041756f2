"""Pictures offered in WebP with a JPEG fallback, made at upload (or by `make_image_variants` on
an upgraded site), kept by browsers for a year, and pages sent compressed to those who accept it."""

import gzip
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client
from PIL import Image

from images.variants import variant_name
from stretches.models import Article, Stretch
from tests.factories import ArticleFactory, StretchFactory
from tests.helpers import page

pytestmark = pytest.mark.django_db

SIZES = "(min-width: 44rem) 42rem, 100vw"  # the article hero's, in _article_header.html
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"


def jpeg(width, height, name="hero.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (15, 118, 110)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png_with_transparency(width, height, name="cut-out.png"):
    buffer = io.BytesIO()
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste((15, 118, 110, 255), (0, 0, width // 2, height))
    image.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def webp_files(variants):
    return [variant_name(variants["name"], width, "webp") for width in variants["webp"]]


def hero_markup(html):
    """The <picture> (or lone <img>) the article's hero is shown with."""
    return re.search(r'<figure class="article__hero">(.*?)</figure>', html, re.S).group(1)


def test_a_picture_gets_webp_files_of_every_width_and_the_full_size(settings):
    article = ArticleFactory(hero_image=jpeg(2000, 1000), hero_alt="A wide picture")
    assert article.hero_widths["widths"] == [480, 960, 1440]
    assert article.hero_widths["webp"] == [480, 960, 1440, 2000]
    for name, width in zip(webp_files(article.hero_widths), [480, 960, 1440, 2000], strict=True):
        with Image.open(settings.MEDIA_ROOT / name) as image:
            assert image.format == "WEBP"
            assert image.size == (width, width // 2)


def test_a_small_picture_gets_one_full_size_webp_and_transparency_is_kept(settings):
    stretch = StretchFactory(image=png_with_transparency(300, 200))
    assert stretch.image_widths["widths"] == []  # never enlarged
    assert stretch.image_widths["webp"] == [300]
    with Image.open(settings.MEDIA_ROOT / variant_name(stretch.image.name, 300, "webp")) as image:
        assert image.format == "WEBP" and image.mode == "RGBA"
        assert image.getpixel((250, 100))[3] == 0


def test_pages_offer_webp_first_with_the_jpeg_img_as_it_was():
    article = ArticleFactory(hero_image=jpeg(2000, 1000), hero_alt="A wide picture")
    markup = hero_markup(page(article.get_absolute_url()).content.decode())
    url = article.hero_image.url
    stem = url.removesuffix(".jpg")
    webp = ", ".join(f"{stem}-{w}w.webp {w}w" for w in (480, 960, 1440, 2000))
    jpegs = ", ".join([*(f"{stem}-{w}w.jpg {w}w" for w in (480, 960, 1440)), f"{url} 2000w"])
    assert markup == (
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{SIZES}">'
        f'<img src="{url}" srcset="{jpegs}" sizes="{SIZES}" width="2000" height="1000" '
        'alt="A wide picture" class="" loading="eager" decoding="async" fetchpriority="high"></picture>'
    )


def test_pictures_made_before_webp_are_still_shown_as_a_plain_img():
    """JSON fields written by an older version have no "webp": no <source>, the same <img>."""
    article = ArticleFactory(hero_image=jpeg(1000, 500), hero_alt="An old picture")
    old = {key: value for key, value in article.hero_widths.items() if key != "webp"}
    Article.objects.filter(pk=article.pk).update(hero_widths=old)
    markup = hero_markup(page(article.get_absolute_url()).content.decode())
    assert "<picture" not in markup and "<source" not in markup
    assert markup.startswith(f'<img src="{article.hero_image.url}" srcset="')
    assert 'width="1000" height="500" alt="An old picture"' in markup


def test_the_tag_takes_a_fetch_priority_and_renders_nothing_without_a_picture():
    stretch = StretchFactory(image=jpeg(600, 400, "lunge.jpg"))
    template = Template(
        "{% load limber %}{% picture s.image s.image_width s.image_height alt='A lunge' "
        "loading='eager' fetchpriority='high' widths=s.image_widths sizes='10rem' %}"
        "{% picture none 1 1 %}"
    )
    html = template.render(Context({"s": stretch, "none": None}))
    img = re.search(r"<img [^>]*>", html).group(0)
    assert 'loading="eager" decoding="async" fetchpriority="high">' in img
    assert html.startswith('<picture><source type="image/webp" srcset="') and html.endswith("</picture>")
    assert html.count("<picture>") == 1


def test_a_replaced_or_removed_picture_takes_its_webp_files_with_it(settings):
    stretch = StretchFactory(image=jpeg(1000, 500, "first.jpg"))
    first = webp_files(stretch.image_widths)
    assert len(first) == 3 and all((settings.MEDIA_ROOT / name).exists() for name in first)
    stretch.image = jpeg(600, 300, "second.jpg")
    stretch.save()
    second = webp_files(stretch.image_widths)
    assert not any((settings.MEDIA_ROOT / name).exists() for name in first)
    assert all((settings.MEDIA_ROOT / name).exists() for name in second)
    stretch.image = None
    stretch.save()
    assert stretch.image_widths == {}
    assert not any((settings.MEDIA_ROOT / name).exists() for name in second)


def test_make_image_variants_gives_an_upgraded_sites_pictures_their_webp_files(settings):
    article = ArticleFactory(hero_image=jpeg(1200, 600), hero_alt="Upgraded")
    made = article.hero_widths
    for name in webp_files(made):  # as an older version left it: JPEG widths only
        (settings.MEDIA_ROOT / name).unlink()
    Article.objects.filter(pk=article.pk).update(hero_widths={"name": made["name"], "widths": made["widths"]})
    assert "<picture" not in hero_markup(page(article.get_absolute_url()).content.decode())

    out = io.StringIO()
    call_command("make_image_variants", stdout=out)

    assert "Made the variants of" in out.getvalue()
    article.refresh_from_db()
    assert article.hero_widths == made
    for name in webp_files(made):
        with Image.open(settings.MEDIA_ROOT / name) as image:
            assert image.format == "WEBP"
    for width in made["widths"]:
        assert (settings.MEDIA_ROOT / variant_name(made["name"], width)).exists()
    # The cached page is replaced: readers get the <picture> at once.
    assert hero_markup(page(article.get_absolute_url()).content.decode()).startswith("<picture>")


def test_make_image_variants_skips_a_missing_file_and_carries_on(settings):
    lost = StretchFactory(image=jpeg(900, 600, "lost.jpg"))
    kept = StretchFactory(image=jpeg(900, 600, "kept.jpg"))
    (settings.MEDIA_ROOT / lost.image.name).unlink()
    call_command("make_image_variants", stdout=io.StringIO())
    made = dict(Stretch.objects.values_list("pk", "image_widths"))
    assert made[lost.pk]["webp"] == [] and made[lost.pk]["widths"] == []
    assert made[kept.pk]["webp"] == [480, 900]


def test_uploaded_files_are_served_to_be_kept_for_a_year(settings, member):
    """By Django (debug, or no web server in front) as nginx does: for everyone, members too."""
    settings.SERVE_MEDIA = True
    stretch = StretchFactory(image=jpeg(1000, 500, "kept.jpg"))
    signed_in = Client()
    signed_in.force_login(member)
    webp_url = stretch.image.url.removesuffix(".jpg") + "-480w.webp"
    for client in (Client(), signed_in):
        for url in (stretch.image.url, webp_url):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Cache-Control"] == MEDIA_CACHE_CONTROL
            assert b"".join(response.streaming_content)  # read to the end, which closes the file
    response = Client().get(webp_url)
    assert response["Content-Type"] == "image/webp"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "WEBP"
    assert Client().get("/media/stretches/missing.jpg").status_code == 404


def test_pages_are_compressed_for_readers_who_accept_it_and_the_cache_keeps_them_plain(site):
    url = site["article"].get_absolute_url()
    zipped = page(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["X-Page-Cache"] == "miss"
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"] and "Cookie" in zipped["Vary"]
    body = gzip.decompress(zipped.content)
    assert b"<h1" in body

    plain = page(url)  # the same page from the cache, as it was stored: uncompressed
    assert plain["X-Page-Cache"] == "hit"
    assert "Content-Encoding" not in plain
    assert plain.content == body

    hit = page(url, HTTP_ACCEPT_ENCODING="gzip")
    assert hit["X-Page-Cache"] == "hit" and hit["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in hit["Vary"]
    assert gzip.decompress(hit.content) == body
    assert hit["ETag"] == zipped["ETag"] == plain["ETag"]


def test_the_etag_a_compressed_page_came_with_still_gets_a_304(site, django_assert_num_queries):
    url = site["article"].get_absolute_url()
    etag = page(url, HTTP_ACCEPT_ENCODING="gzip")["ETag"]
    assert etag.startswith('W/"')  # either encoding of the page matches it
    for encoding in ("gzip", ""):
        with django_assert_num_queries(0):
            response = page(url, HTTP_ACCEPT_ENCODING=encoding, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304 and response.content == b""
        assert response["ETag"] == etag
        assert "Accept-Encoding" in response["Vary"]
        assert "Content-Encoding" not in response
    # The same tag as a strong one (from a client that stripped W/) matches too; another does not.
    assert page(url, HTTP_IF_NONE_MATCH=etag.removeprefix("W/")).status_code == 304
    assert page(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH='W/"other"').status_code == 200
