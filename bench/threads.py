"""`make bench-threads`: what an article's comment section costs a signed-in member to build.

A member's section is rendered for them on every request (their pending comments, their
controls), so its queries and time grow with whatever the page shows. Measures it in process,
on a scratch SQLite database (or DATABASE_URL), for comments spread over many threads and for
one long thread, and prints queries, HTML size and the median time of 20 renders.
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

    topic, _ = Topic.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    article = Article.objects.create(
        title=f"Bench {slug}", slug=slug, topic=topic, standfirst="Bench.", status="published"
    )
    roots = 1 if one_thread else max(comments // 3, 1)
    made = Comment.objects.bulk_create(
        Comment(
            article=article, guest_name=f"Reader {i}", text="Top", text_html="<p>Top</p>", status="approved"
        )
        for i in range(roots)
    )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            parent=made[i % roots],
            root=made[i % roots],
            in_reply_to=made[i % roots],
            depth=1,
            guest_name=f"Replier {i}",
            text=f"Reply {i}",
            text_html=f"<p>Reply {i}</p>",
            status="approved",
        )
        for i in range(comments - roots)
    )
    return article


def measure(article, member):
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from comments.views import comments_section

    request = RequestFactory().get(article.get_absolute_url())
    request.user = member
    comments_section(request, article)  # warm-up
    with CaptureQueriesContext(connection) as queries:
        html = comments_section(request, article)
    count = len(queries)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        comments_section(request, article)
        times.append((time.perf_counter() - start) * 1000)
    return count, len(html), statistics.median(times)


def main():
    setup_django()
    from members.models import User

    member = User.objects.create_user("bench", "bench@example.com", "bench-password", first_name="Bench")
    cases = [
        ("500 comments over 167 threads", make_article("spread", 500)),
        ("1 thread of 1,000 replies", make_article("long", 1001, one_thread=True)),
    ]
    print(f"Comment section for a signed-in member, median of {RUNS} renders")
    print("| case | queries | HTML KiB | ms |\n| --- | ---: | ---: | ---: |")
    for name, article in cases:
        queries, size, ms = measure(article, member)
        print(f"| {name} | {queries} | {size / 1024:.0f} | {ms:.1f} |")


if __name__ == "__main__":
    main()
