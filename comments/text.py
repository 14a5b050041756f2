"""A comment's plain text as HTML: escaped, line breaks kept, web addresses turned into links."""

from django.utils.html import linebreaks, urlize

LINK_REL = 'rel="nofollow ugc noopener"'


def render_comment(text):
    """Return (html, number of links). Nothing the commenter types becomes markup of their own."""
    html = urlize(text, nofollow=True, autoescape=True)  # escapes everything, links only http(s)/www
    html = html.replace('rel="nofollow"', LINK_REL)
    return linebreaks(html, autoescape=False), html.count("<a ")
