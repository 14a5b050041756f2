"""`make bench-threads`: what an article's comment section costs a signed-in member to build.

A member without comments on the article gets the shared rendering of its threads (cached per
comments version); a member with comments there gets theirs, with their pending comments and the
controls on their own. Measures each in process, on a scratch SQLite database (or DATABASE_URL),
for comments spread over many threads and for one long thread, and prints queries, HTML size and
the median time of 20 renders.
"""

import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
RUNS = 20


def setup_django():
    WORK.mkdir(parents=True, exist_ok=True)
    database = WORK / "threads.sqlite3"
    database.unlink(missing_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "0")  # as in production: cached templates
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("EMAIL_URL", "consolemail://")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    os.environ.setdefault("CACHE_URL", "locmemcache://")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def make_article(slug, comments, *, one_thread=False):
    """`comments` approved comments: a third start threads and the rest reply to them, or all
    but the first reply to the first (one long thread)."""
    from comments.models import Comment
    from stretches.models import Article, Topic
    from tests.factories import CommentFactory

    topic, _ = Topic.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    article = Article.objects.create(
        title=f"Bench {slug}", slug=slug, topic=topic, standfirst="Bench.", status="published"
    )
    roots = 1 if one_thread else max(comments // 3, 1)
    made = Comment.objects.bulk_create(
        CommentFactory.build(article=article, guest_name=f"Reader {i}", text="Top") for i in range(roots)
    )
    Comment.objects.bulk_create(
        CommentFactory.build(
            article=article, parent=made[i % roots], guest_name=f"Replier {i}", text=f"Reply {i}"
        )
        for i in range(comments - roots)
    )
    return article


def section(article, user):
    """The comment section as the article page includes it, for `user`."""
    from django.template import RequestContext, Template
    from django.test import RequestFactory

    request = RequestFactory().get(article.get_absolute_url())
    request.user = user
    template = Template("{% load comments %}{% comment_section article %}")
    return lambda: template.render(RequestContext(request, {"article": article}))


def timed(render, before=None):
    """(queries, HTML size, median ms) of `render()`, calling `before()` ahead of each run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    (before or (lambda: None))()
    render()  # warm-up
    (before or (lambda: None))()
    with CaptureQueriesContext(connection) as queries:
        html = render()
    times = []
    for _ in range(RUNS):
        (before or (lambda: None))()
        start = time.perf_counter()
        render()
        times.append((time.perf_counter() - start) * 1000)
    return len(queries), len(html), statistics.median(times)


def main():
    setup_django()
    from django.core.cache import caches

    from comments.models import Comment
    from members.models import User
    from tests.factories import CommentFactory

    reader = User.objects.create_user("bench", "bench@example.com", "bench-password", first_name="Bench")
    writer = User.objects.create_user("writer", "writer@example.com", "bench-password", first_name="Wren")
    cases = [
        ("500 comments over 167 threads", make_article("spread", 500)),
        ("1 thread of 1,000 replies", make_article("long", 1001, one_thread=True)),
    ]
    for _, article in cases:  # the writer has one comment of their own on each article
        first = Comment.objects.filter(article=article, root=None).first()
        CommentFactory(article=article, parent=first, author=writer, text="Mine")
    fragments = caches["fragments"]
    print(f"Comment section for a signed-in member, median of {RUNS} renders")
    print("| case | member | queries | HTML KiB | ms |\n| --- | --- | ---: | ---: | ---: |")
    for name, article in cases:
        for label, user, before in (
            ("without comments there, threads cached (every request)", reader, None),
            ("without comments there, threads rendered (once per change, shared)", reader, fragments.clear),
            ("with a comment there, threads cached (every request)", writer, None),
            ("with a comment there, threads rendered (once per change, theirs)", writer, fragments.clear),
        ):
            queries, size, ms = timed(section(article, user), before)
            print(f"| {name} | {label} | {queries} | {size / 1024:.0f} | {ms:.1f} |")


if __name__ == "__main__":
    main()
