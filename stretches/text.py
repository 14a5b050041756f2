"""Turning stored text into what readers see: durations, and sanitised Markdown."""

import re

import markdown
import nh3

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
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def about_duration(seconds):
    """Round a duration the way people say it: “about 6 min”, “under a minute”."""
    if seconds < 45:
        return "under a minute"
    minutes = max(1, int(seconds / 60 + 0.5))
    return f"about {minutes} min"


def render_markdown(source):
    """Markdown written by an editor, as HTML that is safe to put on a page.

    The allowlist is the guarantee: whatever the Markdown library passes through (raw HTML
    included), only the tags and attributes above survive. Section headings are h2, so body
    headings are demoted to h3 and below.
    """
    html = markdown.markdown(source or "", extensions=["sane_lists"], output_format="html")
    html = re.sub(r"<(/?)h[12]\b", r"<\1h3", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
