"""Running a search: one interface, the database's own full-text search behind it.

`search(query, user=…, page=…)` answers a Django `Page` of `Result`s, ranked, highlighted,
20 a page, in one query (two when the page asked for is past the last one). The query:

- finds the matching rows the reader may see, ranks them and keeps the page's (with the total,
  a window count over all matches, so no second query counts them);
- then highlights only those rows: snippets are the costly part, and are never made for rows
  off the page.

Who may see an article is asked of stretches' own rules (`Article.objects.live()`,
`readable_by()`) as the search runs, so it is never stale: a signed-out reader finds a
members-only article by its teaser row (title and standfirst), a member by its full text, and
nobody finds a draft or an article dated in the future. Each object has one visible row.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models.expressions import RawSQL

from stretches.models import Article

from .documents import ARTICLE, FULL, TEASER
from .models import SearchEntry
from .text import MARK_CLOSE, MARK_OPEN, Segment, first_words, fts5_match, segments

PER_PAGE = 20
ENTRIES = SearchEntry._meta.db_table
FTS_TABLE = "search_entry_fts"  # SQLite's FTS5 index over ENTRIES (migrations/0002)
# Holds what the visibility rule reads of each match, so the long rows are never read for it;
# named in the query, since SQLite would look rows up in the table by rowid otherwise.
VISIBILITY_INDEX = "search_entry_visibility"
TITLE_WEIGHT = 10.0  # bm25 weights on SQLite: a word in the title counts ten times one in the body
# ts_headline options on PostgreSQL: about as much text as SQLite's snippet of 24 words.
HEADLINE = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxWords=30, MinWords=12, ShortWord=2"
TITLE_HEADLINE = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, HighlightAll=true"


@dataclass
class Result:
    kind: str
    url: str
    teaser: bool  # a members-only article, found by what signed-out readers may read of it
    title: list[Segment]
    snippet: list[Segment]

    @property
    def kind_label(self):
        return SearchEntry.Kind(self.kind).label


def _sql(queryset):
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return sql, list(params)


def _visible(user):
    """SQL (and params) true for the rows of `e` (the entries) that `user` may see: topics and
    stretches, and for a live article its full row if `user` may read it all, else its teaser.

    Both EXISTS are stretches' own querysets, looked up by primary key from the row."""
    this_article = RawSQL("e.object_id", ())
    live, live_params = _sql(Article.objects.live().filter(pk=this_article))
    readable, readable_params = _sql(Article.objects.readable_by(user).filter(pk=this_article))
    sql = f"(e.kind <> %s OR (EXISTS ({live}) AND (e.part = %s) = EXISTS ({readable})))"
    return sql, [ARTICLE, *live_params, FULL, *readable_params]


def _sqlite(query, visible, visible_params, offset):
    match = fts5_match(query)
    # Only constants and ORM-compiled SQL are formatted in; every value is a parameter.
    sql = f"""
        WITH page AS (
            SELECT id, score, COUNT(*) OVER () AS total FROM (
                SELECT e.id AS id, bm25({FTS_TABLE}, %s, 1.0) AS score
                FROM {FTS_TABLE}
                JOIN {ENTRIES} e INDEXED BY {VISIBILITY_INDEX} ON e.id = {FTS_TABLE}.rowid
                WHERE {FTS_TABLE} MATCH %s AND {visible}
            )
            ORDER BY score, id LIMIT %s OFFSET %s
        )
        SELECT e.kind, e.part, e.url, page.total,
            highlight({FTS_TABLE}, 0, %s, %s),
            snippet({FTS_TABLE}, 1, %s, %s, '…', 24)
        FROM page
        JOIN {ENTRIES} e ON e.id = page.id
        JOIN {FTS_TABLE} ON {FTS_TABLE}.rowid = page.id
        WHERE {FTS_TABLE} MATCH %s
        ORDER BY page.score, page.id
    """  # noqa: S608
    marks = [MARK_OPEN, MARK_CLOSE]
    params = [TITLE_WEIGHT, match, *visible_params, PER_PAGE, offset, *marks, *marks, match]
    return sql, params


def _postgresql(query, visible, visible_params, offset):
    # websearch_to_tsquery takes any text without error: "quoted phrases", -exclusions, or. It is
    # written out where used, not computed once in a CTE: given a constant, the planner estimates
    # how many rows match from the column's statistics (and picks a plan to suit).
    # ts_headline says nothing of cut text: "…" is added where the excerpt starts or ends inside
    # the body, as SQLite's snippet() does. MATERIALIZED: each headline is made once, not once
    # for each place the outer query uses it.
    asked = "websearch_to_tsquery('english', %s)"
    sql = f"""
        WITH page AS (
            SELECT e.id, ts_rank(e.document, {asked}) AS score, COUNT(*) OVER () AS total
            FROM {ENTRIES} e
            WHERE e.document @@ {asked} AND {visible}
            ORDER BY score DESC, e.id LIMIT %s OFFSET %s
        ),
        shown AS MATERIALIZED (
            SELECT page.id, page.score, page.total, e.kind, e.part, e.url, e.body,
                ts_headline('english', e.title, {asked}, %s) AS title,
                ts_headline('english', e.body, {asked}, %s) AS marked
            FROM page JOIN {ENTRIES} e ON e.id = page.id
        )
        SELECT kind, part, url, total, title,
            CASE WHEN starts_with(body, cut.plain) THEN '' ELSE '…' END
                || marked
                || CASE WHEN right(body, length(cut.plain)) = cut.plain THEN '' ELSE '…' END
        FROM shown, LATERAL (SELECT translate(marked, %s, '') AS plain) cut
        ORDER BY score DESC, id
    """  # noqa: S608
    words, marks = first_words(query), MARK_OPEN + MARK_CLOSE
    params = [words, words, *visible_params, PER_PAGE, offset, words, TITLE_HEADLINE, words, HEADLINE, marks]
    return sql, params


def _run(query, user, number):
    """(rows of page `number`, total): total is None when the page has no rows, so unknown."""
    if not fts5_match(query):  # no words (punctuation, emoji): nothing to look for, no query
        return [], 0
    build = _postgresql if connection.vendor == "postgresql" else _sqlite
    statement = build(query, *_visible(user), (number - 1) * PER_PAGE)
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        rows = cursor.fetchall()
    return rows, (rows[0][3] if rows else None)


def search(query, *, user, page=1):
    """Page `page` of what `user` finds for `query` (already cleaned: text.clean_query), or the
    last page when there are fewer."""
    rows, total = _run(query, user, page)
    if total is None and page > 1:  # past the end: count from page 1, then show the last page
        rows, total = _run(query, user, 1)
        last = max(1, -(-(total or 0) // PER_PAGE))
        page = last
        if last > 1:
            rows, total = _run(query, user, last)
    paginator = Paginator((), PER_PAGE)
    paginator.count = total or 0
    results = [
        Result(kind, url, part == TEASER, segments(title), segments(snippet))
        for kind, part, url, _total, title, snippet in rows
    ]
    return Page(results, page, paginator)
