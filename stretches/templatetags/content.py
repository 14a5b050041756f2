from django import template
from django.utils.safestring import mark_safe

from stretches.text import sanitise

register = template.Library()


@register.filter
def sanitised(html):
    """Stored HTML through the allowlist once more as it is shown: rows written without
    Section.save() (fixtures, bulk updates, an older allowlist) cannot slip past it."""
    return mark_safe(sanitise(html))  # noqa: S308 - nh3 has just cleaned it
