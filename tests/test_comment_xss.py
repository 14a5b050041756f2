"""No comment name or text, however hostile, is ever rendered as markup."""

import re
import unicodedata

import pytest
from django.test import Client

from comments import services
from comments.models import Comment
from tests.factories import ArticleFactory
from tests.helpers import TagCollector, assert_no_injected_markup, started

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "<a href=javascript:alert(1)>x</a>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    '<div style="background:url(javascript:alert(1))">',
    "<style>@import 'http://evil.example/x.css';</style>",
    "<link rel=stylesheet href=http://evil.example/x.css>",
    "<meta http-equiv=refresh content=0;url=http://evil.example>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<form action=http://evil.example><input type=submit>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=`x`onerror=alert(1)>",
    "<img/src/onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",  # fullwidth angle brackets
    "\u202e<script>alert(1)</script>",  # right-to-left override
    "<scr\u200bipt>alert(1)</script>",  # zero-width space
    "<img src=x onerror=\\u0061lert(1)>",  # a JavaScript escape (Python would read \\u0061 as \"a\")
    'http://example.org/"onmouseover="alert(1)',
    "https://example.org/<script>alert(1)</script>",
    "www.example.org/'onclick='alert(1)",
    "http://example.org/?q=<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "{{ 7|add:7 }}{% load static %}",
    "${7*7} #{7*7} <%= 7*7 %>",
    '<a href="https://example.org" target=_blank>x</a>',
    "<base href=http://evil.example/>",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]


def test_the_checker_would_catch_the_corpus_if_it_were_not_escaped():
    """A positive control for the test below: shown as markup, the payloads would trip
    `assert_no_injected_markup` with every kind of thing it looks for."""
    found = []
    for payload in PAYLOADS:
        collector = TagCollector()
        collector.feed(payload)
        found += collector.bad
    kinds = {re.sub(r"\[(on|href=|src=).*", r"[\1", kind).split("[", 1)[-1] for kind in found}
    assert {"script", "iframe", "svg", "style", "object", "embed", "on", "href=", "src="} <= kinds
    assert len(set(PAYLOADS)) == len(PAYLOADS)  # no payload counted twice


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_name_and_text_are_shown_as_text(payload):
    article = ArticleFactory()
    response = Client(REMOTE_ADDR=f"10.2.{len(payload) % 250}.{hash(payload) % 250}").post(
        f"/comments/article/{article.slug}/",
        {
            "text": f"Before {payload} after",
            "name": payload[:60],
            "email": "x@example.com",
            "started": started(),
        },
    )
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in payload[:60]):
        # Invisible control characters are refused in names (they end up in email subjects).
        assert response.status_code == 200
        assert "no line breaks or hidden characters" in response.content.decode()
        assert_no_injected_markup(response.content.decode())
        assert not Comment.objects.exists()
        return
    assert response.status_code == 302, response.content[:500]
    comment = services.confirm_guest_comment(comment=Comment.objects.get())
    services.approve(comment=comment)  # as if a moderator let it through
    for url in [article.get_absolute_url(), "/", f"/comments/article/{article.slug}/reply/{comment.pk}/"]:
        html = Client().get(url).content.decode()
        assert_no_injected_markup(html)
    page = Client().get(article.get_absolute_url()).content.decode()
    assert "Before " in page and " after" in page
