"""Text going into the index and coming out of it: cleaning, the reader's query, highlights."""

import html
import re
from typing import NamedTuple

from django.utils.html import strip_tags

# The database wraps each matched word in these (private-use characters, stripped from every
# indexed text, so a marker in a snippet can only be one the database put there).
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
# Control characters (NUL included) and the markers: never indexed, never sent in a query.
_UNWANTED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000\ue001]")
_SPACES = re.compile(r"\s+")

# A query longer than this is cut: nobody types more, and it bounds the work a query can ask for.
QUERY_MAX_LENGTH = 200
# At most this many words of it are looked for (on SQLite each at most MAX_TERM_LENGTH long):
# every word costs a lookup and a ranking pass, and more narrow nothing down.
MAX_TERMS = 10
MAX_TERM_LENGTH = 40
_WORD = re.compile(r"\w+")


def clean(text):
    """Text as indexed: no control characters or markers, whitespace collapsed."""
    return _SPACES.sub(" ", _UNWANTED.sub(" ", text or "")).strip()


def plain_text(html_text):
    """The words of sanitized HTML (a section's body_html), entities decoded."""
    return clean(html.unescape(strip_tags(html_text or "")))


def clean_query(text):
    """What the reader typed, as the page shows it again and the database receives it."""
    return clean(text)[:QUERY_MAX_LENGTH].strip()


def fts5_match(query):
    """A safe FTS5 query for `query`: its words, each quoted (so a word is only ever a word:
    no operator, column filter, prefix or NEAR), all required, each once. "" when it has none."""
    words = dict.fromkeys(word[:MAX_TERM_LENGTH].lower() for word in _WORD.findall(query))  # once each
    return " ".join(f'"{word}"' for word in list(words)[:MAX_TERMS])  # \w+ holds no quote to double


def first_words(query, count=MAX_TERMS):
    """`query` cut after its `count`th word, operators and quotes between them kept (for
    PostgreSQL's websearch_to_tsquery)."""
    words = list(_WORD.finditer(query))
    return query if len(words) <= count else query[: words[count - 1].end()]


class Segment(NamedTuple):
    text: str
    match: bool


def segments(marked):
    """Split a snippet the database marked up into [(text, is_match)], for the template to
    render (and escape) each piece; a stray or unclosed marker ends a match."""
    pieces, match = [], False
    for piece in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", marked or ""):
        if piece == MARK_OPEN:
            match = True
        elif piece == MARK_CLOSE:
            match = False
        elif piece:
            pieces.append(Segment(piece, match))
    return pieces
