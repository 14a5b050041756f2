"""The guided player's page as the server sends it: the same bytes for every signed-out reader,
the player's parts ready for its script, and a script small enough for a phone."""

import gzip
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import ArticleFactory, RoutineFactory, SectionFactory
from tests.helpers import member_client

pytestmark = pytest.mark.django_db

PLAYER = Path(settings.BASE_DIR) / "static" / "js" / "player"
URL = "/stretches/routines/hip-sequence/play/"


@pytest.fixture
def routine():
    routine = RoutineFactory(name="Four-part hip sequence", slug="hip-sequence", steps=4)
    SectionFactory(article=ArticleFactory(), routine=routine)
    return routine


def test_the_signed_out_player_page_is_the_same_for_everyone_and_sets_no_cookie(routine):
    first, second = Client().get(URL), Client().get(URL)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert "Set-Cookie" not in first.headers and "Set-Cookie" not in second.headers
    assert not first.cookies and not second.cookies


def test_the_player_page_carries_the_player_hidden_until_its_script_shows_it(client, routine):
    response = client.get(URL)
    assertContains(response, '<link rel="stylesheet" href="/static/css/player.css">', html=True)
    assertContains(response, '<script type="module" src="/static/js/player/main.js"></script>', html=True)
    assertContains(response, 'class="player__screen" data-player-screen hidden')
    assertContains(response, '<p class="visually-hidden" aria-live="polite" data-player-live></p>', html=True)
    for name in ("Exit", "Back", "Start", "Skip", "Restart"):
        assertContains(response, f">{name}</button>")
    assertContains(response, 'class="player__fallback" data-player-fallback>')  # the steps, without JS
    assertContains(response, "data-player-join")
    assertNotContains(response, "data-practice-log")
    assertNotContains(response, " style=")


def test_a_member_gets_the_log_form_with_the_routine_and_its_seconds(routine):
    response = member_client().get(URL)
    assertContains(response, 'action="/practice/log/"')
    assertContains(response, '<input type="hidden" name="routine" value="hip-sequence">', html=True)
    assertContains(response, f'value="{routine.total_seconds()}" data-practice-seconds')
    assertContains(response, "Log this session?")
    assertNotContains(response, "data-player-join")


def test_the_player_is_small_modules_with_one_job_each_and_only_the_offline_one_fetches():
    """Each module ≤ 350 lines, all of them ≤ 8 KB gzipped (each file compressed on its own, as
    served); only offline.js talks to the network (the worker, and a log kept offline)."""
    modules = sorted(PLAYER.glob("*.js"))
    assert {path.name for path in modules} >= {
        "main.js",
        "clock.js",
        "segments.js",
        "screen.js",
        "sound.js",
        "offline.js",
    }
    sizes = 0
    for path in modules:
        source = path.read_text()
        assert len(source.splitlines()) <= 350, path.name
        sizes += len(gzip.compress(source.encode(), compresslevel=9))
        for forbidden in ("eval(", "innerHTML", "XMLHttpRequest", "sendBeacon"):
            assert forbidden not in source, (path.name, forbidden)
        if path.name != "offline.js":
            assert "fetch(" not in source, path.name
    assert sizes <= 8 * 1024, sizes


def test_the_service_worker_is_served_from_the_root_named_for_the_release_and_never_kept(client):
    from pagecache.versions import release

    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert f'const CACHE = "limber-{release()}";' in response.content.decode()


def test_the_manifest_names_the_icons_and_opens_standalone(client):
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    assertContains(client.get("/"), '<link rel="manifest" href="/manifest.webmanifest">', html=True)
