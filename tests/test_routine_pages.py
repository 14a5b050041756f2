"""A routine's own pages: its steps and total time, the player's data, and a card to print."""

import json
import re

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from stretches.routine_pages import plan
from tests.factories import ArticleFactory, RoutineFactory, RoutineStepFactory, SectionFactory, StretchFactory
from tests.helpers import member_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def hip_routine():
    routine = RoutineFactory(
        name="Four-part hip sequence", slug="hip-sequence", steps=3, description="On the floor."
    )
    RoutineStepFactory(
        routine=routine,
        order=9,
        stretch=StretchFactory(
            name="Cat stretch", sides="one", default_hold_seconds=5, default_repetitions=3
        ),
        rest_seconds=15,
    )
    article = ArticleFactory(title="Hip stretches", slug="hip-stretches")
    SectionFactory(article=article, heading="The sequence", routine=routine)
    return routine


def test_a_routine_page_shows_its_steps_total_time_and_where_it_is_used(client, hip_routine):
    response = client.get("/stretches/routines/hip-sequence/")
    assertContains(response, '<h1 id="routine-title">Four-part hip sequence</h1>', html=True)
    assertContains(response, hip_routine.summary())
    assertContains(response, "4-part sequence")
    assertContains(response, "Active isolated stretching")
    assertContains(response, "On the floor")
    assertContains(response, "Cat stretch")
    assertContains(response, "3 × 5&nbsp;s hold · rest 15&nbsp;s")
    assertContains(response, 'href="/stretches/routines/hip-sequence/play/"')
    assertContains(response, 'href="/stretches/routines/hip-sequence/card/"')
    assertContains(response, 'href="/stretches/hip-stretches/"')  # the article that uses it


def test_articles_link_every_routine_box_to_its_page_and_player(client, hip_routine):
    response = client.get("/stretches/hip-stretches/")
    assertContains(response, 'href="/stretches/routines/hip-sequence/play/"')
    assertContains(response, 'href="/stretches/routines/hip-sequence/"')


def test_a_routine_only_in_a_draft_or_in_members_only_text_is_not_shown_to_who_cannot_read_it(client):
    draft_only = RoutineFactory(slug="draft-only", steps=1)
    SectionFactory(article=ArticleFactory(draft=True), routine=draft_only)
    gated = RoutineFactory(slug="gated", steps=1)
    SectionFactory(article=ArticleFactory(members_only=True), routine=gated)
    ada = member_client()
    for suffix in ("", "play/", "card/"):
        assert client.get(f"/stretches/routines/draft-only/{suffix}").status_code == 404
        assert client.get(f"/stretches/routines/gated/{suffix}").status_code == 404
        assert ada.get(f"/stretches/routines/gated/{suffix}").status_code == 200
    assert client.get("/stretches/routines/nothing-here/").status_code == 404


def test_the_player_plays_the_very_moments_the_total_time_adds_up(hip_routine):
    data = plan(hip_routine)
    assert data["total"] == hip_routine.total_seconds() == sum(segment[2] for segment in data["segments"])
    first = data["segments"][:4]
    assert first == [
        [0, "hold", 2, "left", 1],
        [0, "release", 2, "left", 1],
        [0, "hold", 2, "left", 2],
        [0, "release", 2, "left", 2],
    ]
    kinds = [segment[1] for segment in data["segments"] if segment[0] == 0]
    assert kinds.count("switch") == 1 and kinds.count("hold") == 20
    cat = [segment for segment in data["segments"] if segment[0] == 3]
    assert cat[-1] == [3, "rest", 15, "", 0]
    assert [segment[1] for segment in cat].count("hold") == 3 and "switch" not in [
        segment[1] for segment in cat
    ]
    assert data["steps"][3]["name"] == "Cat stretch"
    assert data["steps"][3]["cue"] == "Lie on your back."


def test_the_player_page_carries_its_plan_and_works_without_javascript(client, hip_routine):
    response = client.get("/stretches/routines/hip-sequence/play/")
    html = response.content.decode()
    data = json.loads(
        re.search(r'<script id="routine-plan" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    assert data == json.loads(json.dumps(plan(hip_routine)))
    assertContains(response, "Cat stretch")  # the step list, for a browser without JavaScript
    assertContains(response, '<meta name="robots" content="noindex">', html=True)
    assertNotContains(response, "csrfmiddlewaretoken")  # signed out: nothing personal
    assertContains(member_client().get("/stretches/routines/hip-sequence/play/"), 'action="/practice/log/"')


def test_signed_out_routine_and_player_pages_are_the_same_for_everyone_and_set_no_cookie(hip_routine):
    for url in ("/stretches/routines/hip-sequence/", "/stretches/routines/hip-sequence/play/"):
        first, second = Client().get(url), Client().get(url)
        assert first.content == second.content
        assert not first.cookies and not second.cookies
        assert "Set-Cookie" not in first.headers


def test_the_routine_card_has_each_step_its_dose_and_a_box_for_every_day(client, hip_routine):
    response = client.get("/stretches/routines/hip-sequence/card/")
    assertContains(response, "Cat stretch")
    assertContains(response, "3 × 5&nbsp;s; rest 15&nbsp;s")
    html = response.content.decode()
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        assert html.count(f'<span class="routine-card__day">{day} ') == 4  # a row of days under each step
    assertContains(response, 'class="routine-card__box"', count=4 * 7)
    assertContains(response, '<li class="routine-card__step">', count=4)
    assertContains(response, "data-print-page")


def test_each_step_on_the_card_has_its_key_cue(client, hip_routine):
    """The editor's first cue; else the stretch's own line saying what to feel; else the line
    after the starting position."""
    first, second, third, cat = hip_routine.steps.order_by("order")
    first.cues = "Knees soft, back long.\nBreathe out into it."
    first.save()
    second.stretch.instructions = "Lie down.\nLift one knee.\nHold until you feel the back of the thigh."
    second.stretch.save()
    cat.stretch.instructions = "Kneel on all fours.\nRound your back slowly."
    cat.stretch.save()
    response = client.get("/stretches/routines/hip-sequence/card/")
    cues = re.findall(r'<p class="routine-card__cue">([^<]*)</p>', response.content.decode())
    assert cues[0] == "Knees soft, back long."
    assert cues[1] == "Hold until you feel the back of the thigh."
    assert cues[3] == "Round your back slowly."


def test_a_routine_page_describes_its_routine_as_a_howto(client, hip_routine):
    html = client.get("/stretches/routines/hip-sequence/").content.decode()
    graph = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))[
        "@graph"
    ]
    [howto] = [node for node in graph if node["@type"] == "HowTo"]
    assert howto["name"] == "Four-part hip sequence"
    assert len(howto["step"]) == 4
    anchor = howto["step"][0]["url"].split("#")[1]
    assert f'id="{anchor}"' in html


@pytest.mark.parametrize("steps", [2, 8])
def test_routine_pages_cost_the_same_queries_however_many_steps(django_assert_num_queries, steps):
    routine = RoutineFactory(slug="r", steps=steps)
    SectionFactory(article=ArticleFactory(), routine=routine)
    for url, queries in (  # the step cards' muscles are one query more
        ("/stretches/routines/r/", 4),
        ("/stretches/routines/r/play/", 3),
        ("/stretches/routines/r/card/", 2),
    ):
        with django_assert_num_queries(queries):
            assert Client().get(url).status_code == 200


def test_an_edited_step_shows_on_the_routine_pages_at_once(client, hip_routine):
    for url in ("/stretches/routines/hip-sequence/", "/stretches/routines/hip-sequence/play/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    step = hip_routine.steps.last()
    step.rest_seconds = 45
    step.save()
    assertContains(client.get("/stretches/routines/hip-sequence/"), "rest 45&nbsp;s")
    assert plan(hip_routine)["segments"][-1] == [3, "rest", 45, "", 0]
