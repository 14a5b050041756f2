"""Template tags every page uses: cached fragments, pictures, and dates as HTML wants them."""

import re

from django import template
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from pages import sharing, versions
from pages.cache import FRAGMENT_TIMEOUT
from pages.images import srcset, webp_srcset

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


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, keys, scopes):
        self.nodelist, self.name, self.keys, self.scopes = nodelist, name, keys, scopes

    def render(self, context):
        if context.get("live_preview") or getattr(getattr(context, "request", None), "live_preview", False):
            return self.nodelist.render(context)  # unsaved content: nothing to keep, nothing kept
        tokens = versions.current() if self.scopes else {}
        parts = [key.resolve(context) for key in self.keys] + [tokens[scope] for scope in self.scopes]
        parts.append(versions.release())
        key = make_template_fragment_key(self.name, parts)
        store = caches["fragments"]
        html = store.get(key)
        if html is None:
            html = self.nodelist.render(context)
            store.set(key, html, FRAGMENT_TIMEOUT)
        return html


@register.tag
def fragment(parser, token):
    """`{% fragment name key ... [versions="content comments"] %}…{% endfragment %}`: the block's
    HTML, kept in the fragments cache under its name, the keys, and the tokens of the version
    scopes named. Those tokens change whenever what the scopes cover changes, so a kept
    fragment is never stale; the keys say what else it depends on."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("fragment needs a name")
    scopes = []
    if bits[-1].startswith("versions="):
        scopes = bits.pop()[len("versions=") :].strip("\"'").split()
        unknown = set(scopes) - set(versions.SCOPES)
        if unknown:
            raise template.TemplateSyntaxError(f"fragment: unknown version scopes {sorted(unknown)}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]], scopes
    )
