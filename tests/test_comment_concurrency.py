"""Many posts at once: through a real server every comment is stored without an error, and the
rate limit still gives one member one slot."""

import http.client
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client

from comments import services
from comments.models import Comment
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import started

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CLIENTS, POSTS_EACH = 20, 10


def member_cookies(user):
    """A signed-in browser's cookies, made the way Django's test client does."""
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies["sessionid"].value}


def post_many(server, slug, cookies, csrf, worker):
    host, port = server
    outcomes = []
    for n in range(POSTS_EACH):
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": csrf, "started": started(), "text": f"Worker {worker}, comment {n}"}
        )
        connection_ = http.client.HTTPConnection(host, port, timeout=60)
        connection_.request(
            "POST",
            f"/comments/article/{slug}/",
            body,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={v}" for k, v in {**cookies, "csrftoken": csrf}.items()),
                "Referer": f"http://{host}:{port}/",
            },
        )
        response = connection_.getresponse()
        response.read()
        outcomes.append(response.status)
        connection_.close()
    return outcomes


def test_twenty_members_posting_ten_comments_each_at_once(live_server, settings):
    settings.COMMENTS = {**settings.COMMENTS, "RATE_SECONDS": 0}  # the limit is per member: 20 members
    article = ArticleFactory(slug="busy-article")
    members = [UserFactory(first_name=f"M{i}") for i in range(CLIENTS)]
    browsers = []
    for member in members:
        cookies = member_cookies(member)
        csrf = "a" * 32  # a CSRF secret of our own choosing, sent as cookie and form field
        browsers.append((cookies, csrf))
    host_port = live_server.url.removeprefix("http://").split(":")
    server = (host_port[0], int(host_port[1]))
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [
            pool.submit(post_many, server, article.slug, cookies, csrf, i)
            for i, (cookies, csrf) in enumerate(browsers)
        ]
        outcomes = [status for future in futures for status in future.result()]
    assert outcomes.count(302) == CLIENTS * POSTS_EACH, sorted(set(outcomes))
    assert Comment.objects.filter(article=article).count() == CLIENTS * POSTS_EACH


def test_the_rate_limit_holds_under_a_burst(settings):
    """Eight posts at the same instant from one member: exactly one gets the slot."""
    settings.COMMENTS = {**settings.COMMENTS, "RATE_SECONDS": 15}
    results, barrier = [], threading.Barrier(8)

    def attempt():
        barrier.wait()
        try:
            results.append(services.take_posting_slot(key="user:42"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
