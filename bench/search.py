"""`make bench-search`: how fast site search answers on 10,000 articles.

Builds 10,000 articles of three sections of generated text each (some members-only, some drafts,
some scheduled), plus a library of stretches and a few topics, in a throwaway database: SQLite
in a temporary file, and also PostgreSQL when DATABASE_URL points at one (a database of its own
is made beside it and dropped after). Indexes everything, then times representative queries, as
the search function (the query and building the results) and as the whole page, and prints the
median and 95th percentile in milliseconds.
"""

import datetime
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES, SECTIONS, STRETCHES, TOPICS = 10_000, 3, 200, 12
RUNS = 30
PG_DATABASE = "limber_bench_search"

# Body text: common words, words every stretching article uses, and a few subjects of its own
# per article, drawn from SUBJECTS by weight: queries range from matching almost every article to
# matching a handful, as on a real site.
_FILLER_TEXT = (
    "the a and of to in your with for is it as on that this be at by or from you keep slowly gently "
    "each side breathe hold feel ease let into then again until without any more less over under "
    "while after before both one two three minutes seconds day week morning evening easy comfortable"
)
FILLER = _FILLER_TEXT.split()
GENERAL = {"stretch": 6, "stretching": 3, "muscle": 3, "back": 3, "hip": 2, "lower": 2, "knee": 2, "pain": 1}
SUBJECTS = {
    "hamstrings": 8, "shoulder": 8, "neck": 8, "posture": 6, "desk": 6, "flexor": 5, "glutes": 5,
    "spine": 5, "calf": 4, "piriformis": 3, "rotation": 3, "mobility": 3, "chair": 3, "psoas": 2,
    "sciatica": 0.5, "quadratus": 0.3, "lumborum": 0.3, "scalene": 0.2, "thoracolumbar": 0.1,
}  # fmt: skip
QUERIES = [
    ("common word", "stretch", {}),
    ("stemmed", "stretches", {}),
    ("moderate word", "piriformis", {}),
    ("two words", "hip flexor", {}),
    ("three words", "lower back pain", {}),
    ("rare word", "sciatica", {}),
    ("no match", "zebra", {}),
    ("operators", '"lower back" -hip or "neck"', {}),
    ("page 40 of a common word", "stretch", {"page": 40}),
    ("rare word, as a member", "quadratus", {"member": True}),
    ("5,000 characters", "stretch hip " * 416, {}),
]


def say(message):
    print(f"[bench-search] {message}", file=sys.stderr, flush=True)


def setup_django(database_url):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",  # as in production: cached templates
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "EMAIL_URL": "dummymail://",
            "DATABASE_URL": database_url,
            "CACHE_URL": "locmemcache://",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # debug off: hashed names, as bench/run.py


class Writer:
    """Generated text about a few subjects: each sentence mostly filler and general words."""

    def __init__(self, rng, subjects):
        self.rng, self.subjects = rng, sorted(subjects)
        self.words = [*FILLER, *GENERAL, *subjects]
        self.weights = [10] * len(FILLER) + list(GENERAL.values()) + [4] * len(subjects)

    def phrase(self, count):
        return " ".join(self.rng.choices(self.words, self.weights, k=count))

    def sentence(self):
        return self.phrase(self.rng.randint(8, 18)).capitalize() + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 6)))


def writer(rng, count=3):
    return Writer(rng, set(rng.choices(list(SUBJECTS), list(SUBJECTS.values()), k=count)))


def make_content(rng):
    """The articles, sections, stretches and topics, written with bulk_create (no signals: the
    index is built afterwards, once, and timed)."""
    from django.utils import timezone
    from django.utils.text import slugify

    from stretches.models import Article, Muscle, Section, Stretch, Topic

    topics = Topic.objects.bulk_create(
        Topic(name=f"Topic {n}", slug=f"topic-{n}", intro=writer(rng).sentence()) for n in range(TOPICS)
    )
    names = sorted({writer(rng, 2).phrase(2).capitalize() for _ in range(30)})
    muscles = Muscle.objects.bulk_create(Muscle(name=name, slug=slugify(name)) for name in names)
    stretches = []
    for n in range(STRETCHES):
        text = writer(rng, 2)
        name = rng.choice(text.subjects)
        stretches.append(
            Stretch(
                name=f"{name.capitalize()} stretch {n}",
                slug=f"stretch-{n}",
                instructions="\n".join(text.sentence() for _ in range(4)),
            )
        )
    Stretch.objects.bulk_create(stretches)
    works = Stretch.muscles.through
    works.objects.bulk_create(
        works(stretch=stretch, muscle=muscle) for stretch in stretches for muscle in rng.sample(muscles, 3)
    )
    now = timezone.now()
    articles, texts = [], []
    for n in range(ARTICLES):
        roll, text = rng.random(), writer(rng)
        texts.append(text)
        articles.append(
            Article(
                title=text.phrase(rng.randint(3, 7)).capitalize(),
                slug=f"article-{n}",
                topic=rng.choice(topics),
                standfirst=text.sentence(),
                status=Article.Status.DRAFT if roll < 0.05 else Article.Status.PUBLISHED,
                published_at=now + datetime.timedelta(days=3 if roll > 0.98 else -(n % 900)),  # 2% scheduled
                members_only=0.05 <= roll < 0.15,
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=1000)
    sections = []
    for article, text in zip(articles, texts, strict=True):
        for order in range(SECTIONS):
            paragraphs = [text.paragraph() for _ in range(3)]
            sections.append(
                Section(
                    article=article,
                    order=order,
                    heading=text.phrase(4).capitalize(),
                    body="\n\n".join(paragraphs),
                    body_html="".join(
                        f"<p>{paragraph}</p>\n" for paragraph in paragraphs
                    ),  # as Markdown has it
                )
            )
    Section.objects.bulk_create(sections, batch_size=2000)


def timings(call, runs=RUNS):
    call()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)]


def measure(database_url):
    """Build, index and time, on one database; returns the figures as a dict."""
    setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client

    from search import engine, index
    from search.text import clean_query
    from stretches.models import Article

    rng = random.Random(20261201)  # noqa: S311 - the same generated text on every run, no secret
    say(f"{connection.vendor}: writing {ARTICLES:,} articles of {SECTIONS} sections")
    started = time.perf_counter()
    make_content(rng)
    say(f"{connection.vendor}: written in {time.perf_counter() - started:.1f} s; indexing")
    started = time.perf_counter()
    rows = index.rebuild()
    indexing = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum would have done by now: fresh statistics
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("INSERT INTO search_entry_fts (search_entry_fts) VALUES ('optimize')")
    article = Article.objects.get(slug="article-1")
    reindex = timings(lambda: index.index(article), runs=20)

    member = get_user_model().objects.create_user("bench", "bench@example.com", "bench-password")
    anonymous, member_client = AnonymousUser(), Client()
    member_client.force_login(member)
    results = []
    for label, text, options in QUERIES:
        user = member if options.get("member") else anonymous
        query = clean_query(text)
        number = options.get("page", 1)
        found = engine.search(query, user=user, page=number)
        engine_ms = timings(lambda q=query, u=user, n=number: engine.search(q, user=u, page=n))
        client = member_client if options.get("member") else Client()
        params = {"q": text, **({"page": number} if number > 1 else {})}
        page_ms = timings(lambda c=client, p=params: c.get("/search/", p))
        results.append(
            {
                "label": label,
                "query": text if len(text) < 40 else f"{text[:20]}… ({len(text):,} chars)",
                "results": found.paginator.count,
                "engine": engine_ms,
                "page": page_ms,
            }
        )
    return {
        "vendor": connection.vendor,
        "version": _version(connection),
        "rows": rows,
        "indexing": indexing,
        "reindex": reindex,
        "results": results,
    }


def _version(connection):
    if connection.vendor == "sqlite":
        return connection.Database.sqlite_version
    return f"{connection.pg_version // 10000}.{connection.pg_version % 100}"  # 150020: 15.20


def _run_child(database_url):
    """Each database in a process of its own: Django is set up once per process."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", database_url],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)


def _postgresql_url(url):
    """A throwaway database on the server DATABASE_URL names: (its URL, a function dropping it)."""
    import psycopg

    base, _, _ = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        admin.execute(f"CREATE DATABASE {PG_DATABASE}")

    def drop():
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")

    return f"{base}/{PG_DATABASE}", drop


def print_table(figures):
    name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[figures["vendor"]]
    print(
        f"\n### {name} {figures['version']}: {ARTICLES:,} articles × {SECTIONS} sections, "
        f"{figures['rows']:,} index rows built in {figures['indexing']:.1f} s; "
        f"reindexing one article on save: {figures['reindex'][0]:.1f} ms median\n"
    )
    print("| query | | results | search median ms | search p95 ms | page median ms | page p95 ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for row in figures["results"]:
        (engine_median, engine_p95), (page_median, page_p95) = row["engine"], row["page"]
        print(
            f"| {row['label']} | `{row['query']}` | {row['results']:,} | {engine_median:.1f} | {engine_p95:.1f} "
            f"| {page_median:.1f} | {page_p95:.1f} |"
        )


def main():
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2])))
        return
    runs = []
    with tempfile.TemporaryDirectory(prefix="limber-bench-search-") as folder:
        runs.append(_run_child(f"sqlite:///{Path(folder) / 'search.sqlite3'}"))
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        pg_url, drop = _postgresql_url(url)
        try:
            runs.append(_run_child(pg_url))
        finally:
            drop()
    print(f"Site search, median and 95th percentile of {RUNS} runs each, on {os.cpu_count()} cores")
    for figures in runs:
        print_table(figures)


if __name__ == "__main__":
    main()
