"""The README's several-machines set-up: two gunicorn servers on one database and one shared
cache (PostgreSQL and Redis in CI; SQLite and a file cache elsewhere). A change made through one
is on the other's pages at the very next request: they share the version tokens, so each one's
own page and fragment caches can never serve what the other has changed."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from comments import services
from stretches.models import Article
from tests.factories import ArticleFactory, TopicFactory, UserFactory
from tests.servers import CSRF, database_url, free_port, request, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def servers(tmp_path):
    """Two servers, as two machines would run them, sharing the database and the default cache."""
    shared_cache = os.environ.get("CACHE_URL", "")
    if not shared_cache.startswith("redis"):
        shared_cache = f"filecache://{tmp_path / 'cache'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": database_url(),
        "CACHE_URL": shared_cache,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    started = []
    for _ in range(2):
        port = free_port()
        process = subprocess.Popen(
            [gunicorn, "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        )
        started.append((process, port))
    try:
        for process, port in started:
            wait_for(port, process)
        yield [port for _, port in started]
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            process.wait(timeout=30)


def _signed_in(user):
    client = Client()
    client.force_login(user)  # the session is in the database both servers read
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


def _admin_action(port, cookies, changelist, action, pks, **extra):
    return request(
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
            request(port, "GET", path)

    response, _ = request(
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
    assert response.status == 302
    assert "Hip stretches, revised" in request(other, "GET", url)[1]
    assert "Hip stretches, revised" in request(other, "GET", "/")[1]

    assert "Lovely" not in request(other, "GET", url)[1]
    changelist = reverse("admin:comments_comment_changelist")
    assert _admin_action(one, cookies, changelist, "approve", [comment.pk])[0].status == 302
    assert re.search(r"<strong>Cora</strong>.*Lovely", request(other, "GET", url)[1], re.S)

    assert "Soon to go" in request(other, "GET", "/")[1]
    changelist = reverse("admin:stretches_article_changelist")
    assert (
        _admin_action(one, cookies, changelist, "delete_selected", [doomed.pk], post="yes")[0].status == 302
    )
    assert not Article.objects.filter(pk=doomed.pk).exists()
    assert "Soon to go" not in request(other, "GET", "/")[1]
    assert request(other, "GET", doomed.get_absolute_url())[0].status == 404
