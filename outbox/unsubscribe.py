"""Unsubscribing from an optional email, the same way for every app that sends one (they all
sit above the outbox): headers that let a mail client offer "Unsubscribe", and the page the
link opens."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods


def one_click_headers(url):
    """`List-Unsubscribe` with the RFC 8058 one-click flag: the mail client POSTs
    "List-Unsubscribe=One-Click" to `url` (absolute, https in production) with no cookies, so
    the view behind it must accept a POST without a CSRF token and never act on a GET."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def unsubscribe_view(view):
    """For the view an unsubscribe link opens: no login, never cached, and no CSRF token (a mail
    client's one-click POST has none; the signed token in the address is the key)."""
    return never_cache(csrf_exempt(require_http_methods(["GET", "HEAD", "POST"])(view)))


def unsubscribe_page(request, template, context, stop):
    """GET asks, with a button (mail scanners and link previews open links, and must change
    nothing); POST, the button's or a mail client's one-click, calls `stop()` and says it is
    done (`done` in the context). Works any number of times."""
    if request.method == "POST":
        stop()
        return render(request, template, {**context, "done": True})
    return render(request, template, context)


def invalid_link(request, template):
    """A link that was cut short or made up: 400, with the page saying so."""
    return render(request, template, {"invalid": True}, status=400)
