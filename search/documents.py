"""What each kind of content puts in the index: rows as dicts of SearchEntry fields.

Attribute access only, and the address passed in, so the data migration can hand these
historical models (which have no methods) and index exactly what the live code does.
"""

from .text import clean, plain_text

ARTICLE, STRETCH, TOPIC = "article", "stretch", "topic"  # SearchEntry.Kind
TEASER, FULL = "teaser", "full"  # SearchEntry.Part
TITLE_LENGTH = 200
SEPARATOR = " · "  # between headings, paragraphs and steps, so a snippet reads as the page does


def _joined(parts):
    return SEPARATOR.join(part for part in parts if part)


def _row(kind, pk, part, title, body, url):
    return {
        "kind": kind,
        "object_id": pk,
        "part": part,
        "title": clean(title)[:TITLE_LENGTH],
        "body": body,
        "url": url,
    }


def article_rows(article, sections, url):
    """Two rows: the teaser everyone may read, and the full text (sections in page order).
    Which one a reader finds is decided when they search, from the article as it is then."""
    standfirst = clean(article.standfirst)
    text = [part for section in sections for part in (clean(section.heading), plain_text(section.body_html))]
    full = _joined((standfirst, *text))
    return [
        _row(ARTICLE, article.pk, TEASER, article.title, standfirst, url),
        _row(ARTICLE, article.pk, FULL, article.title, full, url),
    ]


def stretch_rows(stretch, muscles, url):
    """`muscles`: the names of the muscles it works, in one line."""
    steps = (clean(line) for line in stretch.instructions.splitlines())
    body = _joined((clean(muscles), *steps))
    return [_row(STRETCH, stretch.pk, FULL, stretch.name, body, url)]


def topic_rows(topic, url):
    return [_row(TOPIC, topic.pk, FULL, topic.name, clean(topic.intro), url)]
