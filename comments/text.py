"""A comment's plain text as HTML: escaped, line breaks kept, web addresses turned into links."""

import nh3
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

LINK_REL = 'rel="nofollow ugc noopener"'


def render_comment(text):
    """Return (html, number of links). Nothing the commenter types becomes markup of their own."""
    html = urlize(text, nofollow=True, autoescape=True)  # escapes everything, links only http(s)/www
    html = html.replace('rel="nofollow"', LINK_REL)
    return linebreaks(html, autoescape=False), html.count("<a ")


def comment_html(html):
    """A comment's stored HTML through a tight allowlist as it is shown (paragraphs, breaks, links)."""
    cleaned = nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just cleaned it
