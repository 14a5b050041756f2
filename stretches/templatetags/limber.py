from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from stretches.text import sanitise

register = template.Library()


@register.simple_tag
def picture(image, width, height, alt="", css_class="", loading="lazy"):
    """An <img> for an ImageField, sized from the model's stored width and height fields.

    Never read `image.width`: that opens the file. The stored numbers keep rendering free of
    disk reads and keep the layout from jumping while the picture loads.
    """
    if not image:
        return ""
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}" class="{}" loading="{}" decoding="async">',
        image.url,
        width or "",
        height or "",
        alt,
        css_class,
        loading,
    )


@register.filter
def sanitised(html):
    """Stored HTML through the allowlist once more as it is shown: rows written without
    Section.save() (fixtures, bulk updates, an older allowlist) cannot slip past it."""
    return mark_safe(sanitise(html))  # noqa: S308 - nh3 has just cleaned it
