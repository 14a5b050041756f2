"""Who is asking: behind the operator's own proxy every reader is themself, and a client talking
to the server directly cannot pass for someone else with a header of its own."""

import ipaddress

import pytest
from django.test import Client, RequestFactory
from pytest_django.asserts import assertContains

from comments.models import Comment
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import PASSWORD, started
from web.clients import client_ip

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"


@pytest.fixture
def behind_nginx(settings):
    settings.LIMBER = {**settings.LIMBER, "TRUSTED_PROXIES": frozenset({ipaddress.ip_address(PROXY)})}


def reader(address):
    """A browser whose requests come through the proxy, which says who it is."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def failed_logins(client, count):
    for n in range(count):
        client.post("/accounts/login/", {"login": f"nobody{n}@example.com", "password": "wrong password"})


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, "203.0.113.9", "203.0.113.9"),
        (PROXY, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the proxy appends; trust the last
        (PROXY, "203.0.113.9, 127.0.0.1", "203.0.113.9"),  # two proxies of ours in a row
        (PROXY, "", PROXY),
        (PROXY, "not-an-address", PROXY),
        ("198.51.100.7", "203.0.113.9", "198.51.100.7"),  # not our proxy: its header counts for nothing
        ("198.51.100.7", "", "198.51.100.7"),
    ],
)
def test_the_reader_is_the_address_our_proxy_saw(behind_nginx, remote, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_without_a_trusted_proxy_the_header_is_ignored():
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "127.0.0.1"


def test_behind_the_proxy_two_readers_have_separate_login_limits(behind_nginx):
    ada = UserFactory(username="ada", email="ada@example.com", verified=True)
    failed_logins(reader("203.0.113.1"), 10)  # one reader trying ten accounts
    refused = reader("203.0.113.1").post("/accounts/login/", {"login": ada.email, "password": PASSWORD})
    assertContains(refused, "Too many failed login attempts")
    other = reader("203.0.113.2")
    response = other.post("/accounts/login/", {"login": ada.email, "password": PASSWORD})
    assert response.status_code == 302
    assert other.get("/").wsgi_request.user == ada


def test_a_direct_client_cannot_escape_its_limit_with_forged_headers(behind_nginx):
    ada = UserFactory(username="ada", email="ada@example.com", verified=True)
    for n in range(10):
        Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").post(
            "/accounts/login/", {"login": f"nobody{n}@example.com", "password": "wrong password"}
        )
    forged = Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.200")
    assertContains(
        forged.post("/accounts/login/", {"login": ada.email, "password": PASSWORD}),
        "Too many failed login attempts",
    )


def test_behind_the_proxy_two_guests_post_within_seconds_and_each_address_is_recorded(behind_nginx):
    article = ArticleFactory()
    for address, name in (("203.0.113.1", "Gus"), ("203.0.113.2", "Gil")):
        response = reader(address).post(
            f"/comments/article/{article.slug}/",
            {
                "text": f"Hello from {name}",
                "name": name,
                "email": f"{name}@example.com",
                "started": started(),
            },
        )
        assert response.status_code == 302, response.content
    assert sorted(Comment.objects.values_list("ip_address", flat=True)) == ["203.0.113.1", "203.0.113.2"]
