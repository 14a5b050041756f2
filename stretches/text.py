"""Turning stored text into what readers see: durations, and sanitised Markdown."""

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "blockquote",
    "code",
    "pre",
    "hr",
    "sup",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "sup": {"class"}}
URL_SCHEMES = {"http", "https", "mailto"}

# CommonMark, raw HTML shown as text, nesting capped: linear time even on hostile input.
_markdown = MarkdownIt("commonmark", {"html": False})


def about_duration(seconds):
    """Round a duration the way people say it: “about 6 min”, “under a minute”."""
    if seconds < 45:
        return "under a minute"
    minutes = max(1, int(seconds / 60 + 0.5))
    return f"about {minutes} min"


def render_markdown(source):
    """Markdown written by an editor, as HTML that is safe to put on a page.

    The parser escapes raw HTML, and the allowlist is the guarantee on top: only the tags and
    attributes above survive. Section headings are h2, so body headings are demoted to h3.
    """
    html = _markdown.render(source or "")
    html = re.sub(r"<(/?)h[12]\b", r"<\1h3", html)
    return sanitise(cite_sources(html))


# A source cited by its number, as the editor writes it: "… eases back pain [2]."
_CITATION = re.compile(r"\[(\d{1,3})\]")
# What is not plain text: tags, code (where "[2]" means itself) and links (no link in a link).
_NOT_TEXT = re.compile(r"(<code>.*?</code>|<pre>.*?</pre>|<a\b[^>]*>.*?</a>|<[^>]*>)", re.S)


def cite_sources(html):
    """Each citation marker in the text becomes a link to that source in the article's list."""
    parts = _NOT_TEXT.split(html)
    for index in range(0, len(parts), 2):  # the text between tags and code
        parts[index] = _CITATION.sub(
            r'<sup class="cite"><a href="#source-\1" title="Source \1">[\1]</a></sup>', parts[index]
        )
    return "".join(parts)


def sanitise(html):
    """The allowlist alone: also applied when stored HTML is rendered, in case it was stored raw."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
