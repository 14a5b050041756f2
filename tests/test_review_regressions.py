"""Inputs and pages a review found wanting, kept right."""

import io
import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains

from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    RoutineFactory,
    SectionFactory,
    StretchFactory,
)

pytestmark = pytest.mark.django_db


def png(name="p.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    "query",
    [
        {"published_at__year": "9999"},
        {"published_at__year": "9999", "published_at__month": "12"},
        {"published_at__year": "99999999999999999999"},
        {"published_at__year": "x", "published_at__month": "13", "published_at__day": "40"},
        {"q": "hip\x00"},
    ],
)
def test_hand_edited_article_filters_never_crash_the_changelist(editor_client, query):
    ArticleFactory()
    response = editor_client.get(reverse("admin:stretches_article_changelist"), query)
    assert response.status_code in (200, 302)


def test_search_with_a_nul_character_works_everywhere(editor_client):
    for name in ["topic", "stretch", "routine", "article", "calltoaction"]:
        assert (
            editor_client.get(reverse(f"admin:stretches_{name}_changelist"), {"q": "a\x00b"}).status_code
            == 200
        )


def test_publish_dates_stay_within_a_sensible_range():
    article = ArticleFactory.build(published_at="9999-12-31T00:00:00Z")
    with pytest.raises(ValidationError, match="between the years 2000 and 2100"):
        article.full_clean(exclude=["topic", "slug"])


def test_section_anchors_never_collide_with_the_pages_own_ids(client):
    CallToActionFactory(is_default=True)
    article = ArticleFactory()
    for heading in [
        "Article title",
        "Contents title",
        "Member box",
        "Why",
        "Why title",
        "Routine why",
        "Top",
    ]:
        SectionFactory(article=article, heading=heading, routine=RoutineFactory(steps=1))
    html = client.get(article.get_absolute_url()).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    for href in re.findall(r'<a href="#([^"]+)"', html):
        assert ids[href] == 1, href  # every contents link lands on exactly one element


def test_admin_change_pages_cost_the_same_with_more_rows(editor_client):
    """Inline rows (steps with their stretch, sections with their routine) load in fixed queries."""

    def queries_for(size):
        routine = RoutineFactory(steps=size)
        article = ArticleFactory(sections=size)
        for section in article.sections.all():
            section.routine = RoutineFactory(steps=1)
            section.save()
        counts = []
        for url in [
            reverse("admin:stretches_routine_change", args=[routine.pk]),
            reverse("admin:stretches_article_change", args=[article.pk]),
        ]:
            with CaptureQueriesContext(connection) as queries:
                assert editor_client.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    queries_for(1)  # warm the content-type cache that the first admin page fills
    assert queries_for(2) == queries_for(20)


def test_pictures_need_a_description(editor_client):
    response = editor_client.post(
        reverse("admin:stretches_stretch_add"),
        {
            "name": "Knee hug",
            "slug": "knee-hug",
            "muscles": "Gluteals",
            "position": "floor",
            "instructions": "Hug.",
            "default_repetitions": "1",
            "default_hold_seconds": "20",
            "sides": "both",
            "image": png(),
            "image_alt": "",
        },
    )
    assertContains(response, "Describe the picture for someone who cannot see it.")
    response = editor_client.post(
        reverse("admin:stretches_calltoaction_add"),
        {"headline": "h", "text": "t", "link_url": "/", "link_label": "l", "image": png(), "image_alt": ""},
    )
    assertContains(response, "Describe the picture, or tick")
    response = editor_client.post(
        reverse("admin:stretches_calltoaction_add"),
        {
            "headline": "h",
            "text": "t",
            "link_url": "/",
            "link_label": "l",
            "image": png(),
            "image_decorative": "on",
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("/stretches/lower-back/", True),
        ("https://example.org/programme", True),
        ("//evil.example", False),
        ("/\\evil.example", False),
        ("/\t/evil.example", False),
        ("/ok\n", False),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
    ],
)
def test_call_to_action_links_cannot_leave_for_somewhere_unexpected(url, ok):
    cta = CallToActionFactory.build(link_url=url)
    if ok:
        cta.full_clean()
    else:
        with pytest.raises(ValidationError):
            cta.full_clean()


def test_a_real_server_error_gets_the_sites_500_page(settings):
    settings.ROOT_URLCONF = "tests.urls_error"
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assertContains(response, "Something went wrong on our side", status_code=500)
    assertContains(response, "Skip to main content", status_code=500)


def test_images_on_every_kind_of_content_carry_their_descriptions(client):
    cta = CallToActionFactory(is_default=True, image=png(), image_alt="A person stretching at a desk")
    article = ArticleFactory(hero_image=png(), hero_alt="Hero description")
    SectionFactory(
        article=article, image=png(), image_alt="Section description", routine=RoutineFactory(steps=1)
    )
    html = client.get(article.get_absolute_url()).content.decode()
    for alt in [
        "Hero description",
        "Section description",
        cta.image_alt,
        StretchFactory._meta.model.objects.first().image_alt,
    ]:
        assert f'alt="{alt}"' in html
