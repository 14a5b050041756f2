"""Template tags every page uses: cached fragments, pictures, and dates as HTML wants them."""

import re

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from images.variants import srcset, webp_srcset
from pagecache.templatetags import fragments
from web import sharing

register = template.Library()


@register.simple_tag
def picture(
    image, width, height, alt="", css_class="", loading="lazy", widths=None, sizes="100vw", fetchpriority=""
):
    """An <img> for an ImageField, sized from the model's stored width and height fields, with the
    smaller widths made at upload in srcset; inside a <picture> offering the WebP files made at
    upload first, when there are some.

    The page's largest picture (an article's hero, say) passes `loading="eager"` and
    `fetchpriority="high"`: only the template knows which picture that is.

    Never read `image.width`: that opens the file. The stored numbers keep rendering free of
    disk reads and keep the layout from jumping while the picture loads.
    """
    if not image:
        return ""
    candidates = srcset(image, widths, width)
    img = format_html(
        '<img src="{}"{} width="{}" height="{}" alt="{}" class="{}" loading="{}" decoding="async"{}>',
        image.url,
        format_html(' srcset="{}" sizes="{}"', candidates, sizes) if candidates else "",
        width or "",
        height or "",
        alt,
        css_class,
        loading,
        format_html(' fetchpriority="{}"', fetchpriority) if fetchpriority else "",
    )
    webp = webp_srcset(image, widths)
    if not webp:
        return img
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">{}</picture>', webp, sizes, img
    )


DEFAULT_DESCRIPTION = (
    "Clear, friendly stretching routines for hips, lower back and desk workers, with step-by-step pictures."
)


@register.inclusion_tag("includes/_page_meta.html", takes_context=True)
def page_meta(context, title="", description="", image=None, width=None, height=None, alt="", kind="website"):
    """A page's description, canonical address and sharing tags (OpenGraph, Twitter card), from
    what the page is about; the site's own picture when it has none."""
    request = context.get("request")
    if image:
        image_url, width, height = sharing.absolute(image.url), width, height
    else:
        (image_url, width, height), alt = sharing.site_image(), "Limber"
    return {
        "site_name": sharing.SITE_NAME,
        "title": title or "Stretching and back care",
        "description": sharing.description(description or DEFAULT_DESCRIPTION),
        "url": sharing.canonical_url(request) if request else "",
        "image": image_url,
        "width": width,
        "height": height,
        "alt": alt,
        "kind": kind,
    }


@register.simple_tag
def structured_data(*nodes):
    """The page's structured data: `nodes` (dicts, lists of them, or None) in one JSON-LD block."""
    flat = []
    for node in nodes:
        flat.extend(node if isinstance(node, list | tuple) else [node])
    return sharing.json_ld(*flat)


@register.filter
def breadcrumb_list(crumbs):
    return sharing.breadcrumb_list(crumbs)


# Anything that reads like an address: a scheme, www., an @, a slash, a dot then letters in any
# script and any dot ("evil.com", "evil．рф"; "Dr. Ada" stays), or an IPv4 address.
LINK_LIKE = re.compile(r"(://|www\.|@|/|[.．。｡][^\W\d_]{2,}|\d+\.\d+\.\d+)", re.IGNORECASE)


@register.filter
def greeting(name):
    """A name to greet someone by in an email: at most 30 characters, and never anything that
    reads like an address, so nobody can make the site mail a link of theirs to anyone."""
    name = " ".join(str(name).split())
    if not name or LINK_LIKE.search(name):
        return ""
    return Truncator(name).chars(30)


@register.filter
def datetime_attr(moment):
    """A valid HTML `datetime` value: local time to the second, with its offset."""
    if not moment:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


# {% fragment %} is the page cache's; loaded with the rest, as every template already does.
register.tag("fragment", fragments.fragment)
