"""The practice log: what the player logs for a member, the page that adds it up (streak, minutes
per week, most-done routines), the member area's summary, and a member's data leaving with them."""

import datetime
import json

import pytest
from django.test import Client
from freezegun import freeze_time
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from practice.models import PracticeSession, Reminder
from tests.factories import (
    ArticleFactory,
    PracticeSessionFactory,
    ReminderFactory,
    RoutineFactory,
    SectionFactory,
)
from tests.helpers import PASSWORD, logged_in

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def readable_routine(**fields):
    """A routine in an article published long ago (before any frozen clock): members may read it."""
    routine = RoutineFactory(**fields)
    SectionFactory(
        routine=routine, article=ArticleFactory(published_at=datetime.datetime(2020, 1, 1, tzinfo=UTC))
    )
    return routine


@pytest.fixture
def routine():
    return readable_routine(name="Hip sequence", slug="hip-sequence", steps=2)  # 2 × 80 s = 160 s


@pytest.fixture
def ada(member):
    client = Client()
    client.force_login(member)
    return client


def log(client, routine, seconds):
    return client.post("/practice/log/", {"routine": routine.slug, "seconds": seconds})


class TestLogging:
    def test_half_the_routine_is_a_session(self, ada, member, routine):
        """At least half of the total time counts; the member is told what was logged."""
        assert routine.total_seconds() == 160
        response = log(ada, routine, 80)
        assertRedirects(response, "/practice/", fetch_redirect_response=False)
        session = PracticeSession.objects.get()
        assert (session.user, session.routine, session.seconds, session.completed) == (
            member,
            routine,
            80,
            False,
        )
        assertContains(ada.get("/practice/"), "Logged: Hip sequence, 1 min 20 s.")

    def test_less_than_half_is_not_stored_and_says_why(self, ada, routine):
        response = log(ada, routine, 79)
        assertRedirects(response, "/stretches/routines/hip-sequence/play/", fetch_redirect_response=False)
        assert not PracticeSession.objects.exists()
        page = ada.get("/stretches/routines/hip-sequence/play/")  # back in the player, told why
        assertContains(page, "Not logged: a session counts once you have done at least half of Hip sequence")

    def test_seconds_are_capped_at_the_routine_total(self, ada, routine):
        log(ada, routine, 10**9)
        session = PracticeSession.objects.get()
        assert (session.seconds, session.completed) == (160, True)
        assertContains(ada.get("/practice/"), "Logged: Hip sequence, 2 min 40 s.")

    def test_a_double_submit_within_a_minute_is_one_session(self, ada, routine):
        with freeze_time("2025-06-11 12:00:00") as clock:
            log(ada, routine, 160)
            clock.tick(59)
            response = log(ada, routine, 160)
            assert PracticeSession.objects.count() == 1
            assertRedirects(response, "/practice/", fetch_redirect_response=False)  # same message
            clock.tick(2)
            log(ada, routine, 160)
        assert PracticeSession.objects.count() == 2

    def test_a_routine_the_member_cannot_read_is_refused(self, ada):
        """Only routines in live articles: a draft's routine is not logged (and looks missing)."""
        hidden = RoutineFactory(slug="draft-routine", steps=1)
        SectionFactory(routine=hidden, article=ArticleFactory(draft=True))
        assert log(ada, hidden, 80).status_code == 404
        assert ada.post("/practice/log/", {"routine": "no-such-routine", "seconds": 80}).status_code == 404
        assert not PracticeSession.objects.exists()

    @pytest.mark.parametrize(
        "data",
        [
            {"routine": "hip-sequence", "seconds": "ten"},
            {"routine": "hip-sequence", "seconds": "-5"},
            {"routine": "hip-sequence", "seconds": "9" * 5000},
            {"routine": "hip-sequence"},
            {"routine": "hip\x00sequence", "seconds": "160"},
            {"routine": "x" * 5000, "seconds": "160"},
            {},
        ],
    )
    def test_bad_input_stores_nothing_and_never_fails(self, ada, routine, data):
        response = ada.post("/practice/log/", data)
        assert response.status_code in (302, 404)
        assert not PracticeSession.objects.exists()

    def test_signed_out_the_player_sends_you_to_log_in_and_back(self, client, routine):
        response = log(client, routine, 160)
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/stretches/routines/hip-sequence/play/"
        assert not PracticeSession.objects.exists()

    def test_only_post(self, ada, client):
        assert ada.get("/practice/log/").status_code == 405
        assert client.get("/practice/log/").status_code == 405


class TestLogPage:
    def test_needs_a_login_and_is_not_indexed(self, client, ada):
        response = client.get("/practice/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assertContains(ada.get("/practice/"), '<meta name="robots" content="noindex">', html=True)

    def test_lists_what_they_did_newest_first_with_the_routine_linked(self, ada, member, routine):
        with freeze_time("2025-06-11 12:00:00"):
            PracticeSessionFactory(
                user=member, routine=routine, done_at=datetime.datetime(2025, 6, 2, 9, tzinfo=UTC)
            )
            gone = RoutineFactory(name="Old routine", steps=1)
            PracticeSessionFactory(
                user=member, routine=gone, done_at=datetime.datetime(2025, 6, 10, 9, tzinfo=UTC)
            )
            gone.delete()  # an editor deletes it: the member's history keeps its name
            PracticeSessionFactory(done_at=datetime.datetime(2025, 6, 10, 10, tzinfo=UTC))  # someone else's
            page = ada.get("/practice/").content.decode()
        mine = page[page.index('id="sessions-title"') :]
        mine = mine[: mine.index("</section>")]
        assert mine.index("Old routine") < mine.index("Hip sequence")
        assert '<a href="/stretches/routines/hip-sequence/">Hip sequence</a>' in mine
        assert '<time datetime="2025-06-02T09:00:00+00:00">Mon 2 June 2025, 09:00</time>' in mine
        assert mine.count("<li>") == 2

    @freeze_time("2025-06-11 12:00:00")  # a Wednesday
    def test_streak_minutes_per_week_and_most_done(self, ada, member):
        """Weeks of 9 June, 2 June and 26 May in a row, a gap, then 12 May: a 3-week streak."""
        hips, back, neck, feet = (
            readable_routine(name=name, steps=1) for name in ("Hips", "Back", "Neck", "Feet")
        )
        for day, routine, seconds in [
            (10, hips, 600),  # this week: 10 + 5 min
            (9, back, 300),
            (4, hips, 120),  # last week
            (27, hips, 60),  # 26 May – 1 June (May)
            (13, neck, 60),  # 12 May (May)
            (14, back, 60),
            (13, feet, 60),
        ]:
            month = 5 if day > 11 else 6
            PracticeSessionFactory(
                user=member,
                routine=routine,
                seconds=seconds,
                done_at=datetime.datetime(2025, month, day, 8, tzinfo=UTC),
            )
        page = ada.get("/practice/")
        assertContains(page, "This week: 2 sessions, 15 min · streak 3 weeks.")
        rows = [
            ("12 May 2025", 3, 180, "3 min"),
            ("19 May 2025", 0, 0, "0 min"),
            ("26 May 2025", 1, 60, "1 min"),
            ("2 Jun 2025", 1, 120, "2 min"),
            ("This week", 2, 900, "15 min"),
        ]
        for week, sessions, seconds, said in rows:
            meter = f'<meter class="log-bar" min="0" max="900" value="{seconds}" aria-hidden="true"></meter>'
            cell = f'<td class="log-time">{meter} {said}</td>'
            assertContains(page, f'<tr><th scope="row">{week}</th><td>{sessions}</td>{cell}</tr>', html=True)
        assertContains(page, '<th scope="row">', count=8)  # eight weeks, empty ones too
        text = page.content.decode()
        favourites = text[text.index('id="favourites-title"') : text.index('id="sessions-title"')]
        shown = sorted(("Hips", "Back", "Feet"), key=lambda name: favourites.index(f">{name}</a>"))
        assert shown == ["Hips", "Back", "Feet"]  # Feet and Neck once each: by name
        assert ">Neck</a>" not in favourites
        assert "3 times" in favourites

    @freeze_time("2025-06-11 12:00:00")
    def test_times_are_said_in_minutes_and_seconds(self, ada, member):
        """5 min 24 s is not rounded to “5 min”, in the session, its week and the summary."""
        PracticeSessionFactory(
            user=member, seconds=324, done_at=datetime.datetime(2025, 6, 10, 8, tzinfo=UTC)
        )
        PracticeSessionFactory(user=member, seconds=45, done_at=datetime.datetime(2025, 6, 3, 8, tzinfo=UTC))
        page = ada.get("/practice/")
        assertContains(page, "This week: 1 session, 5 min 24 s · streak 2 weeks.")
        text = page.content.decode()
        mine = text[text.index('id="sessions-title"') :]
        assert "· 5 min 24 s" in mine
        assert "· 45 s" in mine
        meter = '<meter class="log-bar" min="0" max="324" value="324" aria-hidden="true"></meter>'
        assertContains(page, f'<td class="log-time">{meter} 5 min 24 s</td>', html=True)
        assertNotContains(page, "5 min ·")

    def test_the_streak_may_end_last_week_but_not_earlier(self, ada, member):
        PracticeSessionFactory(user=member, done_at=datetime.datetime(2025, 6, 4, 8, tzinfo=UTC))
        PracticeSessionFactory(user=member, done_at=datetime.datetime(2025, 5, 28, 8, tzinfo=UTC))
        with freeze_time("2025-06-11 12:00:00"):
            assertContains(ada.get("/practice/"), "This week: 0 sessions, 0 min · streak 2 weeks.")
        with freeze_time("2025-06-18 12:00:00"):
            assertContains(ada.get("/practice/"), "This week: 0 sessions, 0 min · streak 0 weeks.")

    def test_weeks_are_counted_in_the_members_time_zone(self, ada, member):
        """Sunday 23:30 UTC is Monday 00:30 in London: this week there, last week in UTC."""
        PracticeSessionFactory(user=member, done_at=datetime.datetime(2025, 6, 8, 23, 30, tzinfo=UTC))
        with freeze_time("2025-06-11 12:00:00"):
            assertContains(ada.get("/practice/"), "This week: 0 sessions")  # settings.TIME_ZONE, UTC
            ReminderFactory(user=member, time_zone="Europe/London")
            response = ada.get("/practice/")
        assertContains(response, "This week: 1 session, 5 min · streak 1 week.")
        assertContains(response, "in Europe/London time")

    @pytest.mark.parametrize("count", [3, 30])
    def test_query_count_does_not_grow_with_the_log(self, ada, member, django_assert_num_queries, count):
        routines = [readable_routine(steps=1) for _ in range(4)]
        for number in range(count):
            PracticeSessionFactory(user=member, routine=routines[number % 4])
        ReminderFactory(user=member)
        # The user (with their zone, kept from their first reminder); sessions by week; the latest
        # sessions with routines; favourites.
        with django_assert_num_queries(4):
            response = ada.get("/practice/")
        assert response.content.decode().count('<time datetime="') == count


class TestMemberArea:
    @freeze_time("2025-06-11 12:00:00")
    def test_says_this_week_and_the_streak_and_links_to_the_log(self, ada, member):
        PracticeSessionFactory(user=member, seconds=300)
        PracticeSessionFactory(user=member, seconds=330)
        PracticeSessionFactory(user=member, done_at=datetime.datetime(2025, 6, 3, tzinfo=UTC))
        response = ada.get("/members/")
        assertContains(response, "This week: 2 sessions, 10 min 30 s · streak 2 weeks.")
        assertContains(response, '<a href="/practice/">Your practice log</a>', html=True)
        assertContains(response, '<a href="/practice/reminders/">Reminders</a>', html=True)  # in the menu
        assertContains(response, '<a href="/practice/">Practice log</a>', html=True)


class TestLeaving:
    def test_export_contains_the_log_and_the_reminders(self, member, routine):
        PracticeSessionFactory(
            user=member, routine=routine, seconds=160, done_at=datetime.datetime(2025, 6, 2, tzinfo=UTC)
        )
        ReminderFactory(user=member, routine=routine, times="11:00,15:00", time_zone="America/New_York")
        PracticeSessionFactory()  # someone else's
        data = json.loads(logged_in().get("/members/export/").content)
        assert data["practice_sessions"] == [
            {
                "routine": "Hip sequence",
                "url": "http://testserver/stretches/routines/hip-sequence/",
                "done_at": "2025-06-02T00:00:00+00:00",
                "seconds": 160,
                "completed": True,
            }
        ]
        [reminder] = data["reminders"]
        assert reminder["routine"] == "Hip sequence"
        assert reminder["weekdays"] == [0, 1, 2, 3, 4]
        assert reminder["times"] == ["11:00", "15:00"]
        assert reminder["time_zone"] == "America/New_York"

    def test_deleting_the_account_deletes_the_log_and_the_reminders(self, member, routine):
        PracticeSessionFactory(user=member, routine=routine)
        reminder = ReminderFactory(user=member, routine=routine)
        reminder.deliveries.create(due_at=datetime.datetime(2025, 6, 2, 11, tzinfo=UTC))
        other = PracticeSessionFactory(routine=routine)
        client = logged_in()
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        response = client.post("/members/delete/", {"confirm": "on"}, follow=True)
        assertContains(response, "Your account and everything in it has been deleted.")
        assert list(PracticeSession.objects.all()) == [other]
        assert not Reminder.objects.exists()
        assert not reminder.deliveries.exists()

    def test_a_log_page_shows_nothing_of_other_members(self, ada, routine):
        """A member's log lists their own sessions only."""
        PracticeSessionFactory(routine=readable_routine(name="Someone else's routine", steps=1))
        assert log(ada, routine, 160).status_code in (200, 201, 204, 302)
        response = ada.get("/practice/")
        assertContains(response, "Hip sequence", status_code=200)  # her own session is listed
        assertNotContains(response, "Someone else")
