"""The editor's desk, server side: a live preview of what is typed (saved nowhere, cached
nowhere), publishing checks beside their fields, and revisions an editor compares and restores."""

import re

import pytest
import reversion
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from stretches.models import Article, Muscle, Routine, Section
from tests.factories import ArticleFactory, RoutineFactory, SectionFactory, StretchFactory, TopicFactory
from tests.helpers import member_client, uploaded_png
from tests.test_admin import article_form

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:stretches_article_change", args=[article.pk])


def preview_url(article):
    return reverse("admin:stretches_article_preview", args=[article.pk])


def saved_form(article, **overrides):
    """What the change page posts for `article`, its sections as saved, with `overrides`."""
    sections = list(article.sections.all())
    data = {
        "title": article.title,
        "slug": article.slug,
        "topic": article.topic_id,
        "standfirst": article.standfirst,
        "status": article.status,
        "published_at_0": article.published_at.strftime("%Y-%m-%d") if article.published_at else "",
        "published_at_1": article.published_at.strftime("%H:%M:%S") if article.published_at else "",
        "hero_alt": article.hero_alt,
        "author": article.author_id or "",
        "comments_open": "on",
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": str(len(sections)),
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "_continue": "Save and continue editing",
    }
    for index, section in enumerate(sections):
        prefix = f"sections-{index}-"
        data.update(
            {
                prefix + "id": section.pk,
                prefix + "article": article.pk,
                prefix + "order": section.order,
                prefix + "heading": section.heading,
                prefix + "body": section.body,
                prefix + "image_alt": section.image_alt,
                prefix + "routine": section.routine_id or "",
            }
        )
    data.update(overrides)
    return data


@pytest.fixture
def hip(editor_client):
    """An article the editor wrote in the admin (so its first revision is kept), with two sections."""
    topic = TopicFactory(name="Hips")
    data = article_form(topic, RoutineFactory(steps=2), status="published", title="Hip basics", slug="hip")
    response = editor_client.post(reverse("admin:stretches_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Article.objects.get(slug="hip")


# The live preview


def test_preview_shows_unsaved_text_in_the_site_page_and_keeps_nothing(editor_client, hip):
    reader = Client()
    assertContains(reader.get("/stretches/hip/"), "Do this every hour.")  # cached for readers now
    data = saved_form(hip, **{"sections-1-body": "Stand up every **half hour**.", "title": "Hips today"})

    answer = editor_client.post(preview_url(hip), data).json()

    assert "Stand up every <strong>half hour</strong>." in answer["html"]
    assert "<h1" in answer["html"] and "Hips today" in answer["html"]
    assert "/static/css/site" in answer["html"]  # the site's own styles, not the admin's
    assert "This article is a draft" not in answer["html"]
    hip.refresh_from_db()
    assert hip.title == "Hip basics"
    assert Section.objects.filter(body__contains="half hour").count() == 0
    assert Version.objects.get_for_object(hip).count() == 1
    page = reader.get("/stretches/hip/")
    assertContains(page, "Do this every hour.")
    assertNotContains(page, "half hour")


def test_preview_follows_the_order_numbers_and_leaves_out_deleted_sections(editor_client, hip):
    first, second = hip.sections.all()
    data = saved_form(hip, **{"sections-0-order": "5", "sections-1-order": "1"})
    html = editor_client.post(preview_url(hip), data).json()["html"]
    assert html.index(second.heading) < html.index(first.heading)

    data["sections-0-DELETE"] = "on"
    html = editor_client.post(preview_url(hip), data).json()["html"]
    assert first.heading not in html


def test_preview_shows_a_members_only_article_as_a_reader_and_as_a_member(editor_client, hip):
    data = saved_form(hip, members_only="on")
    as_reader = editor_client.post(preview_url(hip), {**data, "_desk_view": "reader"}).json()["html"]
    as_member = editor_client.post(preview_url(hip), {**data, "_desk_view": "member"}).json()["html"]
    assert "The rest of this article is for members" in as_reader
    assert "Do this every hour." not in as_reader
    assert "Do this every hour." in as_member
    assert "Log in" in as_reader  # the signed-out header


def test_preview_lists_the_publishing_checks_of_what_is_typed(editor_client, hip):
    data = saved_form(hip, standfirst="x" * 200, **{"sections-0-body": "", "sections-0-heading": "Empty"})
    problems = editor_client.post(preview_url(hip), data).json()["problems"]
    fields = {(problem["level"], problem["field"]) for problem in problems}
    assert ("warning", "standfirst") in fields
    assert ("error", "sections-0-body") in fields


def test_preview_of_a_new_article_a_stretch_and_a_routine(editor_client):
    topic = TopicFactory()
    add = reverse("admin:stretches_article_preview_add")
    answer = editor_client.post(add, article_form(topic, title="A brand new page")).json()
    assert "A brand new page" in answer["html"]
    assert "Why desks tighten hips" in answer["html"]
    assert Article.objects.count() == 0

    stretch = StretchFactory(name="Knee hug")
    data = {
        "name": "Knee hug, renamed",
        "slug": stretch.slug,
        "muscles": [Muscle.objects.named("Lower back").pk],
        "position": "floor",
        "instructions": "Lie down.\nHug one knee.",
        "default_repetitions": "1",
        "default_hold_seconds": "20",
        "sides": "both",
        "image_alt": stretch.image_alt,
    }
    url = reverse("admin:stretches_stretch_preview", args=[stretch.pk])
    html = editor_client.post(url, data).json()["html"]
    assert "Knee hug, renamed" in html
    assert ">Lower back</a>" in html and ">Gluteals</a>" not in html  # the muscles chosen, unsaved

    routine = RoutineFactory(name="Morning")
    steps = {
        "name": "Morning",
        "slug": routine.slug,
        "technique": "static",
        "setting": "floor",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "0",
        "steps-0-order": "2",
        "steps-0-stretch": stretch.pk,
        "steps-0-rest_seconds": "0",
        "steps-1-order": "1",
        "steps-1-stretch": StretchFactory(name="Cat and cow").pk,
        "steps-1-rest_seconds": "0",
    }
    url = reverse("admin:stretches_routine_preview", args=[routine.pk])
    html = editor_client.post(url, steps).json()["html"]
    assert "2-part sequence" in html
    assert html.index("Cat and cow") < html.index("Knee hug")
    assert routine.steps.count() == 0


def test_only_editors_preview_and_only_by_post(editor_client, hip):
    assert editor_client.get(preview_url(hip)).status_code == 405
    assert Client().post(preview_url(hip), saved_form(hip)).status_code == 302  # to the login page
    member = member_client()
    assert member.post(preview_url(hip), saved_form(hip)).status_code == 302
    missing = reverse("admin:stretches_article_preview", args=[999999])
    assert editor_client.post(missing, saved_form(hip)).status_code == 404


def test_hostile_preview_input_never_breaks_it(editor_client, hip):
    for junk in ({"sections-TOTAL_FORMS": "x"}, {"sections-0-order": "9" * 40}, {"topic": "<b>"}):
        response = editor_client.post(preview_url(hip), saved_form(hip, **junk))
        assert response.status_code in (200, 400), junk


def test_preview_costs_the_same_however_many_sections(editor_client):
    def queries_for(size):
        article = ArticleFactory(sections=size)
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.post(preview_url(article), saved_form(article)).status_code == 200
        return len(queries)

    queries_for(1)
    assert queries_for(2) == queries_for(12)


# Links chosen by name


def test_editor_finds_pages_to_link_to_by_name(editor_client):
    ArticleFactory(title="Hip flexor basics", slug="hip-flexor-basics")
    ArticleFactory(title="Hip secrets", draft=True)
    StretchFactory(name="Hip circle", slug="hip-circle")
    url = reverse("admin:stretches_article_links")
    results = editor_client.get(url, {"q": "hip"}).json()["results"]
    url_of = {result["label"]: (result["title"], result["url"]) for result in results}
    assert url_of["Hip flexor basics (article)"] == ("Hip flexor basics", "/stretches/hip-flexor-basics/")
    assert url_of["Hip circle (stretch)"] == ("Hip circle", "/stretches/library/hip-circle/")
    assert not any("secrets" in result["label"] for result in results)
    assert editor_client.get(url, {"q": ""}).json() == {"results": []}
    assert Client().get(url, {"q": "hip"}).status_code == 302


# Checks before publishing


def test_publishing_is_refused_beside_each_problem_and_a_draft_saves(editor_client):
    topic = TopicFactory()
    draft = ArticleFactory(title="Still a draft", slug="still-a-draft", draft=True)
    body = "See [the other one](/stretches/still-a-draft/) first."
    data = article_form(
        topic,
        status="published",
        **{"sections-0-image": uploaded_png(), "sections-0-image_alt": "", "sections-1-body": body},
    )
    response = editor_client.post(reverse("admin:stretches_article_add"), data)

    assert response.status_code == 200
    assert not Article.objects.filter(slug="desk-hips").exists()
    sections = response.context["inline_admin_formsets"][0].formset.forms
    assert "image_alt" in sections[0].errors
    assert "draft" in sections[1].errors["body"][0]
    assertContains(response, draft.title)
    # Each beside its field: the admin marks the rows of the fields in error.
    assertContains(response, "form-row errors field-image_alt")
    assertContains(response, "form-row errors field-body")
    assertContains(response, "Sitting keeps the hip flexors **short**.")  # what was typed stays

    data = article_form(
        topic,
        status="draft",
        **{"sections-0-image": uploaded_png(), "sections-0-image_alt": "", "sections-1-body": body},
    )
    response = editor_client.post(reverse("admin:stretches_article_add"), data, follow=True)
    article = Article.objects.get(slug="desk-hips")
    assert article.status == Article.Status.DRAFT
    assertContains(response, "Before it can be published")


def test_a_decorative_picture_needs_no_description(editor_client):
    data = article_form(
        TopicFactory(),
        status="published",
        **{"sections-0-image": uploaded_png(), "sections-0-image_decorative": "on"},
    )
    response = editor_client.post(reverse("admin:stretches_article_add"), data)
    assert response.status_code == 302
    assert Article.objects.get(slug="desk-hips").status == Article.Status.PUBLISHED


def test_publishing_warns_about_a_long_standfirst_and_publishes(editor_client):
    data = article_form(TopicFactory(), status="published", standfirst="A word " * 30)
    response = editor_client.post(reverse("admin:stretches_article_add"), data, follow=True)
    assert Article.objects.get(slug="desk-hips").status == Article.Status.PUBLISHED
    assertContains(response, "search engines show about 160")


def test_the_publish_action_publishes_only_what_passes_its_checks(editor_client):
    good = ArticleFactory(title="Good", draft=True)
    SectionFactory(article=good)
    empty = ArticleFactory(title="Empty", draft=True)
    SectionFactory(article=empty, body="", heading="Nothing here")
    changelist = reverse("admin:stretches_article_changelist")
    response = editor_client.post(
        changelist, {"action": "publish", "_selected_action": [good.pk, empty.pk]}, follow=True
    )
    good.refresh_from_db()
    empty.refresh_from_db()
    assert good.status == Article.Status.PUBLISHED
    assert empty.status == Article.Status.DRAFT
    assertContains(response, "Not published, “Empty”")


def test_articles_with_problems_are_listed_for_editors(editor_client, django_assert_max_num_queries):
    SectionFactory(article=ArticleFactory(title="Fine"))
    broken = ArticleFactory(title="Broken link")
    SectionFactory(article=broken, body="Go [here](/stretches/nowhere-at-all/).")
    url = reverse("admin:stretches_article_problems")
    assertContains(editor_client.get(reverse("admin:stretches_article_changelist")), url)
    with django_assert_max_num_queries(12):
        response = editor_client.get(url)
    assertContains(response, "Broken link")
    assertContains(response, "/stretches/nowhere-at-all/")
    assertNotContains(response, ">Fine<")


def test_a_routine_in_a_published_article_keeps_a_step(editor_client):
    routine = RoutineFactory(steps=1)
    SectionFactory(article=ArticleFactory(), routine=routine)
    step = routine.steps.get()
    data = {
        "name": routine.name,
        "slug": routine.slug,
        "technique": routine.technique,
        "setting": routine.setting,
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "1",
        "steps-0-id": step.pk,
        "steps-0-routine": routine.pk,
        "steps-0-order": "0",
        "steps-0-stretch": step.stretch_id,
        "steps-0-rest_seconds": "0",
        "steps-0-DELETE": "on",
    }
    response = editor_client.post(reverse("admin:stretches_routine_change", args=[routine.pk]), data)
    assertContains(response, "it needs at least one step")
    assert Routine.objects.get().steps.count() == 1


# Revisions


def test_every_save_keeps_a_revision_with_its_sections(editor_client, hip):
    editor_client.post(change_url(hip), saved_form(hip, title="Hip basics, again"))
    versions = Version.objects.get_for_object(hip)
    assert versions.count() == 2
    newest = versions.first().revision
    assert newest.user.first_name == "Edna"
    assert newest.get_comment()
    kept = {
        version.field_dict["heading"]
        for version in newest.version_set.all()
        if version.content_type.model == "section"
    }
    assert kept == {"Why desks tighten hips", "The chair routine"}


def test_restoring_the_first_revision_after_three_edits(editor_client, hip):
    reader = Client()
    first = Version.objects.get_for_object(hip).get()
    editor_client.post(change_url(hip), saved_form(hip, title="Second title"))
    editor_client.post(change_url(hip), saved_form(hip, **{"sections-0-heading": "A new heading"}))
    data = saved_form(hip, title="Fourth title", **{"sections-1-DELETE": "on"})
    editor_client.post(change_url(hip), data)
    assert [s.heading for s in hip.sections.all()] == ["A new heading"]
    assertContains(reader.get("/stretches/hip/"), "Fourth title")  # and now in the page cache

    restore = reverse("admin:stretches_article_restore", args=[hip.pk, first.pk])
    response = editor_client.post(restore, follow=True)

    assertContains(response, "Restored the revision of")
    hip.refresh_from_db()
    assert hip.title == "Hip basics"
    assert [s.heading for s in hip.sections.all()] == ["Why desks tighten hips", "The chair routine"]
    page = reader.get("/stretches/hip/")
    assertContains(page, "Hip basics")
    assertContains(page, "The chair routine")
    assertNotContains(page, "Fourth title")
    assertNotContains(page, "A new heading")
    assert Version.objects.get_for_object(hip).count() == 5  # the restore is a revision too
    assert editor_client.get(restore).status_code == 405


def test_compare_shows_what_changed_in_a_section(editor_client, hip):
    editor_client.post(change_url(hip), saved_form(hip, **{"sections-0-body": "Sitting keeps them tight."}))
    newer, older = Version.objects.get_for_object(hip)
    url = reverse("admin:stretches_article_compare", args=[hip.pk])
    history = editor_client.get(reverse("admin:stretches_article_history", args=[hip.pk]))
    assertContains(history, "Compare the chosen revisions")
    assertContains(history, "Restore this revision")

    response = editor_client.get(url, {"from": older.pk, "to": newer.pk})

    assertContains(response, "Why desks tighten hips")
    assertContains(response, "<del>hip flexors **short**.</del>", html=False)
    assertContains(response, "<ins>tight.</ins>", html=False)
    assertNotContains(response, "<h3>The chair routine")  # unchanged sections are left out
    response = editor_client.get(url, {"from": "x", "to": newer.pk}, follow=True)
    assertContains(response, "Choose two revisions to compare.")


def test_a_routine_keeps_revisions_of_its_steps_and_restores_them(editor_client):
    hug, cat = StretchFactory(name="Knee hug"), StretchFactory(name="Cat and cow")
    form = {
        "name": "Morning",
        "slug": "morning",
        "technique": "static",
        "setting": "floor",
        "description": "",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "0",
        "steps-0-order": "1",
        "steps-0-stretch": hug.pk,
        "steps-0-rest_seconds": "0",
    }
    assert editor_client.post(reverse("admin:stretches_routine_add"), form).status_code == 302
    routine = Routine.objects.get(slug="morning")
    SectionFactory(article=ArticleFactory(), routine=routine)  # so readers see its page
    step = routine.steps.get()
    changed = {
        **form,
        "name": "Morning, longer",
        "steps-TOTAL_FORMS": "2",
        "steps-INITIAL_FORMS": "1",
        "steps-0-id": step.pk,
        "steps-0-routine": routine.pk,
        "steps-1-order": "2",
        "steps-1-stretch": cat.pk,
        "steps-1-rest_seconds": "0",
    }
    editor_client.post(reverse("admin:stretches_routine_change", args=[routine.pk]), changed)
    assertContains(Client().get(routine.get_absolute_url()), "Cat and cow")
    newer, older = Version.objects.get_for_object(routine)

    compare = reverse("admin:stretches_routine_compare", args=[routine.pk])
    response = editor_client.get(compare, {"from": older.pk, "to": newer.pk})
    assertContains(response, "Cat and cow")
    assertContains(response, "added")

    editor_client.post(reverse("admin:stretches_routine_restore", args=[routine.pk, older.pk]))
    page = Client().get(routine.get_absolute_url())
    assertContains(page, "Knee hug")
    assertNotContains(page, "Cat and cow")
    assert Routine.objects.get().name == "Morning"


def test_a_stretch_keeps_revisions(editor_client):
    stretch = StretchFactory(name="Knee hug")
    data = {
        "name": "Knee hug to the chest",
        "slug": stretch.slug,
        "muscles": [muscle.pk for muscle in stretch.muscles.all()],
        "position": "floor",
        "instructions": stretch.instructions,
        "default_repetitions": "1",
        "default_hold_seconds": "20",
        "sides": "both",
        "image_alt": stretch.image_alt,
    }
    url = reverse("admin:stretches_stretch_change", args=[stretch.pk])
    assert editor_client.post(url, data).status_code == 302
    more = [*data["muscles"], Muscle.objects.named("Lower back").pk]
    editor_client.post(url, {**data, "name": "Knee hug, again", "muscles": more})
    newer, older = Version.objects.get_for_object(stretch)
    assert (older.field_dict["name"], newer.field_dict["name"]) == (
        "Knee hug to the chest",
        "Knee hug, again",
    )
    response = editor_client.get(
        reverse("admin:stretches_stretch_compare", args=[stretch.pk]), {"from": older.pk, "to": newer.pk}
    )
    assertContains(response, "<ins>again</ins>", html=False)
    assert re.search(r"<ins>[^<]*Lower", response.content.decode())  # muscles compared by name


def test_a_revision_naming_a_deleted_routine_is_not_restored(editor_client, hip):
    first = Version.objects.get_for_object(hip).get()
    routine = hip.sections.exclude(routine=None).get().routine
    editor_client.post(change_url(hip), saved_form(hip, **{"sections-1-routine": ""}))
    Section.objects.filter(routine=routine).update(routine=None)
    routine.delete()

    response = editor_client.post(
        reverse("admin:stretches_article_restore", args=[hip.pk, first.pk]), follow=True
    )

    assertContains(response, "cannot be restored")
    assert hip.sections.count() == 2


def test_restoring_one_article_leaves_the_others_of_its_revision_alone(editor_client):
    with reversion.create_revision():  # as the demo's first load, or an action over several
        one, other = ArticleFactory(title="One"), ArticleFactory(title="Other")
        SectionFactory(article=one, heading="One's section")
        SectionFactory(article=other, heading="Other's section")
    first = Version.objects.get_for_object(one).get()
    editor_client.post(change_url(other), saved_form(other, title="Other, changed"))
    SectionFactory(article=other, heading="Added to the other")

    editor_client.post(reverse("admin:stretches_article_restore", args=[one.pk, first.pk]))

    other.refresh_from_db()
    assert other.title == "Other, changed"
    assert [s.heading for s in other.sections.all()] == ["Other's section", "Added to the other"]
    compare = reverse("admin:stretches_article_compare", args=[one.pk])
    versions = Version.objects.get_for_object(one)
    response = editor_client.get(compare, {"from": versions.last().pk, "to": versions.first().pk})
    assertNotContains(response, "Other's section")


def test_restoring_an_older_address_keeps_the_newer_one_working(editor_client, hip):
    first = Version.objects.get_for_object(hip).get()
    editor_client.post(change_url(hip), saved_form(hip, slug="hip-renamed"))
    editor_client.post(reverse("admin:stretches_article_restore", args=[hip.pk, first.pk]))
    hip.refresh_from_db()
    assert hip.slug == "hip"
    response = Client().get("/stretches/hip-renamed/")
    assert (response.status_code, response["Location"]) == (301, "/stretches/hip/")


def test_the_preview_keeps_nothing_in_the_fragment_cache(editor_client, hip, monkeypatch):
    kept = []
    store = caches["fragments"]
    monkeypatch.setattr(store, "set", lambda key, *args, **kwargs: kept.append(key))
    data = saved_form(hip, **{"sections-0-body": "Only in the preview."})
    assert "Only in the preview." in editor_client.post(preview_url(hip), data).json()["html"]
    assert kept == []


def test_the_preview_is_the_signed_out_readers_page_unless_asked_for_a_members(editor_client, hip):
    as_reader = editor_client.post(preview_url(hip), saved_form(hip)).json()["html"]
    assert "Log in" in as_reader
    as_member = editor_client.post(preview_url(hip), {**saved_form(hip), "_desk_view": "member"})
    assert "Log in" not in as_member.json()["html"]


def test_numbers_that_are_not_ascii_digits_are_no_numbers(editor_client, hip):
    version = Version.objects.get_for_object(hip).get()
    compare = reverse("admin:stretches_article_compare", args=[hip.pk])
    response = editor_client.get(compare, {"from": "²", "to": version.pk}, follow=True)
    assertContains(response, "Choose two revisions to compare.")
    response = editor_client.post(preview_url(hip), saved_form(hip, **{"sections-0-order": "²"}))
    assert response.status_code == 200


def test_the_change_page_says_when_the_page_was_last_saved(editor_client, hip):
    response = editor_client.get(change_url(hip))
    assertContains(response, f'data-saved-at="{int(hip.updated_at.timestamp() * 1000)}"')
