"""The player's focused mode on a phone: Start in view without scrolling, then the player alone
on the screen with a large timer and large targets; Escape, Exit and the back button leave it;
the cues follow the routine; the end offers one "Start again"."""

import pytest

from tests.test_player_browser import (
    READ,
    axe_violations,
    button,
    expected_moments,
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


@pytest.mark.parametrize("viewport", PHONES, ids=["390x844", "360x640"])
def test_at_every_second_on_a_phone_the_cue_side_and_rep_are_the_steps_own(page, routine, viewport):
    """Played through on a phone: each second shows the cue, side and rep the steps define, and
    the end offers one "Start again", the invitation to join, and no Skip or Restart."""
    page.set_viewport_size(viewport)
    open_player(page, routine)
    button(page, "Start").click()
    for second, expected in enumerate(expected_moments(routine)):
        screen = page.evaluate(READ)
        assert {key: screen[key] for key in expected} == expected, f"at {second} s"
        run(page, 1)
    assert page.evaluate(READ)["state"] == "finished"
    assert page.get_by_role("button", name="Start again").count() == 1
    assert button(page, "Start again").is_visible()
    assert button(page, "Skip").is_hidden() and button(page, "Restart").is_hidden()
    assert page.locator("[data-player-join]").is_visible()
    assert page.locator(".site-header").is_hidden()  # still the player alone
    page.clock.resume()
    assert axe_violations(page) == []


@pytest.mark.parametrize("how", ["Escape", "Exit", "back"])
def test_leaving_the_focused_mode_pauses_and_returns_to_the_page(page, routine, how):
    page.set_viewport_size({"width": 390, "height": 844})
    open_player(page, routine)
    button(page, "Start").click()
    run(page, 5)
    assert page.locator(".site-header").is_hidden()
    if how == "Escape":
        page.keyboard.press("Escape")
    elif how == "Exit":
        button(page, "Exit").click()
    else:
        page.go_back()
    page.wait_for_function("() => !document.querySelector('[data-player]').classList.contains('is-focus')")
    screen = page.evaluate(READ)
    assert screen["state"] == "paused" and screen["elapsed"] == "0:05"
    assert page.locator(".site-header").is_visible() and button(page, "Exit").is_hidden()
    assert page.url.endswith(f"/stretches/routines/{routine.slug}/play/")
    button(page, "Resume").click()  # back into the player alone, from where it was
    assert page.locator(".site-header").is_hidden() and page.evaluate(READ)["state"] == "playing"
    assert page.console_errors == []


def test_in_landscape_the_player_fits_with_a_large_timer(page, routine):
    page.set_viewport_size({"width": 844, "height": 390})
    open_player(page, routine)
    button(page, "Start").click()
    timer = page.locator(".player__timer").bounding_box()
    assert timer["height"] >= 0.25 * 390
    for name in ("Pause", "Back", "Skip", "Exit"):
        box = button(page, name).bounding_box()
        assert box["height"] >= 48 and box["y"] + box["height"] <= 390, name
    assert page.console_errors == []
