"""Template tags every page uses: pictures, and dates as HTML wants them."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from pages.images import srcset

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
def datetime_attr(moment):
    """A valid HTML `datetime` value: local time to the second, with its offset."""
    if not moment:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()
