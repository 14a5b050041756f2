"""Pages about reminders: the one to set them (and pause, resume, delete), and the one-click
unsubscribe that mail clients POST to and mail scanners cannot trigger with a GET."""

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from practice import sending
from practice.forms import read_time
from practice.models import Reminder
from practice.tokens import unsubscribe_token
from tests.factories import ArticleFactory, RoutineFactory, SectionFactory, UserFactory
from tests.test_reminders import at, readable_routine, reminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def routine():
    return readable_routine(name="Hip sequence", slug="hip-sequence", steps=2)


@pytest.fixture
def ada(member):
    client = Client()
    client.force_login(member)
    return client


class TestUnsubscribe:
    def url(self, reminder):
        return f"/practice/unsubscribe/{unsubscribe_token(reminder)}/"

    def test_one_click_post_stops_the_reminder_without_a_login_or_csrf_token(self, member, routine):
        mine = reminder(member, routine)
        client = Client(enforce_csrf_checks=True)
        response = client.post(self.url(mine), {"List-Unsubscribe": "One-Click"})
        assertContains(response, "Reminder stopped")
        mine.refresh_from_db()
        assert not mine.active
        assert sending.send_due(now=at("2025-01-15 11:00")).sent == 0
        assertContains(client.post(self.url(mine)), "Reminder stopped")  # again: the same

    def test_get_only_asks(self, member, routine):
        """Mail scanners open links: a GET changes nothing, it shows a button."""
        mine = reminder(member, routine)
        response = Client().get(self.url(mine))
        assertContains(response, "Stop this reminder?")
        assertContains(
            response, '<button type="submit" class="button button--primary">Stop this reminder</button>'
        )
        assertContains(response, '<meta name="robots" content="noindex">', html=True)
        mine.refresh_from_db()
        assert mine.active

    @pytest.mark.parametrize("token", ["nonsense", "eyJyIjoxfQ:1tXyZ:abc", "x" * 5000, "%00"])
    def test_a_bad_token_gets_a_clear_page(self, client, token):
        for response in (
            client.get(f"/practice/unsubscribe/{token}/"),
            client.post(f"/practice/unsubscribe/{token}/"),
        ):
            assertContains(response, "This link is not valid", status_code=400)

    def test_a_deleted_reminder_says_so(self, member, routine):
        mine = reminder(member, routine)
        url = self.url(mine)
        mine.delete()
        assertContains(Client().get(url), "Reminder already gone")
        assertContains(Client().post(url), "Reminder stopped")

    def test_a_token_stops_only_its_own_reminder(self, member, routine):
        mine, other = reminder(member, routine), reminder(member, routine, times="15:00")
        Client().post(self.url(mine))
        assert list(Reminder.objects.filter(active=True)) == [other]


class TestRemindersPage:
    def test_needs_a_login_and_is_not_indexed(self, client, ada):
        response = client.get("/practice/reminders/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assertContains(ada.get("/practice/reminders/"), '<meta name="robots" content="noindex">', html=True)

    def test_the_form_opens_on_weekdays_with_the_zone_left_for_the_browser(self, ada, routine):
        """A member with no zone yet: the box is empty for reminders.js to fill with the browser's."""
        page = ada.get("/practice/reminders/")
        for day in range(5):
            assertContains(page, f'value="{day}" id="id_weekdays_{day}" checked')
        assertNotContains(page, 'value="5" id="id_weekdays_5" checked')
        assertContains(
            page,
            '<input type="text" name="time_zone" list="time-zones" autocomplete="off" spellcheck="false"'
            ' maxlength="64" required aria-describedby="id_time_zone_helptext" id="id_time_zone">',
            html=True,
        )
        assertContains(page, '<option value="Europe/London">London (Europe)</option>', html=True)
        assertContains(page, '<input type="time" name="times" id="id_times_1" value="">', html=True)
        assertContains(page, f'<option value="{routine.pk}">Hip sequence</option>')

    def test_adding_a_reminder(self, ada, member, routine):
        data = {
            "routine": routine.pk,
            "weekdays": ["0", "2", "4"],
            "times": "15:00, 9:05 11:00,",
            "time_zone": "Asia/Tokyo",
        }
        response = ada.post("/practice/reminders/", data, follow=True)
        assertContains(
            response, "Reminder added: Hip sequence, Mon, Wed, Fri at 09:05, 11:00, 15:00 (Asia/Tokyo)."
        )
        mine = Reminder.objects.get()
        assert (mine.user, mine.weekdays, mine.times, mine.time_zone, mine.active) == (
            member,
            "024",
            "09:05,11:00,15:00",
            "Asia/Tokyo",
            True,
        )
        # Their profile keeps the zone, and the next form starts in it.
        member.refresh_from_db()
        assert member.time_zone == "Asia/Tokyo"
        assertContains(ada.get("/practice/reminders/"), 'name="time_zone" value="Asia/Tokyo"')

    def test_times_come_from_time_boxes_and_7pm_is_a_time(self, ada, member, routine):
        data = {
            "routine": routine.pk,
            "weekdays": ["1"],
            "times": ["19:00", "", "7:30 am"],
            "time_zone": "UTC",
        }
        ada.post("/practice/reminders/", data)
        assert Reminder.objects.get().times == "07:30,19:00"
        data["times"] = ["7pm"]
        ada.post("/practice/reminders/", {**data, "weekdays": ["2"]})
        assert Reminder.objects.last().times == "19:00"
        # Refused for another field, "7 pm" goes back into its box as the time it is.
        refused = ada.post("/practice/reminders/", {**data, "times": ["7 pm"], "time_zone": "Mars/Olympus"})
        assertContains(refused, "Choose a time zone from the list.")
        assertContains(refused, 'value="19:00"')

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("times", "25:99", "“25:99” is not a time of day"),
            ("times", "11:00\x00", "Null characters are not allowed."),
            ("times", "1" * 5000, "Ensure this value has at most 100 characters"),
            ("times", "1:00 2:00 3:00 4:00 5:00 6:00 7:00", "At most 6 times"),
            ("times", " , ", "Give at least one time"),
            ("time_zone", "Mars/Olympus_Mons", "Choose a time zone from the list."),
            ("time_zone", "Europe/London\x00", "Choose a time zone from the list."),
            ("weekdays", "7", "Select a valid choice."),
            ("routine", "abc\x00", "Null characters are not allowed."),
            ("routine", "99999999999999999999999", "Choose a routine from the list."),
        ],
    )
    def test_bad_input_is_shown_again_with_the_error_beside_it(self, ada, routine, field, value, error):
        data = {"routine": routine.pk, "weekdays": ["0"], "times": "11:00", "time_zone": "Europe/London"}
        data[field] = value
        response = ada.post("/practice/reminders/", data)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'id="id_{field}_error"' in html and error in html, html[html.find("field__errors") - 300 :][
            :900
        ]
        if field == "times" and "\x00" not in value:
            for moment in filter(None, map(read_time, value.replace(",", " ").split())):
                assertContains(response, f'value="{moment:%H:%M}"')  # what they typed, to correct it
        assert not Reminder.objects.exists()

    def test_a_routine_they_cannot_read_is_not_offered(self, ada, routine):
        hidden = RoutineFactory(name="Draft routine", steps=1)
        SectionFactory(routine=hidden, article=ArticleFactory(draft=True))
        data = {"routine": hidden.pk, "weekdays": ["0"], "times": "11:00", "time_zone": "UTC"}
        response = ada.post("/practice/reminders/", data)
        assertContains(response, "Choose a routine from the list.")
        assertNotContains(response, "Draft routine")

    def test_pause_resume_and_delete(self, ada, member, routine):
        mine = reminder(member, routine)
        assertContains(
            ada.post(f"/practice/reminders/{mine.pk}/pause/", follow=True), "Reminder paused: Hip sequence."
        )
        mine.refresh_from_db()
        assert not mine.active
        page = ada.get("/practice/reminders/")
        assertContains(page, "<strong>paused</strong>", html=True)
        ada.post(f"/practice/reminders/{mine.pk}/resume/")
        mine.refresh_from_db()
        assert mine.active
        assertContains(
            ada.post(f"/practice/reminders/{mine.pk}/delete/", follow=True), "Reminder deleted: Hip sequence."
        )
        assert not Reminder.objects.exists()

    def test_only_their_own_and_only_by_post(self, ada, routine):
        theirs = reminder(UserFactory(verified=True), routine)
        for action in ("pause", "resume", "delete"):
            assert ada.post(f"/practice/reminders/{theirs.pk}/{action}/").status_code == 404
            assert ada.get(f"/practice/reminders/{theirs.pk}/{action}/").status_code == 405
            assert ada.post(f"/practice/reminders/{'9' * 30}/{action}/").status_code == 404
        assert Reminder.objects.get().active

    def test_an_unconfirmed_address_is_told(self, routine):
        client = Client()
        client.force_login(UserFactory(email="new@example.com"))
        assertContains(client.get("/practice/reminders/"), "We only send reminders to a confirmed address")

    def test_at_most_a_few_reminders(self, ada, member, routine, settings):
        settings.PRACTICE = {**settings.PRACTICE, "MAX_REMINDERS": 2}
        reminder(member, routine)
        reminder(member, routine)
        data = {"routine": routine.pk, "weekdays": ["0"], "times": "11:00", "time_zone": "UTC"}
        assertContains(ada.post("/practice/reminders/", data), "You have 2 reminders, the most we keep")
        assert Reminder.objects.count() == 2
