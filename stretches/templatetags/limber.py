from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from stretches.images import srcset
from stretches.text import sanitise

register = template.Library()


@register.simple_tag
def picture(image, width, height, alt="", css_class="", loading="lazy", widths=None, sizes="100vw"):
    """An <img> for an ImageField, sized from the model's stored width and height fields, with the
    smaller widths made at upload in srcset.

    Never read `image.width`: that opens the file. The stored numbers keep rendering free of
    disk reads and keep the layout from jumping while the picture loads.
    """
    if not image:
        return ""
    candidates = srcset(image, widths, width)
    return format_html(
        '<img src="{}"{} width="{}" height="{}" alt="{}" class="{}" loading="{}" decoding="async">',
        image.url,
        format_html(' srcset="{}" sizes="{}"', candidates, sizes) if candidates else "",
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
