import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
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
