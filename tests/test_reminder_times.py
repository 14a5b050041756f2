"""Reminder times as the member reads them: in their own zone, with the next one spelt out."""

import pytest

from tests.helpers import PASSWORD
from tests.test_reminders import at, readable_routine, reminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine():
    return readable_routine(name="Hip sequence", slug="hip-sequence", steps=2)


def test_next_reminder_keeps_wall_clock_time_across_the_clocks_going_forward(member, routine):
    """19:00 in London is 19:00 GMT on Saturday and 19:00 BST (18:00 UTC) on the Sunday after."""
    daily = reminder(member, routine, weekdays="0123456", times="19:00", time_zone="Europe/London")
    saturday = at("2025-03-29 12:00")
    assert daily.next_due(saturday).astimezone(at("2025-01-01 00:00").tzinfo) == at("2025-03-29 19:00")
    sunday = at("2025-03-29 20:00")
    assert daily.next_due(sunday).astimezone(at("2025-01-01 00:00").tzinfo) == at("2025-03-30 18:00")
    assert daily.describe_next(sunday) == "Sunday 30 Mar at 19:00 (Europe/London)"
    autumn = at("2025-10-25 19:30")  # the clocks go back that night: 19:00 GMT is 19:00 UTC
    assert daily.describe_next(autumn) == "Sunday 26 Oct at 19:00 (Europe/London)"
    assert daily.next_due(autumn) == at("2025-10-26 19:00")


def test_the_reminders_page_says_when_the_next_one_goes(client, member, routine):
    reminder(member, routine, weekdays="1", times="19:00", time_zone="Europe/Berlin")
    client.force_login(member)
    response = client.get("/practice/reminders/")
    assert response.status_code == 200
    assert "Next reminder: Tuesday " in response.content.decode()
    assert " at 19:00 (Europe/Berlin)" in response.content.decode()


@pytest.fixture
def kolkata_page(page, live_server):
    """A browser whose clock says Asia/Kolkata."""
    context = page.context.browser.new_context(base_url=live_server.url, timezone_id="Asia/Kolkata")
    there = context.new_page()
    there.set_default_timeout(10_000)
    yield there
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_browser_in_kolkata_gets_its_zone_proposed(kolkata_page, member, routine):
    page = kolkata_page
    page.goto("/accounts/login/?next=/practice/reminders/")
    page.fill("#id_login", member.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/practice/reminders/")
    assert page.input_value("#id_time_zone") == "Asia/Kolkata"
    page.select_option("#id_routine", label="Hip sequence")
    page.fill("#id_times_1", "19:00")
    page.get_by_role("button", name="Add reminder").click()
    assert "(Asia/Kolkata). Next reminder: " in page.locator(".messages").inner_text()
    member.refresh_from_db()
    assert member.time_zone == "Asia/Kolkata"
