"""Pictures in several widths, made at upload and offered through srcset, each with its
description."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from images.variants import variant_name
from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    RoutineFactory,
    SectionFactory,
    StretchFactory,
)
from tests.helpers import uploaded_png

pytestmark = pytest.mark.django_db


def jpeg(width, height, name="hero.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (15, 118, 110)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_wide_picture_gets_smaller_widths_at_upload(settings):
    article = ArticleFactory(hero_image=jpeg(2000, 1000), hero_alt="A wide picture")
    assert article.hero_widths["widths"] == [480, 960, 1440]
    for width in (480, 960, 1440):
        with Image.open(settings.MEDIA_ROOT / variant_name(article.hero_image.name, width)) as image:
            assert image.size == (width, width // 2)


def test_pages_offer_the_widths_in_srcset_with_sizes(client):
    article = ArticleFactory(hero_image=jpeg(2000, 1000), hero_alt="A wide picture")
    html = client.get(article.get_absolute_url()).content.decode()
    tag = re.search(r'<img src="[^"]*hero[^"]*"[^>]*alt="A wide picture"[^>]*>', html).group(0)
    srcset = re.search(r'srcset="([^"]+)"', tag).group(1)
    assert [part.split()[1] for part in srcset.split(", ")] == ["480w", "960w", "1440w", "2000w"]
    assert 'sizes="(min-width: 44rem) 42rem, 100vw"' in tag
    assert 'width="2000" height="1000"' in tag
    for url in [part.split()[0] for part in srcset.split(", ")]:
        served = Client().get(url) if url.startswith("/media/") else None
        assert served is None or served.status_code in (200, 404)  # media is served by nginx in production


def test_small_pictures_are_not_enlarged_and_replacements_clean_up(settings):
    stretch = StretchFactory(image=jpeg(300, 200, "small.jpg"))
    assert stretch.image_widths["widths"] == []
    stretch.image = jpeg(1000, 500, "bigger.jpg")
    stretch.save()
    old = stretch.image_widths
    assert old["widths"] == [480, 960]
    stretch.image = jpeg(600, 300, "third.jpg")
    stretch.save()
    for width in old["widths"]:
        assert not (settings.MEDIA_ROOT / variant_name(old["name"], width)).exists()
    assert stretch.image_widths["widths"] == [480]


def test_no_picture_is_made_while_a_page_is_served(client, monkeypatch):
    article = ArticleFactory(hero_image=jpeg(1200, 600), hero_alt="x")
    monkeypatch.setattr("images.variants.make_variants", lambda *a: pytest.fail("made while serving"))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_images_on_every_kind_of_content_carry_their_descriptions(client):
    cta = CallToActionFactory(
        is_default=True, image=uploaded_png(), image_alt="A person stretching at a desk"
    )
    article = ArticleFactory(hero_image=uploaded_png(), hero_alt="Hero description")
    SectionFactory(
        article=article,
        image=uploaded_png(),
        image_alt="Section description",
        routine=RoutineFactory(steps=1),
    )
    html = client.get(article.get_absolute_url()).content.decode()
    for alt in [
        "Hero description",
        "Section description",
        cta.image_alt,
        StretchFactory._meta.model.objects.first().image_alt,
    ]:
        assert f'alt="{alt}"' in html
