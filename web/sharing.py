"""What a page tells search engines and link previews about itself: its address, a description,
a picture; and structured data. Every address is built from the site's configured public address,
never from the Host header a request happened to send."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

# What search engines show of a description, and a little more.
DESCRIPTION_LENGTH = 160
SITE_NAME = "Limber"
# The picture a page without one of its own is shared with, and the publisher's logo.
SHARE_IMAGE = ("img/share.png", 1200, 630)
LOGO = ("img/logo.png", 512, 512)


def absolute(url):
    """`url` on the site's public address ("/media/a.jpg" → "https://limber.example/media/a.jpg")."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.LIMBER["SITE_URL"] + url


def canonical_url(request):
    """The page's own address: the public site, the path, and only the query values the view
    said the page is built from (pagecache.cache.canonical_query)."""
    query = getattr(request, "canonical_query", None)
    return absolute(request.path) + (f"?{urlencode(query)}" if query else "")


def description(text):
    return Truncator(" ".join(str(text).split())).chars(DESCRIPTION_LENGTH)


def site_image():
    path, width, height = SHARE_IMAGE
    return absolute(static(path)), width, height


def logo():
    path, width, height = LOGO
    return {"@type": "ImageObject", "url": absolute(static(path)), "width": width, "height": height}


def publisher():
    """The site as the publisher structured data names: one node, referred to by its @id."""
    site = settings.LIMBER["SITE_URL"]
    return {
        "@type": "Organization",
        "@id": f"{site}/#organization",
        "name": SITE_NAME,
        "url": f"{site}/",
        "logo": logo(),
    }


def website(search_path=""):
    """The site itself, with how to search it when it can be searched ("/search/")."""
    site = settings.LIMBER["SITE_URL"]
    node = {
        "@type": "WebSite",
        "@id": f"{site}/#website",
        "url": f"{site}/",
        "name": SITE_NAME,
        "inLanguage": "en-GB",
        "publisher": {"@id": f"{site}/#organization"},
    }
    if search_path:
        node["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{site}{search_path}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        }
    return node


def breadcrumb_list(crumbs):
    """schema.org's BreadcrumbList for the trail a page shows (objects with `name` and `url`)."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": crumb.name, "item": absolute(crumb.url)}
            for number, crumb in enumerate(crumbs, start=1)
        ],
    }


def iso_duration(seconds):
    """ISO 8601, as schema.org's durations want it: 328 → "PT5M28S"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else "", f"{seconds}S" if seconds else ""]
    return "PT" + ("".join(parts) or "0S")


# What must never appear raw inside a <script>: a "</script>" or "<!--" in some text would end or
# change the block, so they are written as JSON escapes, which mean the same.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(*nodes):
    """One <script type="application/ld+json"> holding every node of the page in a @graph."""
    nodes = [node for node in nodes if node]
    if not nodes:
        return ""
    data = {"@context": "https://schema.org", "@graph": nodes}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    escaped = mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - safe inside a script block
    return format_html('<script type="application/ld+json">{}</script>', escaped)
