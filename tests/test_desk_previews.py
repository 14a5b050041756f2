"""The live preview of a page nobody has saved yet: whatever is still empty (dates, pictures,
sections, steps), the editor sees the page as far as it goes, never an error."""

import itertools

import pytest
from django.urls import reverse

from stretches.models import Article, Routine, Stretch
from tests.factories import RoutineFactory, StretchFactory, TopicFactory

pytestmark = pytest.mark.django_db

INLINES = {
    "sections": ("sections-TOTAL_FORMS", "sections-INITIAL_FORMS"),
    "references": ("references-TOTAL_FORMS", "references-INITIAL_FORMS"),
    "steps": ("steps-TOTAL_FORMS", "steps-INITIAL_FORMS"),
}


def _management(*inlines, rows=0):
    data = {}
    for name in inlines:
        total, initial = INLINES[name]
        data.update({total: str(rows if name in ("sections", "steps") else 0), initial: "0"})
        data.update({f"{name}-MIN_NUM_FORMS": "0", f"{name}-MAX_NUM_FORMS": "1000"})
    return data


def _preview(client, model, data):
    response = client.post(reverse(f"admin:stretches_{model}_preview_add"), data)
    assert response.status_code == 200, data
    return response.json()


ARTICLE_CHOICES = {
    "title": ("", "A page in the making"),
    "status": ("draft", "published"),
    "published_at": (("", ""), ("2026-01-05", "09:00:00"), ("2099-01-01", "09:00:00"), ("soon", "")),
    "topic": (False, True),
    "sections": ("none", "empty", "written"),
}


def test_a_new_article_previews_with_any_field_empty_or_set(editor_client):
    topic, routine = TopicFactory(name="Hips"), RoutineFactory(steps=1)
    names = list(ARTICLE_CHOICES)
    for values in itertools.product(*ARTICLE_CHOICES.values()):
        choice = dict(zip(names, values, strict=True))
        date, time = choice["published_at"]
        rows = {"none": 0, "empty": 1, "written": 2}[choice["sections"]]
        data = {
            **_management("sections", "references", rows=rows),
            "title": choice["title"],
            "status": choice["status"],
            "published_at_0": date,
            "published_at_1": time,
            "topic": topic.pk if choice["topic"] else "",
        }
        if choice["sections"] == "empty":
            data.update({"sections-0-order": "", "sections-0-heading": "", "sections-0-body": ""})
        if choice["sections"] == "written":
            data.update(
                {
                    "sections-0-order": "1",
                    "sections-0-heading": "Why hips tighten",
                    "sections-0-body": "Sitting keeps them short.",
                    "sections-1-order": "2",
                    "sections-1-heading": "A routine",
                    "sections-1-routine": routine.pk,
                }
            )
        answer = _preview(editor_client, "article", data)
        if choice["title"]:
            assert choice["title"] in answer["html"]
        if choice["sections"] == "written":
            assert "Why hips tighten" in answer["html"]
    assert _preview(editor_client, "article", {})["html"]  # not even the inline forms' counts
    assert Article.objects.count() == 0


def test_a_new_stretch_previews_with_any_field_empty_or_set(editor_client):
    for name, hold, reps, sides in itertools.product(
        ("", "Knee hug"), ("", "20", "x"), ("", "3"), ("", "both", "one")
    ):
        data = {
            "name": name,
            "default_hold_seconds": hold,
            "default_repetitions": reps,
            "sides": sides,
            "position": "floor" if name else "",
            "instructions": "Lie down.\nHug one knee." if name else "",
        }
        answer = _preview(editor_client, "stretch", data)
        if name:
            assert "Knee hug" in answer["html"]
    assert Stretch.objects.count() == 0


def test_a_new_routine_previews_with_any_field_empty_or_set(editor_client):
    stretch = StretchFactory(name="Cat and cow")
    for name, steps in itertools.product(("", "Morning"), ("none", "empty", "chosen")):
        rows = {"none": 0, "empty": 1, "chosen": 1}[steps]
        data = {**_management("steps", rows=rows), "name": name, "technique": "", "setting": ""}
        if steps == "chosen":
            data.update({"steps-0-order": "1", "steps-0-stretch": stretch.pk, "steps-0-rest_seconds": ""})
        if steps == "empty":
            data.update({"steps-0-order": "", "steps-0-stretch": "", "steps-0-rest_seconds": ""})
        answer = _preview(editor_client, "routine", data)
        if steps == "chosen":
            assert "Cat and cow" in answer["html"]
    assert _preview(editor_client, "routine", {})["html"]
    assert Routine.objects.count() == 0
