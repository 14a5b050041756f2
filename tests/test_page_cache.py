"""Signed-out pages are served whole from the page cache, with the same headers as a render,
and nothing a visitor sends can flood the cache or push out what the other caches hold."""

import pytest
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.test import Client
from django.urls import ResolverMatch
from pytest_django.asserts import assertContains, assertNotContains

from pagecache.cache import shared_page
from pagecache.middleware import PageCacheMiddleware
from tests.factories import ArticleFactory, CommentFactory, UserFactory
from tests.helpers import page, site_urls, warm

GREETING = '<span class="member-menu__greeting">Ada</span>'  # the header names who is logged in

pytestmark = pytest.mark.django_db


def test_signed_out_pages_are_served_whole_without_the_database(site, django_assert_num_queries):
    warm(site)
    for url in site_urls(site):
        with django_assert_num_queries(0):
            response = page(url)
        assert response["X-Page-Cache"] == "hit"
        assert not response.cookies
        assert "public" in response["Cache-Control"] and "s-maxage=1" in response["Cache-Control"]
        assert "max-age=0" in response["Cache-Control"]
        assert "stale-while-revalidate=60" in response["Cache-Control"]
        assert response["Vary"] == "Cookie, Accept-Encoding"  # compressed for those who accept it


def test_a_matching_etag_gets_a_304_without_rendering(site, django_assert_num_queries, monkeypatch):
    url = site["article"].get_absolute_url()
    etag = page(url)["ETag"]
    monkeypatch.setattr("stretches.views.render", lambda *a, **k: pytest.fail("rendered"))
    with django_assert_num_queries(0):
        response = page(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag and response.content == b""
    assert page(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_members_never_get_a_cached_page_and_theirs_is_private(site):
    warm(site)
    member = UserFactory(first_name="Ada")
    client = Client()
    client.force_login(member)
    for url in site_urls(site):
        response = client.get(url)
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assertContains(response, GREETING)
    assertNotContains(page("/"), GREETING)  # nor does anyone get theirs


def test_pages_with_a_message_or_odd_query_strings_are_not_stored(site, settings):
    settings.COMMENTS = {**settings.COMMENTS, "PER_PAGE": 2}
    for text in ("One", "Two", "Three"):  # two pages of threads
        CommentFactory(article=site["article"], text=text)
    url = site["article"].get_absolute_url()
    assert "X-Page-Cache" not in page(url + "?utm_source=x")
    assert "X-Page-Cache" not in Client(HTTP_COOKIE="messages=abc").get(url)
    assert page(url + "?page=2")["X-Page-Cache"] == "miss"  # a page the site links to
    for odd in (
        "?page=3",
        "?page=x00001",
        "?page=1",
        "?page=2&page=2",
        "?page=02",
        "?&page=2",
        "?%70age=2",
        "?&",
        "?page=²",
    ):
        response = page(url + odd)
        assert response.status_code == 200 and "X-Page-Cache" not in response, odd


def test_page_responses_are_never_cached_when_they_set_a_cookie(site):
    response = page("/accounts/login/")
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


class StampMiddleware:
    """A middleware added below the page cache, as a later change might add one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Later-Header"] = "added later"
        return response


# What describes a 200's body, which a 304 leaves out (RFC 9110, 15.4.5).
BODY_HEADERS = {"content-type", "content-length"}


@pytest.mark.parametrize("extra_middleware", [False, True])
def test_a_hit_a_miss_and_a_304_carry_the_same_headers(site, settings, extra_middleware):
    """Cache hits and 304s are built from the headers the page was stored with."""
    if extra_middleware:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.test_page_cache.StampMiddleware"]
    for url in site_urls(site):
        miss = page(url)
        hit = page(url)
        not_modified = page(url, HTTP_IF_NONE_MATCH=miss["ETag"])
        assert (miss["X-Page-Cache"], hit["X-Page-Cache"], not_modified.status_code) == ("miss", "hit", 304)
        names = {name.lower() for name in miss.headers}
        assert {name.lower() for name in hit.headers} == names, url
        assert {name.lower() for name in not_modified.headers} == names - BODY_HEADERS, url
        for response in (miss, hit, not_modified):
            assert response["X-Frame-Options"] == "DENY"
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Referrer-Policy"] == "same-origin"
            assert response.get("X-Later-Header") == ("added later" if extra_middleware else None)


def test_a_page_cached_for_http_is_never_served_to_https_or_the_reverse(site):
    url = site["article"].get_absolute_url()
    assert page(url)["X-Page-Cache"] == "miss"
    assert Client().get(url, secure=True)["X-Page-Cache"] == "miss"
    assert Client().get(url, secure=True)["X-Page-Cache"] == "hit"
    assert page(url)["X-Page-Cache"] == "hit"


def _junk(n):
    """Query strings no link of the site's has: unknown names, pages that are not there, odd forms."""
    forms = (
        "?page={n}",
        "?page=x{n:05d}",
        "?utm_source={n}",
        "?page=2&n={n}",
        "?{n}",
        "?page=0{n}",
        "?page={n}&page=1",
    )
    return forms[n % len(forms)].format(n=n + 2)


def test_distinct_junk_query_strings_add_no_page_cache_entry(site, rf):
    """10,000 requests, each with a query string of its own, leave the page cache as it was: a
    few hundred through the whole site, on every kind of page, the rest straight at the page
    cache in front of a shared page that, like most, reads no query string at all."""
    CommentFactory(article=site["article"])
    warm(site)
    stored = set(caches["pages"]._cache)
    client, urls = Client(), site_urls(site)
    for n in range(350):
        assert client.get(urls[n % len(urls)] + _junk(n)).status_code == 200
    assert set(caches["pages"]._cache) == stored

    body = page(urls[0]).content
    view = shared_page(lambda request: HttpResponse(body))
    middleware = PageCacheMiddleware(lambda request: _resolved(request, view))
    for n in range(350, 10_000):
        response = middleware(rf.get("/" + _junk(n)))
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert set(caches["pages"]._cache) == stored


def _resolved(request, view):
    """What Django's handler does before calling a view: record which view the address named."""
    request.resolver_match = ResolverMatch(view, (), {})
    return view(request)


def _rate_limit_keys():
    """allauth's rate-limit counters in the default cache (local memory, or Redis in CI)."""
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):
        return {key for key in cache._cache if "allauth:rl:" in key}
    return set(cache.keys("*allauth:rl:*"))  # django-redis


def test_filling_the_page_cache_leaves_rate_limits_and_sessions_in_place(site, settings, client):
    """The page cache is a store of its own: at its bound it drops its own oldest pages only."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {**settings.CACHES["pages"], "OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}},
    }
    member = UserFactory(username="ada", email="ada@example.com", first_name="Ada", verified=True)
    for _ in range(5):
        client.post("/accounts/login/", {"login": "ada@example.com", "password": "wrong password"})
    kept = _rate_limit_keys()
    assert kept, "the failed logins are counted in the default cache"
    for n in range(30):
        article = ArticleFactory(title=f"Filler {n}")
        assert page(article.get_absolute_url())["X-Page-Cache"] == "miss"
    assert len(caches["pages"]._cache) <= 10
    assert kept <= _rate_limit_keys()
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": "correct horse battery staple"}
    )
    assertContains(response, "Too many failed login attempts")


def test_a_host_the_site_does_not_serve_is_refused_without_blaming_the_cache(site, caplog):
    response = Client(HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400
    assert not [record for record in caplog.records if record.name == "pagecache.middleware"]
    assert len(caches["pages"]._cache) == 0
