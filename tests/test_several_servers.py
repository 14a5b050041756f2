"""The README's several-machines set-up: two gunicorn servers on one database and one shared
cache (PostgreSQL and Redis in CI; SQLite and a file cache elsewhere). A change made through one
is on the other's pages at the very next request: they share the version tokens, so each one's
own page and fragment caches can never serve what the other has changed."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse

from comments import services
from stretches.models import Article
from tests.factories import ArticleFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parent.parent
CSRF = "s" * 32  # a CSRF secret both sides agree on: the cookie and the form field


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def servers(tmp_path):
    """Two servers, as two machines would run them, sharing the database and the default cache."""
    shared_cache = os.environ.get("CACHE_URL", "")
    if not shared_cache.startswith("redis"):
        shared_cache = f"filecache://{tmp_path / 'cache'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": _database_url(),
        "CACHE_URL": shared_cache,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    started = []
    for _ in range(2):
        port = _free_port()
        process = subprocess.Popen(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        )
        started.append((process, port))
    try:
        for process, port in started:
            _wait_for(port, process)
        yield [port for _, port in started]
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            process.wait(timeout=30)


def _wait_for(port, process, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        assert process.poll() is None, "the server stopped"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no server on port {port}")


def _request(port, method, path, *, cookies=None, data=None):
    body = urllib.parse.urlencode(data, doseq=True) if data is not None else None
    headers = {"Host": "127.0.0.1"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    link = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        link.request(method, path, body, headers)
        response = link.getresponse()
        return response.status, response.read().decode()
    finally:
        link.close()


def _signed_in(user):
    client = Client()
    client.force_login(user)  # the session is in the database both servers read
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


def _admin_action(port, cookies, changelist, action, pks, **extra):
    return _request(
        port,
        "POST",
        changelist,
        cookies=cookies,
        data={"csrfmiddlewaretoken": CSRF, "action": action, "_selected_action": pks, **extra},
    )


def test_edits_approvals_and_bulk_deletes_through_one_server_show_on_the_other(servers, editor):
    one, other = servers
    topic = TopicFactory(name="Hip stretches", slug="hips")
    article = ArticleFactory(title="Hip stretches", slug="hip-stretches", topic=topic, sections=1)
    doomed = ArticleFactory(title="Soon to go", topic=topic)
    comment = services.post_comment(article=article, author=UserFactory(first_name="Cora"), text="Lovely")
    editor.groups.add(Group.objects.get(name=settings.COMMENTS["MODERATORS_GROUP"]))  # the queue too
    cookies = _signed_in(editor)
    url = article.get_absolute_url()
    for port in servers:  # both servers have the pages in their caches
        for path in (url, "/"):
            _request(port, "GET", path)

    status, _ = _request(
        one,
        "POST",
        reverse("admin:stretches_article_change", args=[article.pk]),
        cookies=cookies,
        data={
            "csrfmiddlewaretoken": CSRF,
            "title": "Hip stretches, revised",
            "slug": article.slug,
            "topic": topic.pk,
            "standfirst": "New standfirst.",
            "status": "published",
            "published_at_0": "2026-01-01",
            "published_at_1": "09:00:00",
            "sections-TOTAL_FORMS": "0",
            "sections-INITIAL_FORMS": "0",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
        },
    )
    assert status == 302
    assert "Hip stretches, revised" in _request(other, "GET", url)[1]
    assert "Hip stretches, revised" in _request(other, "GET", "/")[1]

    assert "Lovely" not in _request(other, "GET", url)[1]
    changelist = reverse("admin:comments_comment_changelist")
    assert _admin_action(one, cookies, changelist, "approve", [comment.pk])[0] == 302
    assert re.search(r"<strong>Cora</strong>.*Lovely", _request(other, "GET", url)[1], re.S)

    assert "Soon to go" in _request(other, "GET", "/")[1]
    changelist = reverse("admin:stretches_article_changelist")
    assert _admin_action(one, cookies, changelist, "delete_selected", [doomed.pk], post="yes")[0] == 302
    assert not Article.objects.filter(pk=doomed.pk).exists()
    assert "Soon to go" not in _request(other, "GET", "/")[1]
    assert _request(other, "GET", doomed.get_absolute_url())[0] == 404
