"""The editor's desk in a real Chromium: the live preview, the writing help, ordering by hand and
the autosaved copy, on the admin's change pages (desk/static/desk/desk.js)."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from members.models import User
from stretches.models import Article, Routine, Stretch, Topic
from tests.test_browser import CSP_WATCH, choose

# serialized_rollback: restore what data migrations made (the Editors group) after each flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDE = {"width": 1440, "height": 900}
PREVIEW = "iframe[title='Preview of the page']"


def signed_in(page, settings, viewport=WIDE):
    """The demo loaded, the demo editor signed in, the policy watched."""
    settings.DEBUG = True  # load_demo creates the demo editor only with debug on
    call_command("load_demo", verbosity=0)
    settings.DEBUG = False
    page.set_viewport_size(viewport)
    page.add_init_script(CSP_WATCH)
    page.goto("/admin/")
    page.fill("#id_login", "editor@limber.localhost")
    page.fill("#id_password", "stretch-and-breathe")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    return page


def open_article(page, slug="hip-stretches", preview=True):
    article = Article.objects.get(slug=slug)
    page.goto(f"/admin/stretches/article/{article.pk}/change/")
    if preview:
        expect(page.locator(".desk-status")).to_have_text("Preview updated")
    return article


def headings(article):
    return list(article.sections.order_by("order").values_list("heading", flat=True))


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def assert_clean(page, expected_errors=()):
    assert page.evaluate("window.cspViolations || []") == []
    assert [e for e in page.console_errors if not any(x in e for x in expected_errors)] == []


def test_editor_sees_the_preview_follow_their_typing_and_reorders_sections(page, settings):
    signed_in(page, settings)
    article = open_article(page)
    before = headings(article)
    preview = page.frame_locator(PREVIEW)
    expect(preview.locator("h1")).to_have_text(article.title)

    sentence = "Circle each knee slowly, like stirring a very large pot of porridge."
    body = page.locator("#id_sections-1-body")
    body.click()
    body.press("Control+End")
    page.keyboard.type(f" {sentence}")
    expect(preview.locator("main")).to_contain_text(sentence)  # after the debounce, however slow
    assert sentence not in article.sections.get(heading=before[1]).body  # nothing was saved

    # The last section, dragged by its handle onto the first, takes its place.
    page.locator("#sections-4 .desk-handle").drag_to(page.locator("#sections-0 .desk-handle"))
    expect(page.locator(".desk-live")).to_have_text("Moved to position 1 of 5")
    assert page.locator("#sections-group .has_original").first.get_attribute("id") == "sections-4"
    expect(page.locator("#sections-group .field-order").first).to_be_hidden()  # the order is the place
    expect(preview.locator("section.section h2").first).to_have_text(before[-1])
    save_and_continue(page)

    assert headings(article) == [before[-1], *before[:-1]]
    assert sentence in article.sections.get(heading=before[1]).body
    page.goto(f"/stretches/{article.slug}/")
    assert page.locator("section.section h2").all_inner_texts() == [before[-1], *before[:-1]]
    assert_clean(page)


def test_sections_and_routine_steps_move_with_the_keyboard(page, settings):
    signed_in(page, settings)
    article = open_article(page, preview=False)
    before = headings(article)
    down = page.get_by_role("button", name=f"Move “{before[0]}” down")
    down.focus()
    page.keyboard.press("Enter")
    expect(down).to_be_focused()  # on the same button, in the row's new place
    expect(page.locator(".desk-live")).to_have_text("Moved to position 2 of 5")
    up = page.get_by_role("button", name=f"Move “{before[1]}” up")
    expect(up).to_have_attribute("aria-disabled", "true")  # now first: it can go no higher
    assert [page.input_value(f"#id_sections-{i}-order") for i in range(3)] == ["2", "1", "3"]
    save_and_continue(page)
    assert headings(article) == [before[1], before[0], *before[2:]]

    # A routine's steps, in a table with one blank row for a new step: that row stays blank (and
    # unnumbered), or Django would ask for its stretch.
    routine = Routine.objects.get(slug="hip-floor-sequence")
    steps = list(routine.steps.order_by("order").values_list("stretch__name", flat=True))
    page.goto(f"/admin/stretches/routine/{routine.pk}/change/")
    move = page.get_by_role("button", name=f"Move “{steps[0]}” down")
    move.focus()
    page.keyboard.press("Enter")
    expect(move).to_be_focused()
    expect(page.locator(".desk-live")).to_have_text("Moved to position 2 of 5")
    page.keyboard.press("Enter")
    expect(page.locator(".desk-live")).to_have_text("Moved to position 3 of 5")
    assert page.input_value("#id_steps-4-order") == "0"  # the blank row, as Django sent it
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert list(routine.steps.order_by("order").values_list("stretch__name", flat=True)) == [
        steps[1],
        steps[2],
        steps[0],
        *steps[3:],
    ]
    assert_clean(page)


def test_writing_help_formats_links_and_counts(page, settings):
    signed_in(page, settings)
    open_article(page)
    section = page.locator("#sections-0")
    body = page.locator("#id_sections-0-body")
    body.fill("Stretch gently every day.\nBreathe out as you go.")

    def select(word):
        script = (
            "(ta, word) => { const at = ta.value.indexOf(word); ta.setSelectionRange(at, at + word.length); }"
        )
        body.focus()
        body.evaluate(script, word)

    select("gently")
    section.get_by_role("button", name="Bold").click()
    assert body.input_value() == "Stretch **gently** every day.\nBreathe out as you go."
    assert body.evaluate("ta => ta.value.slice(ta.selectionStart, ta.selectionEnd)") == "gently"
    expect(page.frame_locator(PREVIEW).locator("strong", has_text="gently")).to_be_visible()  # it follows

    select("every")
    body.press("Control+i")
    assert body.input_value() == "Stretch **gently** *every* day.\nBreathe out as you go."

    select("Breathe")
    section.get_by_role("button", name="Heading").click()
    assert body.input_value().endswith("\n### Breathe out as you go.")
    section.get_by_role("button", name="List").click()
    assert body.input_value().endswith("\n- ### Breathe out as you go.")
    section.get_by_role("button", name="List").click()  # pressed again: no longer a list
    assert body.input_value().endswith("\n### Breathe out as you go.")
    body.press("Control+End")
    body.press("Enter")
    section.get_by_role("button", name="List").click()  # on an empty line: a new item, typed into
    page.keyboard.type("Hold for two seconds.")
    assert body.input_value().endswith("\n### Breathe out as you go.\n- Hold for two seconds.")

    # A link to a page found by name; with nothing selected, its name is the link's text.
    body.press("Control+End")
    section.get_by_role("button", name="Link to a page").click()
    dialog = page.get_by_role("dialog", name="Link to a page")
    expect(dialog.get_by_role("searchbox")).to_be_focused()
    page.keyboard.type("camel")
    dialog.get_by_role("button", name=re.compile(r"Cat and camel \(stretch\)")).click()
    camel = Stretch.objects.get(name="Cat and camel").get_absolute_url()
    assert body.input_value().endswith(f"[Cat and camel]({camel})")
    expect(dialog).to_be_hidden()
    expect(body).to_be_focused()

    # A link typed by hand, around the selected words.
    select("day")
    section.get_by_role("button", name="Link", exact=True).click()
    link_dialog = page.get_by_role("dialog", name="Add a link")
    expect(link_dialog.get_by_label("Link text")).to_have_value("day")
    link_dialog.get_by_label("Address").fill("https://www.nhs.uk/live-well/exercise/")
    page.keyboard.press("Enter")
    assert "*every* [day](https://www.nhs.uk/live-well/exercise/)." in body.input_value()

    # The count beside the standfirst, and its warning past the 160 search engines show.
    standfirst = page.locator("#id_standfirst")
    count = page.locator("#" + standfirst.get_attribute("aria-describedby").split()[-1])
    standfirst.fill("x" * 150)
    expect(count).to_have_text("150 of 160 characters; 300 at most")
    expect(count).not_to_have_class(re.compile("desk-count--over"))
    standfirst.press("End")
    page.keyboard.type("y" * 12)
    expect(count).to_have_text("162 characters: 2 over the 160 search engines show; 300 at most")
    expect(count).to_have_class(re.compile("desk-count--over"))
    assert "id_standfirst_helptext" in standfirst.get_attribute("aria-describedby")  # kept
    assert_clean(page)


def test_unsaved_changes_are_offered_back_after_a_reload(page, settings):
    signed_in(page, settings)
    article = open_article(page)
    editor = User.objects.get(email="editor@limber.localhost")
    key = f"limber-desk:{editor.pk}:/admin/stretches/article/{article.pk}/change/"  # theirs alone
    typed = "Loosen your hips and your lower back will thank you."
    other = Topic.objects.exclude(pk=article.topic_id).order_by("name").first()
    choose(page, "#id_topic", other.name)  # an autocomplete box: only the chosen option is on the page
    page.locator("#id_standfirst").fill(typed)
    page.wait_for_function(
        "([key, typed]) => (localStorage.getItem(key) || '').includes(typed)", arg=[key, typed]
    )

    page.reload()
    notice = page.get_by_role("status").filter(has_text="Unsaved changes from")
    expect(notice).to_contain_text("are kept in this browser.")
    expect(page.locator("#id_standfirst")).to_have_value(article.standfirst)  # the page is the saved one
    notice.get_by_role("button", name="Restore them").click()
    expect(page.locator("#id_standfirst")).to_have_value(typed)
    expect(page.locator("#id_topic")).to_have_value(str(other.pk))
    expect(page.locator("#id_topic + .select2")).to_contain_text(other.name)
    expect(page.frame_locator(PREVIEW).locator("main")).to_contain_text(typed)  # the preview follows
    save_and_continue(page)
    expect(page.locator(".desk-notice")).to_have_count(0)
    page.reload()
    expect(page.locator(".desk-status")).to_have_text("Preview updated")
    expect(page.locator(".desk-notice")).to_have_count(0)
    article.refresh_from_db()
    assert (article.standfirst, article.topic) == (typed, other)

    # On a shared computer, signing out forgets what was typed.
    page.locator("#id_title").fill("Typed, never saved")
    page.wait_for_function(
        "(key) => (localStorage.getItem(key) || '').includes('Typed, never saved')", arg=key
    )
    page.locator("#logout-form").get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    assert not page.evaluate("() => Object.keys(localStorage).some((k) => k.startsWith('limber-desk:'))")
    assert_clean(page)


def test_restoring_brings_back_an_added_section_in_its_place_and_discard_forgets(page, settings):
    signed_in(page, settings)
    article = open_article(page)
    before = headings(article)
    page.get_by_role("button", name="Add another Section").click()
    new = page.locator("#sections-5")
    expect(new.locator(".desk-toolbar")).to_be_visible()  # the new row has the writing help
    page.fill("#id_sections-5-heading", "Cooling down")
    page.fill("#id_sections-5-body", "Breathe out slowly.")
    up = page.get_by_role("button", name="Move “Cooling down” up")
    for position in (5, 4, 3, 2, 1):
        up.click()
        expect(page.locator(".desk-live")).to_have_text(f"Moved to position {position} of 6")
    page.wait_for_function(
        "() => Object.values(localStorage).some((value) => value.includes('Cooling down'))"
    )

    page.reload()
    expect(page.locator("#sections-5")).to_have_count(0)
    page.get_by_role("button", name="Restore them").click()
    expect(page.locator("#id_sections-5-heading")).to_have_value("Cooling down")
    expect(page.locator("#id_sections-5-body")).to_have_value("Breathe out slowly.")
    assert (
        page.locator("#sections-group .inline-related:not(.empty-form)").first.get_attribute("id")
        == "sections-5"
    )
    save_and_continue(page)
    assert headings(article) == ["Cooling down", *before]

    # Changes thrown away do not come back.
    page.fill("#id_title", "A title nobody wanted")
    page.wait_for_function(
        "() => Object.values(localStorage).some((v) => v.includes('A title nobody wanted'))"
    )
    page.reload()
    page.get_by_role("button", name="Discard").click()
    expect(page.locator(".desk-notice")).to_contain_text("discarded")
    expect(page.locator(".desk-notice")).to_be_focused()
    assert not page.evaluate("() => Object.keys(localStorage).some((k) => k.startsWith('limber-desk:'))")
    page.reload()
    expect(page.locator(".desk-status")).to_have_text("Preview updated")
    expect(page.locator(".desk-notice")).to_have_count(0)
    expect(page.locator("#id_title")).to_have_value(article.title)
    assert_clean(page)


def test_a_new_section_moved_above_saved_ones_survives_removing_another(page, settings):
    """Django's inlines.js renames rows by their place on the page when a new row is removed; saved
    rows must keep the first indexes, or Django would bind them to the wrong rows."""
    signed_in(page, settings)
    article = open_article(page, preview=False)
    before = headings(article)
    add = page.get_by_role("button", name="Add another Section")
    add.click()
    add.click()
    page.fill("#id_sections-5-heading", "Soon removed")
    page.fill("#id_sections-6-heading", "Warming up")
    page.fill("#id_sections-6-body", "March on the spot for a minute.")
    up = page.get_by_role("button", name="Move “Warming up” up")
    for position in (6, 5, 4, 3, 2, 1):
        up.click()
        expect(page.locator(".desk-live")).to_have_text(f"Moved to position {position} of 7")
    page.locator("#sections-5 .inline-deletelink").click()
    expect(page.locator("#sections-group .dynamic-sections")).to_have_count(6)
    first = page.locator("#sections-group .dynamic-sections").first
    assert first.get_attribute("id") == "sections-5"  # the new row, after the saved ones' indexes
    expect(first.locator("[name='sections-5-heading']")).to_have_value("Warming up")
    save_and_continue(page)
    assert headings(article) == ["Warming up", *before]
    assert_clean(page)


def test_the_preview_keeps_its_place_sends_no_files_and_says_when_it_fails(page, settings, tmp_path):
    signed_in(page, settings)
    article = open_article(page)
    frame = page.locator(PREVIEW)
    page.evaluate("() => document.querySelector('.desk-frame').contentWindow.scrollTo(0, 900)")
    page.locator("#id_title").fill("Hip stretches, kept in place")
    expect(page.frame_locator(PREVIEW).locator("h1")).to_have_text("Hip stretches, kept in place")
    page.wait_for_function("() => document.querySelector('.desk-frame').contentWindow.scrollY > 850")

    # Uploads stay out of the preview; the view chosen goes with it.
    sent = []
    page.route("**/preview/", lambda route: (sent.append(route.request.post_data_buffer), route.continue_()))
    picture = tmp_path / "hips.jpg"
    picture.write_bytes(b"\xff\xd8\xff\xe0 not really a picture " * 50)
    page.set_input_files("#id_sections-0-image", str(picture))
    if page.locator("#id_members_only").count():
        page.check("#id_members_only")
    page.get_by_role("button", name="Member").click()
    expect(page.get_by_role("button", name="Member")).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("() => document.querySelector('.desk-status').textContent === 'Preview updated'")
    expect(page.locator(".desk-status")).to_have_text("Preview updated")
    assert sent and all(b"not really a picture" not in body for body in sent)
    assert b'name="_desk_view"\r\n\r\nmember' in sent[-1]

    # A failing preview says so, and the last one stays.
    page.unroute("**/preview/")
    page.route("**/preview/", lambda route: route.fulfill(status=500, body="broken"))
    page.locator("#id_title").fill("A title the preview never sees")
    expect(page.locator(".desk-status")).to_have_text(re.compile(r"^Preview unavailable: 500"))
    expect(page.frame_locator(PREVIEW).locator("h1")).to_have_text("Hip stretches, kept in place")
    assert frame.get_attribute("sandbox") == "allow-same-origin"
    assert Article.objects.get(pk=article.pk).title == article.title
    assert_clean(page, expected_errors=["status of 500"])


def test_on_a_narrow_screen_the_preview_opens_on_demand(page, settings):
    signed_in(page, settings, viewport={"width": 1000, "height": 800})
    article = open_article(page, preview=False)
    pane = page.get_by_role("complementary", name="Preview")
    expect(pane).to_be_hidden()
    page.locator("#id_standfirst").fill("A standfirst far longer than search engines show. " * 4)
    show = page.get_by_role("button", name="Show preview")
    show.click()
    expect(pane).to_be_visible()
    expect(page.get_by_role("button", name="Hide preview")).to_be_focused()
    expect(page.frame_locator(PREVIEW).locator("h1")).to_have_text(article.title)

    # The desktop layout, shrunk to fit the pane.
    frame = page.locator(PREVIEW)
    assert frame.evaluate("f => f.getBoundingClientRect().width") <= 440
    page.get_by_role("button", name="Desktop").click()
    expect(page.get_by_role("button", name="Desktop")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Phone")).to_have_attribute("aria-pressed", "false")
    assert frame.evaluate("f => f.style.width") == "1280px"
    assert frame.evaluate("f => f.getBoundingClientRect().width") <= 440

    # A problem found names its field: choosing it closes the pane and goes to the field.
    expect(pane.locator(".desk-problems h2")).to_have_text(re.compile(r"^\d+ problems? before publishing$"))
    problem = pane.get_by_role("button", name=re.compile(r"^Warning The standfirst has 199 characters"))
    problem.click()
    expect(pane).to_be_hidden()
    expect(page.locator("#id_standfirst")).to_be_focused()

    show.click()
    page.keyboard.press("Escape")
    expect(pane).to_be_hidden()
    expect(show).to_be_focused()
    assert_clean(page)
