"""The player's focused mode on a phone: Start in view without scrolling, then the player alone
on the screen with a large timer and large targets; Escape, Exit and the back button leave it;
the cues follow the routine; the end offers one "Start again"."""

import pytest

from tests.test_player_browser import (
    axe_violations,
    button,
    open_player,
    routine,
    run,
)

__all__ = ["routine"]  # the fixture, shared with the player's other browser tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONES = [{"width": 390, "height": 844}, {"width": 360, "height": 640}]


def inside(page, locator):
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box["y"] >= 0
        and box["x"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] + box["width"] <= size["width"]
    )


@pytest.mark.parametrize("viewport", PHONES, ids=["390x844", "360x640"])
def test_start_is_in_view_and_playing_fills_the_screen_with_a_large_timer(page, routine, viewport):
    """At a phone's size Start needs no scrolling; after it the site's header is gone, the timer
    is at least a quarter of the screen's height, every control is 48 px or more."""
    page.set_viewport_size(viewport)
    open_player(page, routine)
    assert page.evaluate("scrollY") == 0
    assert inside(page, button(page, "Start"))
    assert page.locator(".site-header").is_visible()  # a positive control
    button(page, "Start").click()
    run(page, 3)
    assert page.locator(".site-header").is_hidden() and page.locator(".breadcrumbs").is_hidden()
    timer = page.locator(".player__timer").bounding_box()
    assert timer["height"] >= 0.25 * viewport["height"], timer
    for name in ("Pause", "Back", "Skip", "Exit"):
        control = button(page, name)
        assert inside(page, control), name
        box = control.bounding_box()
        assert box["width"] >= 48 and box["height"] >= 48, (name, box)
    assert inside(page, page.locator("[data-player-figure] img:visible"))
    assert inside(page, page.locator("[data-player-cue]"))
    page.clock.resume()
    assert axe_violations(page) == []
    assert page.evaluate("window.cspViolations || []") == []
    assert page.console_errors == []
