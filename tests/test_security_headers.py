"""Every kind of response carries the same security headers, with a Content-Security-Policy that
allows nothing inline, and what the policy blocks is reported to a view that logs it."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import CommentFactory
from tests.helpers import logged_in, page

pytestmark = pytest.mark.django_db

HEADERS = {
    "Content-Security-Policy",
    "Permissions-Policy",
    "Cross-Origin-Resource-Policy",
    "Cross-Origin-Opener-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
}


def responses(site, member, editor_client):
    url = site["article"].get_absolute_url()
    cached = page(url)
    yield "home", page("/")
    yield "index", page("/stretches/")
    yield "topic", page(site["topic"].get_absolute_url())
    yield "article", page(url)
    yield "a cache hit", page(url)
    yield "a 304", page(url, HTTP_IF_NONE_MATCH=cached["ETag"])
    yield "stretch", page(site["stretch"].get_absolute_url())
    yield "sign-up", page("/accounts/signup/")
    yield "login", page("/accounts/login/")
    yield "member area", logged_in().get("/members/")
    yield "admin index", editor_client.get("/admin/")
    yield (
        "admin change form",
        editor_client.get(reverse("admin:stretches_article_change", args=[site["article"].pk])),
    )
    yield "404", page("/stretches/no-such-article/")
    yield "static file", Client().head("/static/css/site.css")  # HEAD: no file left open
    yield (
        "400",
        Client().post(
            "/accounts/login/", "x=1", content_type="application/x-www-form-urlencoded; charset=utf-16"
        ),
    )


def test_every_kind_of_response_carries_the_same_security_headers(site, member, editor_client):
    CommentFactory(article=site["article"])
    policies = set()
    for kind, response in responses(site, member, editor_client):
        missing = {name for name in HEADERS if name not in response.headers}
        assert not missing, (kind, missing)
        policies.add(response["Content-Security-Policy"])
    (policy,) = policies  # one policy, the admin's included
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in policy
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in policy


def test_what_the_policy_blocks_is_logged_and_a_flood_is_not(client, caplog):
    report = (
        b'{"csp-report": {"document-uri": "https://limber.example/", "blocked-uri": "inline",'
        b' "violated-directive": "script-src"}}'
    )
    for _ in range(25):
        response = client.post("/csp-report/", report, content_type="application/csp-report")
        assert response.status_code == 204
    logged = [r for r in caplog.records if r.name == "limber.csp"]
    assert len(logged) == 20 and "blocked inline on https://limber.example/" in logged[0].getMessage()
    assert client.post("/csp-report/", b"not json", content_type="application/csp-report").status_code == 204
    assert client.get("/csp-report/").status_code == 405


def test_a_report_of_any_shape_is_answered_never_a_500(client):
    for body in (b"[" * 9000, b'{"csp-report": []}', b'"text"', b"\xff\xfe"):
        assert client.post("/csp-report/", body, content_type="application/csp-report").status_code == 204
