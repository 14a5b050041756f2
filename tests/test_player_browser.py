"""The guided routine player in a real Chromium (Debian's): it counts the routine's own timeline
to the second on Playwright's fake clock, is usable by keyboard alone, makes no request while
playing, breaks no Content-Security-Policy rule, passes axe-core, and logs a member's session."""

import datetime

import pytest

from practice.models import PracticeSession
from tests import test_browser
from tests.factories import ArticleFactory, RoutineFactory, RoutineStepFactory, SectionFactory, StretchFactory
from tests.helpers import PASSWORD, axe_source

# serialized_rollback: restore what data migrations made (the Editors group) after each flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

START = datetime.datetime(2026, 3, 2, 7, 30, tzinfo=datetime.UTC)

# Everything the player shows, read in one go.
READ = """() => {
  const player = document.querySelector("[data-player]");
  const text = (name) => player.querySelector("[data-player-" + name + "]").textContent;
  return {
    state: player.dataset.state, step: text("step"), name: text("name"), cue: text("cue"),
    phase: text("phase"), count: text("count"), rep: text("rep"), next: text("next"),
    elapsed: text("elapsed"), left: text("left"), live: text("live"),
    progress: player.querySelector("progress").value,
  };
}"""


@pytest.fixture
def routine():
    """A 4-part hip routine inside a published article: steps with different doses, sides and
    rests (the demo's 10 × 2 s each side with 10 s rest first, and a stretch done once)."""
    routine = RoutineFactory(name="Four-part hip sequence", slug="hip-sequence")
    doses = [
        ("Knee to chest", "Draw one knee to your chest.", 10, 2, "both", 10),
        ("Cat stretch", "Round your back like a cat.", 3, 5, "one", 5),
        ("Figure four", "Cross one ankle over the other knee.", 2, 6, "both", 0),
        ("Hip flexor lunge", "Kneel and ease your hips forward.", 4, 3, "both", 15),
    ]
    for order, (name, cue, reps, hold, sides, rest) in enumerate(doses):
        stretch = StretchFactory(
            name=name,
            instructions=f"{cue}\nBreathe out slowly.",
            default_repetitions=reps,
            default_hold_seconds=hold,
            sides=sides,
        )
        RoutineStepFactory(routine=routine, stretch=stretch, order=order, rest_seconds=rest)
    article = ArticleFactory(title="Hip stretches", slug="hip-stretches")
    SectionFactory(article=article, heading="The sequence", routine=routine)
    return routine


def clock(seconds):
    return f"{seconds // 60}:{seconds % 60:02d}"


# What the player says outside the holds; during a hold, the step's cues in turn.
SAID = {
    "release": "Release slowly and breathe.",
    "switch": "Switch to your right side.",
    "rest": "Rest and breathe easily.",
}


def expected_moments(routine):
    """What the screen should say at every whole second of the routine, from its timeline: the
    phase and side, the rep (none while switching sides or resting), the cue (the stretch's
    instruction lines in turn during the holds), and in a moment's last 3 seconds what is next."""
    steps = list(routine.steps.all())
    timeline = list(routine.timeline())
    cues = []
    for step, segment in timeline:
        lines = step.stretch.instruction_steps()
        cues.append(lines[(segment.rep - 1) % len(lines)] if segment.kind == "hold" else SAID[segment.kind])
    moments = []
    for i, (step, segment) in enumerate(timeline):
        number = steps.index(step)
        if segment.kind == "hold":
            phase = f"{segment.side.capitalize()} side · Hold" if segment.side else "Hold"
        else:
            phase = {"release": "Release", "switch": "Switch sides", "rest": "Rest"}[segment.kind]
        rep = f"Rep {segment.rep} of {step.reps}" if segment.kind in ("hold", "release") else ""
        following = f"Next: {steps[number + 1].stretch.name}" if number + 1 < len(steps) else "Last stretch"
        for into in range(segment.seconds):
            coming = following
            if i + 1 < len(timeline) and segment.seconds - into <= 3:
                after = timeline[i + 1][0]
                coming = f"Next: {after.stretch.name}" if after != step else f"Next: {cues[i + 1]}"
            moments.append(
                {
                    "step": f"Step {number + 1} of {len(steps)}",
                    "name": step.stretch.name,
                    "phase": phase,
                    "count": str(segment.seconds - into),
                    "rep": rep,
                    "cue": cues[i],
                    "next": coming,
                    "elapsed": clock(len(moments)),
                }
            )
    return moments


def open_player(page, routine, *, watch=True):
    """The player on a fake clock that stands still until the test moves it; afterwards, every
    request the page makes is recorded in `page.requests_after_load`."""
    if watch:
        page.add_init_script(test_browser.CSP_WATCH)
    page.clock.install(time=START)
    page.goto(f"/stretches/routines/{routine.slug}/play/")
    page.clock.pause_at(START + datetime.timedelta(hours=1))
    page.requests_after_load = []
    # The browser asks again for the tab's icon for the history entry the player pushes on
    # Start: its own request, not one the player makes.
    page.on(
        "request",
        lambda request: (
            request.url.endswith("/favicon.svg")
            or page.requests_after_load.append(f"{request.method} {request.url}")
        ),
    )
    return page


def button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def run(page, seconds):
    page.clock.run_for(int(seconds * 1000))


def sign_in(page, member):
    page.goto("/accounts/login/")
    page.fill("#id_login", member.email)
    page.fill("#id_password", PASSWORD)
    button(page, "Log in").click()
    page.wait_for_url("**/")


def axe_violations(page):
    """axe-core's violations on the page as it is now (evaluate runs outside the page's CSP)."""
    source = axe_source()
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(source)
    results = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
    )
    return results


def test_a_member_plays_the_routine_to_the_second_and_logs_it(page, routine, member):
    """Every second of every hold, release, switch and rest is shown when the timeline says;
    pausing stops the clock; the end comes at exactly the total; the session is logged once."""
    total = routine.total_seconds()
    moments = expected_moments(routine)
    assert len(moments) == total
    sign_in(page, member)
    open_player(page, routine)
    player = page.locator("[data-player]")
    log_form = page.locator("[data-practice-log]")
    assert page.locator("[data-player-fallback]").is_hidden()  # the player replaces the list
    assert log_form.is_hidden()
    screen = page.evaluate(READ)
    assert screen["state"] == "ready" and screen["phase"] == "Ready"
    assert screen["left"] == clock(total) and screen["name"] == "Knee to chest"
    assert screen["cue"] == "Draw one knee to your chest." and screen["next"] == "Next: Cat stretch"

    button(page, "Start").click()
    assert button(page, "Pause").is_visible()
    assert page.evaluate(READ)["live"] == "Step 1 of 4: Knee to chest. Left side. Hold."
    pause_at = moments.index(next(m for m in moments if m["phase"] == "Rest")) + 4  # into the first rest
    changes, at = set(), 0
    for _step, segment in routine.timeline():
        changes.add(at)
        at += segment.seconds
    said = ""
    for second, expected in enumerate(moments):
        screen = page.evaluate(READ)
        assert screen["state"] == "playing", second
        assert {key: screen[key] for key in expected} == expected, f"at {second} s"
        # Each change of phase is announced once; the seconds in between are not.
        assert (screen["live"] != said) == (second in changes), f"announcement at {second} s"
        said = screen["live"]
        assert screen["progress"] == second and screen["left"] == clock(total - second)
        if second % 30 == 0:
            assert log_form.is_hidden()  # nothing to log while playing
        if second == pause_at:
            button(page, "Pause").click()
            assert page.evaluate(READ)["live"] == f"Paused at {clock(second)}."
            run(page, 90)  # a minute and a half on the floor: nothing moves
            paused = page.evaluate(READ)
            assert paused["state"] == "paused" and paused["elapsed"] == expected["elapsed"]
            assert paused["count"] == expected["count"]
            assert log_form.is_hidden()  # not half way yet: nothing to log
            button(page, "Resume").click()
            said = page.evaluate(READ)["live"]
            assert said == "Rest, 6 seconds. Next: Cat stretch."  # what is left of it
        run(page, 1)
    screen = page.evaluate(READ)
    assert screen["state"] == "finished", "the end comes at exactly the total"
    assert screen["phase"] == "Finished" and screen["elapsed"] == clock(total) and screen["left"] == "0:00"
    assert screen["live"] == "Finished. Well done. Log this session?"
    assert player.get_attribute("data-state") == "finished"
    run(page, 5)
    assert page.evaluate(READ)["elapsed"] == clock(total)  # the clock stopped at the end

    assert page.requests_after_load == []  # the whole routine played without a request
    assert page.evaluate("window.cspViolations || []") == []
    assert page.console_errors == []
    assert log_form.is_visible()
    assert page.locator("[data-practice-seconds]").input_value() == str(total)
    assert "Log this session?" in log_form.inner_text()
    page.clock.resume()  # axe-core keeps time with timers of its own
    assert axe_violations(page) == []

    button(page, "Log it").click()
    page.wait_for_url("**/practice/")
    assert page.requests_after_load[0].startswith("POST ")  # (the recorder records)
    assert "Logged: Four-part hip sequence" in page.locator(".messages").inner_text()
    [session] = PracticeSession.objects.filter(user=member)
    assert session.seconds == total and session.completed and session.routine == routine
    assert page.console_errors == []


def test_the_segments_change_exactly_when_the_timeline_says(page, routine):
    """Switching sides and resting begin at the instants computed from `routine.timeline()`."""
    instants, at = {}, 0
    for _step, segment in routine.timeline():
        instants.setdefault(segment.kind, []).append(at)
        at += segment.seconds
    open_player(page, routine)
    button(page, "Start").click()
    now = 0
    for kind, phrase in (("switch", "Switch sides"), ("rest", "Rest")):
        for instant in instants[kind]:
            run(page, instant - 1 - now)
            assert page.evaluate(READ)["phase"] != phrase, f"{kind} one second early at {instant - 1} s"
            run(page, 1)
            now = instant
            screen = page.evaluate(READ)
            assert screen["phase"] == phrase and screen["elapsed"] == clock(instant), instant
            assert screen["live"].startswith(f"{phrase}, " if kind == "rest" else f"{phrase}.")
        button(page, "Restart").click()  # the player keeps playing from 0
        assert page.evaluate(READ)["elapsed"] == "0:00"
        now = 0
    assert page.evaluate(READ)["state"] == "playing"


def test_keyboard_alone_starts_skips_and_goes_back(page, routine):
    """Space plays and pauses, ArrowRight skips to the next step, ArrowLeft restarts the step
    or goes to the one before; every control is a real button reached with Tab."""
    open_player(page, routine)
    page.keyboard.press("Space")
    assert page.evaluate(READ)["state"] == "playing"
    run(page, 3)
    assert page.evaluate(READ)["elapsed"] == "0:03"
    page.keyboard.press("ArrowRight")
    screen = page.evaluate(READ)
    assert screen["name"] == "Cat stretch" and screen["step"] == "Step 2 of 4"
    assert screen["elapsed"] == "1:30" and screen["phase"] == "Hold" and screen["rep"] == "Rep 1 of 3"
    assert screen["live"] == "Step 2 of 4: Cat stretch. Hold."
    run(page, 5)
    assert page.evaluate(READ)["phase"] == "Release"
    page.keyboard.press("ArrowLeft")  # five seconds in: back to the start of this step
    screen = page.evaluate(READ)
    assert screen["name"] == "Cat stretch" and screen["elapsed"] == "1:30" and screen["count"] == "5"
    page.keyboard.press("ArrowLeft")  # at its start: the step before
    assert page.evaluate(READ)["name"] == "Knee to chest"
    page.keyboard.press("Space")
    assert page.evaluate(READ)["state"] == "paused"
    run(page, 10)
    assert page.evaluate(READ)["elapsed"] == "0:00"

    # Tab reaches the play button; Enter and Space work it like any button.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-player-toggle]')"):
            break
    else:
        pytest.fail("Tab never reached the play button")
    page.keyboard.press("Enter")
    assert page.evaluate(READ)["state"] == "playing"
    page.keyboard.press("Space")  # on the focused button: one press, one toggle
    assert page.evaluate(READ)["state"] == "paused"

    join = page.locator("[data-player-join]")
    assert join.is_hidden()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    screen = page.evaluate(READ)
    assert screen["state"] == "finished" and screen["phase"] == "Finished"
    assert join.is_visible()  # a signed-out reader is invited to join at the end
    assert page.locator("[data-practice-log]").count() == 0
    assert page.requests_after_load == []
    assert page.console_errors == []


def test_the_log_form_appears_when_a_member_stops_after_half_of_the_routine(page, routine, member):
    """Paused before half: nothing to log; paused after it: "Log this session?" with the
    seconds actually played (skipped ones not counted)."""
    sign_in(page, member)
    open_player(page, routine)
    form = page.locator("[data-practice-log]")
    button(page, "Start").click()
    run(page, 100)
    button(page, "Pause").click()
    assert form.is_hidden()
    button(page, "Skip").click()  # skipped seconds are not played
    button(page, "Resume").click()
    run(page, 30)
    button(page, "Pause").click()
    assert form.is_visible()
    assert page.locator("[data-practice-seconds]").input_value() == "130"
    assert "You did 2 min 10 s. Log this session?" in form.inner_text()
    button(page, "Resume").click()
    assert form.is_hidden()
    assert page.console_errors == []


def test_the_player_passes_axe_and_fits_a_phone(page, routine):
    """No axe-core violation before, during and after playing; every control at least 48 px."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/stretches/routines/{routine.slug}/play/")
    assert axe_violations(page) == []
    for control in page.locator("[data-player] button:visible, [data-player-screen] label").all():
        box = control.bounding_box()
        assert box["width"] >= 48 and box["height"] >= 48, (control.inner_text(), box)
    button(page, "Start").click()
    button(page, "Pause").click()
    assert axe_violations(page) == []
    for _ in range(4):
        button(page, "Skip").click()
    assert page.locator("[data-player-join]").is_visible()
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_tones_are_on_and_spoken_cues_off_until_the_reader_says_otherwise_and_remembered(page, routine):
    page.goto(f"/stretches/routines/{routine.slug}/play/")
    sound = page.get_by_role("checkbox", name="Sound")
    speech = page.get_by_role("checkbox", name="Spoken cues")
    assert sound.is_checked() and not speech.is_checked()
    sound.uncheck()
    speech.check()
    page.reload()
    assert not page.get_by_role("checkbox", name="Sound").is_checked()
    assert page.get_by_role("checkbox", name="Spoken cues").is_checked()
    page.get_by_role("checkbox", name="Sound").check()
    button(page, "Start").click()  # the tone plays without an error
    button(page, "Pause").click()
    assert page.console_errors == []


def test_without_javascript_the_page_lists_the_steps(page, routine, live_server):
    reader = page.context.browser.new_context(base_url=live_server.url, java_script_enabled=False)
    reader_page = reader.new_page()
    reader_page.goto(f"/stretches/routines/{routine.slug}/play/")
    steps = reader_page.locator(".routine__steps .step-card")
    assert steps.count() == 4
    assert steps.nth(1).is_visible() and "Cat stretch" in steps.nth(1).inner_text()
    assert reader_page.locator("[data-player-screen]").is_hidden()
    assert button(reader_page, "Start").count() == 0
    reader.close()
