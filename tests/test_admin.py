"""The editors' admin: every page opens, forms keep what was typed and refuse what is wrong,
and change pages cost the same however many rows they show."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from stretches.models import Article, Routine
from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    RoutineFactory,
    SectionFactory,
    StretchFactory,
    TopicFactory,
)
from tests.helpers import uploaded_png

pytestmark = pytest.mark.django_db

CONTENT_MODELS = ["topic", "muscle", "stretch", "routine", "article", "calltoaction"]
EDITORS_ALSO = ("pages.redirect", "stretches.authorprofile")  # what else the Editors group edits


@pytest.fixture
def content():
    routine = RoutineFactory(steps=2)
    article = ArticleFactory(sections=2)
    SectionFactory(article=article, routine=routine)
    CallToActionFactory(is_default=True)
    return article


def test_every_admin_page_of_every_model_opens_for_an_editor(editor_client, content):
    """Changelist, add and change pages of every registered model: 200, or 403 where not allowed."""
    for model in admin.site._registry:
        meta = model._meta
        allowed = meta.model_name in CONTENT_MODELS or meta.label_lower in EDITORS_ALSO
        urls = [reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")]
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        obj = model.objects.first()
        if obj is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]))
        for url in urls:
            status = editor_client.get(url).status_code
            assert status == (200 if allowed else 403), (url, status)
    assert editor_client.get(reverse("admin:index")).status_code == 200


def test_changelists_search_and_filter_without_error(editor_client, content):
    for name in CONTENT_MODELS:
        url = reverse(f"admin:stretches_{name}_changelist")
        assert editor_client.get(url, {"q": "hip <script>'\""}).status_code == 200
    url = reverse("admin:stretches_article_changelist")
    assert editor_client.get(url, {"status__exact": "draft", "topic__id__exact": "999"}).status_code == 200


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
    for name in CONTENT_MODELS:
        assert (
            editor_client.get(reverse(f"admin:stretches_{name}_changelist"), {"q": "a\x00b"}).status_code
            == 200
        )


def test_routine_admin_shows_the_computed_total(editor_client):
    routine = RoutineFactory(steps=4)
    response = editor_client.get(reverse("admin:stretches_routine_change", args=[routine.pk]))
    assertContains(response, "about 5 min (320 s)")


def article_form(topic, routine=None, status="draft", **overrides):
    """The POST an editor's browser sends for a new article with two sections."""
    data = {
        "title": "Desk hips",
        "slug": "desk-hips",
        "topic": topic.pk,
        "standfirst": "Loosen your hips without leaving your chair.",
        "status": status,
        "published_at_0": "",
        "published_at_1": "",
        "hero_alt": "",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "0",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "sections-0-order": "1",
        "sections-0-heading": "Why desks tighten hips",
        "sections-0-body": "Sitting keeps the hip flexors **short**.",
        "sections-1-order": "2",
        "sections-1-heading": "The chair routine",
        "sections-1-body": "Do this every hour.",
        "sections-1-routine": routine.pk if routine else "",
        "_continue": "Save and continue editing",
    }
    data.update(overrides)
    return data


def test_editor_writes_previews_and_publishes_an_article(editor_client):
    """Draft: invisible to the public, previewable by staff; published: on its topic page."""
    client = Client()  # a reader, not signed in
    topic = TopicFactory(name="Desk and office")
    routine = RoutineFactory(name="Chair hips", steps=3)
    response = editor_client.post(reverse("admin:stretches_article_add"), article_form(topic, routine))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="desk-hips")
    assert [s.heading for s in article.sections.all()] == ["Why desks tighten hips", "The chair routine"]
    assert article.author.username == "edna"

    assert client.get("/stretches/desk-hips/").status_code == 404
    assertNotContains(client.get(topic.get_absolute_url()), "Desk hips")
    preview = editor_client.get("/stretches/desk-hips/")
    assertContains(preview, "This article is a draft")
    assertContains(preview, "Chair hips")
    assertContains(preview, "3-part sequence")

    change = reverse("admin:stretches_article_changelist")
    response = editor_client.post(change, {"action": "publish", "_selected_action": [article.pk]})
    assert response.status_code == 302
    page = client.get("/stretches/desk-hips/")
    assertContains(page, "<strong>short</strong>", html=True)
    assertNotContains(page, "Preview.")
    assertContains(client.get(topic.get_absolute_url()), "Desk hips")


def test_editor_builds_a_routine_with_ordered_steps(editor_client):
    first, second = StretchFactory(name="Knee hug"), StretchFactory(name="Figure four")
    data = {
        "name": "Morning hips",
        "slug": "morning-hips",
        "technique": "static",
        "setting": "floor",
        "description": "",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        "steps-0-order": "2",
        "steps-0-stretch": first.pk,
        "steps-0-rest_seconds": "0",
        "steps-1-order": "1",
        "steps-1-stretch": second.pk,
        "steps-1-repetitions": "3",
        "steps-1-hold_seconds": "30",
        "steps-1-sides": "one",
        "steps-1-rest_seconds": "10",
    }
    response = editor_client.post(reverse("admin:stretches_routine_add"), data)
    assert response.status_code == 302
    routine = Routine.objects.get(slug="morning-hips")
    assert [step.stretch.name for step in routine.steps.all()] == ["Figure four", "Knee hug"]
    assert routine.total_seconds() == 3 * 32 + 10 + 2 * 10 * 4


def test_editor_cannot_manage_accounts(editor_client):
    assert editor_client.get(reverse("admin:members_user_changelist")).status_code == 403


def test_refused_article_form_keeps_what_was_typed(editor_client):
    topic = TopicFactory()
    data = article_form(topic, slug="not a slug!", **{"sections-1-video_id": "abc"})
    response = editor_client.post(reverse("admin:stretches_article_add"), data)
    assert response.status_code == 200
    assertContains(response, "Loosen your hips without leaving your chair.")
    assertContains(response, "Sitting keeps the hip flexors **short**.")
    assertContains(response, "Give both the video")
    assert not Article.objects.exists()


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
            "image": uploaded_png(),
            "image_alt": "",
        },
    )
    assertContains(response, "Describe the picture for someone who cannot see it.")
    cta = {"headline": "h", "text": "t", "link_url": "/", "link_label": "l"}
    add_cta = reverse("admin:stretches_calltoaction_add")
    response = editor_client.post(add_cta, {**cta, "image": uploaded_png(), "image_alt": ""})
    assertContains(response, "Describe the picture, or tick")
    response = editor_client.post(add_cta, {**cta, "image": uploaded_png(), "image_decorative": "on"})
    assert response.status_code == 302


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
