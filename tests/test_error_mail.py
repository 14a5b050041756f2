"""Error mail to the admins that nobody can turn into a flood, and requests too big for the site
answered as such (413), never mailed."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

BIG = b"{" + b" " * (3 * 1024 * 1024) + b"}"  # over Django's 2.5 MB


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Ada", "ada@example.com")]
    settings.ROOT_URLCONF = "tests.urls_error"


def test_twenty_oversized_posts_are_each_a_413_and_mail_nobody(admins, caplog):
    for _ in range(20):
        response = Client().post("/csp-report/", BIG, content_type="application/csp-report")
        assert response.status_code == 413
    assert mail.outbox == []
    refused = [record for record in caplog.records if record.name == "limber.requests"]
    assert len(refused) == 20 and {record.levelname for record in refused} == {"WARNING"}


def test_an_oversized_form_anywhere_is_a_413_before_the_csrf_check(admins):
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", BIG, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert "larger than this site accepts" in response.content.decode()
    assert response["X-Content-Type-Options"] == "nosniff"  # a page like any other
    assert mail.outbox == []


def test_too_many_fields_are_logged_as_a_warning_not_mailed(admins, caplog, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    fields = "&".join(f"f{n}=x" for n in range(20))
    response = Client().post("/accounts/login/", fields, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert mail.outbox == []
    (record,) = [record for record in caplog.records if record.name == "django.security.TooManyFieldsSent"]
    assert record.levelname == "WARNING"


def test_the_same_error_mails_once_per_ten_minutes_then_says_how_many_more(admins):
    client = Client(raise_request_exception=False)
    with freeze_time("2026-12-08 09:00:00") as clock:
        for _ in range(20):
            assert client.get("/broken/").status_code == 500
        (first,) = mail.outbox
        assert "RuntimeError at /broken/" in first.body and "more like it" not in first.subject

        clock.tick(datetime.timedelta(minutes=9))
        client.get("/broken/")
        assert len(mail.outbox) == 1

        clock.tick(datetime.timedelta(minutes=2))
        client.get("/broken/")
        assert len(mail.outbox) == 2
        assert "(20 more like it since the last report)" in mail.outbox[1].subject


def test_another_error_or_another_page_is_mailed_on_its_own(admins):
    client = Client(raise_request_exception=False)
    client.get("/broken/")
    client.get("/broken/")
    client.get("/broken-differently/")
    assert [message.subject.split(": ", 1)[1] for message in mail.outbox] == [
        "Internal Server Error: /broken/",
        "Internal Server Error: /broken-differently/",
    ]


def test_one_error_at_any_number_of_addresses_of_one_view_mails_once(admins):
    """Slugs are free to make up: the same view failing at /broken/a/, /broken/b/, … is one error."""
    client = Client(raise_request_exception=False)
    for n in range(20):
        assert client.get(f"/broken/made-up-{n}/").status_code == 500
    assert len(mail.outbox) == 1
