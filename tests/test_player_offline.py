"""The player offline: a routine opened once plays again with no connection, with nothing it
needs failing; a signed-in page is never kept; a member's session logged offline is sent once
the connection returns."""

import playwright.sync_api
import pytest

from practice.models import PracticeSession
from tests.test_player_browser import READ, button, open_player, routine, run, sign_in

__all__ = ["routine"]  # the fixture, shared with the player's other browser tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def kept(page):
    """Wait until the service worker says it has kept the routine."""
    page.wait_for_selector("[data-player][data-offline=kept]", state="attached")


def test_a_routine_opened_once_plays_to_the_end_with_no_connection(page, routine):
    open_player(page, routine)
    kept(page)
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.context.set_offline(True)
    page.reload()
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    assert page.evaluate(READ)["name"] == "Knee to chest"
    assert page.locator("[data-player-figure] img").count() == 4
    button(page, "Start").click()
    run(page, routine.total_seconds())
    screen = page.evaluate(READ)
    assert screen["state"] == "finished" and screen["left"] == "0:00"
    assert button(page, "Start again").count() == 1
    assert page.evaluate("document.fonts.check('1em \"Source Sans 3\"')")
    assert [url for url in failed if not url.endswith("/sw.js")] == []
    assert page.console_errors == []


def test_a_signed_in_page_is_not_kept_for_offline(page, routine, member):
    sign_in(page, member)
    open_player(page, routine)
    assert page.locator("[data-practice-log]").count() == 1  # the member's own page
    kept(page)
    page.context.set_offline(True)
    with pytest.raises(playwright.sync_api.Error):
        page.reload()


def test_a_session_logged_offline_is_kept_and_sent_once_when_back_online(page, routine, member):
    sign_in(page, member)
    open_player(page, routine)
    button(page, "Start").click()
    run(page, routine.total_seconds())
    page.context.set_offline(True)
    button(page, "Log it").click()
    saved = page.locator("[data-player-saved]")
    assert "Saved on this device" in saved.inner_text()
    assert PracticeSession.objects.filter(user=member).count() == 0
    page.context.set_offline(False)
    page.wait_for_function("() => document.querySelector('[data-player-saved]').textContent.includes('sent')")
    [session] = PracticeSession.objects.filter(user=member)
    assert session.seconds == routine.total_seconds() and session.completed
    assert page.evaluate("localStorage.getItem('limber.player.unsent')") == "[]"
    assert page.console_errors == []
