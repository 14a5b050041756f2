"""Headers that let a mail client offer "Unsubscribe" for an optional email, shared by every app
that sends one (they all sit above the outbox)."""


def one_click_headers(url):
    """`List-Unsubscribe` with the RFC 8058 one-click flag: the mail client POSTs
    "List-Unsubscribe=One-Click" to `url` (absolute, https in production) with no cookies, so
    the view behind it must accept a POST without a CSRF token and never act on a GET."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
