from django import template
from django.utils.html import format_html

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
