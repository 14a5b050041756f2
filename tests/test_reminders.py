"""Practice reminders sent by `manage.py send_reminders`: each occurrence once, at the right
instant in the member's time zone, across daylight-saving changes, overlapping and missed runs,
only to confirmed addresses, with one-click unsubscribe headers. (Their pages:
test_reminder_pages.py.)"""

import datetime
import io
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.db import connections
from django.test import Client
from freezegun import freeze_time

from practice import sending
from practice.models import ReminderDelivery
from practice.tokens import read_unsubscribe_token
from tests.factories import ArticleFactory, ReminderFactory, RoutineFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def at(text):
    """A UTC instant: at("2025-03-30 01:30")."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


def readable_routine(**fields):
    routine = RoutineFactory(**fields)
    SectionFactory(routine=routine, article=ArticleFactory(published_at=at("2020-01-01 00:00")))
    return routine


@pytest.fixture
def routine():
    return readable_routine(name="Hip sequence", slug="hip-sequence", steps=2)


@pytest.fixture
def ada(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def run(emails_sent):
    """`run("2025-01-15 11:10")`: cron runs the command then; returns (its line, emails sent)."""

    def run(moment):
        before = len(mail.outbox)
        out = io.StringIO()
        with freeze_time(at(moment)), emails_sent():
            call_command("send_reminders", stdout=out)
        return out.getvalue().strip(), mail.outbox[before:]

    return run


@pytest.fixture
def cron(run):
    """`cron(first, last, minutes)`: runs every `minutes` from first to last; returns
    [(run time, email)] for every email sent."""

    def cron(first, last, minutes):
        sent, moment = [], at(first)
        while moment <= at(last):
            sent += [(moment, email) for email in run(moment.strftime("%Y-%m-%d %H:%M"))[1]]
            moment += datetime.timedelta(minutes=minutes)
        return sent

    return cron


def reminder(member, routine, **fields):
    fields.setdefault("created_at", at("2025-01-01 00:00"))
    return ReminderFactory(user=member, routine=routine, **fields)


class TestTimeZonesAndDaylightSaving:
    def test_11_00_in_london_and_in_new_york_go_out_at_their_own_instants(self, cron, member, routine):
        """17 March 2025: New York is on summer time already (UTC−4), London not yet (UTC+0)."""
        reminder(member, routine, time_zone="Europe/London")
        bo = UserFactory(first_name="Bo", email="bo@example.com", verified=True)
        reminder(bo, routine, time_zone="America/New_York")
        sent = cron("2025-03-17 09:00", "2025-03-17 16:00", 15)
        assert [(moment, email.to) for moment, email in sent] == [
            (at("2025-03-17 11:00"), ["ada@example.com"]),
            (at("2025-03-17 15:00"), ["bo@example.com"]),
        ]

    @pytest.mark.parametrize(
        ("first", "last", "expected"),
        [
            # Clocks go forward on Sunday 30 March: 11:00 is 11:00 UTC, then 10:00 UTC.
            (
                "2025-03-29 08:00",
                "2025-03-31 12:00",
                ["2025-03-29 11:00", "2025-03-30 10:00", "2025-03-31 10:00"],
            ),
            # And back on Sunday 26 October: 10:00 UTC, then 11:00 UTC.
            (
                "2025-10-25 08:00",
                "2025-10-27 12:00",
                ["2025-10-25 10:00", "2025-10-26 11:00", "2025-10-27 11:00"],
            ),
        ],
    )
    def test_11_00_in_london_stays_11_00_across_the_change(
        self, cron, member, routine, first, last, expected
    ):
        reminder(member, routine, weekdays="0123456", times="11:00")
        sent = cron(first, last, 60)
        assert [moment for moment, _ in sent] == [at(text) for text in expected]
        assert sorted(ReminderDelivery.objects.values_list("due_at", flat=True)) == [at(t) for t in expected]

    def test_a_time_that_does_not_exist_is_sent_once_an_hour_on(self, cron, member, routine):
        """01:30 never happens in London on 30 March 2025 (01:00 → 02:00): sent at 02:30 BST."""
        reminder(member, routine, weekdays="6", times="01:30")
        sent = cron("2025-03-29 23:00", "2025-03-30 04:00", 15)
        assert [moment for moment, _ in sent] == [at("2025-03-30 01:30")]  # 02:30 BST

    def test_a_time_that_happens_twice_is_sent_once(self, cron, member, routine):
        """01:30 happens twice in London on 26 October 2025 (BST, then GMT): the first one."""
        reminder(member, routine, weekdays="6", times="01:30")
        sent = cron("2025-10-25 23:00", "2025-10-26 04:00", 15)
        assert [moment for moment, _ in sent] == [at("2025-10-26 00:30")]  # 01:30 BST

    def test_two_times_on_one_instant_are_one_email(self, run, member, routine):
        """01:30 and 02:30 are both 02:30 BST on the spring Sunday."""
        reminder(member, routine, weekdays="6", times="01:30,02:30")
        line, sent = run("2025-03-30 01:35")
        assert (line, len(sent)) == ("Sent 1 reminder.", 1)
        assert [row.due_at for row in ReminderDelivery.objects.all()] == [at("2025-03-30 01:30")]


class TestExactlyOnce:
    def test_two_runs_at_the_same_instant_send_one_email(self, run, member, routine):
        reminder(member, routine)
        line, first = run("2025-01-15 11:00")
        assert (line, len(first)) == ("Sent 1 reminder.", 1)
        line, second = run("2025-01-15 11:00")
        assert (line, second) == ("Sent 0 reminders.", [])

    def test_a_run_that_loses_the_race_sends_nothing(self, run, member, routine, monkeypatch):
        """Another run inserted the row after this one looked: the unique key refuses this one's."""
        mine = reminder(member, routine)
        ReminderDelivery.objects.create(
            reminder=mine, due_at=at("2025-01-15 11:00"), sent_at=at("2025-01-15 11:00")
        )
        monkeypatch.setattr(sending, "claimed_since", lambda since: {})  # it looked before the insert
        assert run("2025-01-15 11:00") == ("Sent 0 reminders.", [])
        assert ReminderDelivery.objects.count() == 1

    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_four_runs_at_once_on_their_own_connections_send_one_email(self, member, routine):
        """A true race: each run commits its own claim; the database lets one through."""
        reminder(member, routine)
        start, results = threading.Barrier(4), []

        def one_run():
            try:
                start.wait(timeout=10)
                results.append(sending.send_due(now=at("2025-01-15 11:00")))
            finally:
                connections.close_all()  # this thread's connection

        with ThreadPoolExecutor(4) as pool:
            for future in [pool.submit(one_run) for _ in range(4)]:
                future.result()
        assert sorted(result.sent for result in results) == [0, 0, 0, 1]
        assert len(mail.outbox) == 1
        assert ReminderDelivery.objects.count() == 1

    def test_a_missed_run_is_made_up_late_once(self, run, member, routine):
        reminder(member, routine)
        assert run("2025-01-15 10:55") == ("Sent 0 reminders.", [])
        # 11:00 and 11:05 never ran (the machine was busy).
        line, sent = run("2025-01-15 11:10")
        assert (line, len(sent)) == ("Sent 1 reminder.", 1)
        assert run("2025-01-15 11:15") == ("Sent 0 reminders.", [])

    def test_after_hours_of_downtime_only_the_latest_is_sent(self, run, member, routine, settings):
        settings.PRACTICE = {**settings.PRACTICE, "REMINDER_LATE_MINUTES": 8 * 60}
        mine = reminder(member, routine, times="09:00,10:00,11:00,12:00,13:00,14:00")
        assert run("2025-01-15 08:55")[1] == []
        line, sent = run("2025-01-15 14:55")  # six hours later
        assert line == "Sent 1 reminder. Skipped 5 missed occurrences (a later one was sent)."
        assert len(sent) == 1
        deliveries = {row.due_at.hour: row.skipped for row in mine.deliveries.all()}
        assert deliveries == {9: True, 10: True, 11: True, 12: True, 13: True, 14: False}
        assert run("2025-01-15 15:00")[1] == []

    def test_beyond_the_late_window_nothing_is_sent(self, run, member, routine):
        """Two hours by default: a reminder hours late is no use."""
        reminder(member, routine, times="09:00")
        assert run("2025-01-15 11:01") == ("Sent 0 reminders.", [])
        assert not ReminderDelivery.objects.exists()

    def test_nothing_due_before_the_reminder_was_made(self, run, member, routine):
        reminder(member, routine, created_at=at("2025-01-15 11:00:30"))
        assert run("2025-01-15 11:05")[1] == []
        assert len(run("2025-01-16 11:00")[1]) == 1

    def test_a_resumed_reminder_does_not_catch_up_its_pause(self, ada, run, member, routine):
        mine = reminder(member, routine)
        with freeze_time(at("2025-01-15 10:00")):
            ada.post(f"/practice/reminders/{mine.pk}/pause/")
        assert run("2025-01-15 11:00")[1] == []
        with freeze_time(at("2025-01-15 11:30")):
            ada.post(f"/practice/reminders/{mine.pk}/resume/")
        assert run("2025-01-15 11:35")[1] == []
        assert len(run("2025-01-16 11:00")[1]) == 1

    def test_old_delivery_records_are_let_go(self, run, member, routine):
        mine = reminder(member, routine)
        mine.deliveries.create(due_at=at("2024-11-01 11:00"), sent_at=at("2024-11-01 11:00"))
        run("2025-01-15 11:00")
        assert [row.due_at for row in mine.deliveries.all()] == [at("2025-01-15 11:00")]


class TestWhoGetsOne:
    def test_an_unverified_address_gets_nothing(self, run, routine):
        member = UserFactory(email="new@example.com")
        EmailAddress.objects.create(user=member, email=member.email, verified=False, primary=True)
        reminder(member, routine)
        reminder(UserFactory(email="none@example.com"), routine)  # no address row at all
        assert run("2025-01-15 11:00") == ("Sent 0 reminders.", [])

    def test_a_paused_reminder_sends_nothing(self, run, member, routine):
        reminder(member, routine, active=False)
        assert run("2025-01-15 11:00") == ("Sent 0 reminders.", [])

    def test_a_routine_no_longer_published_sends_nothing(self, run, member):
        hidden = RoutineFactory(steps=1)
        SectionFactory(routine=hidden, article=ArticleFactory(draft=True))
        reminder(member, hidden)
        assert run("2025-01-15 11:00") == ("Sent 0 reminders.", [])

    def test_only_on_the_chosen_days(self, cron, member, routine):
        reminder(member, routine, weekdays="01234")
        sent = cron("2025-01-18 10:00", "2025-01-20 12:00", 60)  # Saturday to Monday
        assert [moment for moment, _ in sent] == [at("2025-01-20 11:00")]


class TestTheEmail:
    def test_subject_greeting_links_and_one_click_headers(self, run, member, routine, client):
        mine = reminder(member, routine, times="11:00,15:00")
        [email] = run("2025-01-15 11:00")[1]
        assert email.to == ["ada@example.com"]
        assert email.subject == "[Limber] Time for Hip sequence"
        assert email.body.startswith("Hello Ada,\n")
        assert "Weekdays at 11:00, 15:00 (Europe/London)" in email.body
        assert (
            "\nStart now, the player counts for you: http://testserver/stretches/routines/hip-sequence/play/\n"
            in (email.body)
        )
        unsubscribe = email.extra_headers["List-Unsubscribe"][1:-1]  # <…>
        token = re.fullmatch(r"http://testserver/practice/unsubscribe/([^/]+)/", unsubscribe).group(1)
        assert read_unsubscribe_token(token) == (mine.pk, member.pk)
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert f"Stop this reminder with one click: {unsubscribe}\n" in email.body
        assert not email.alternatives  # plain text
        play = re.search(r"http://testserver(/stretches/routines/\S+/play/)", email.body).group(1)
        assert client.get(play).status_code == 200

    def test_a_name_that_reads_like_a_link_is_not_repeated(self, run, routine):
        member = UserFactory(first_name="www.example.com", email="x@example.com", verified=True)
        reminder(member, routine)
        [email] = run("2025-01-15 11:00")[1]
        assert email.body.startswith("Hello,\n")
