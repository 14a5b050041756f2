"""Every public form, and the admin's article form, fed what no browser of ours would send: NUL
bytes, lone surrogates (invalid UTF-8 on the wire), bidi controls, megabyte strings, huge and
negative numbers, lists for scalars, missing fields and the wrong content types. No answer is a
500 (the test client raises on one), and a form refused with an error shows back what was typed.

Hypothesis draws the inputs: 200 examples per form in CI, 25 elsewhere (the profiles are in
conftest.py)."""

import html
import json
import urllib.parse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import ArticleFactory, CommentFactory, UserFactory
from tests.helpers import PASSWORD, logged_in, member_client, started, uploaded_png

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_limits")]


NASTY = [
    "\x00",
    "a\x00b",
    "\ud800",  # a lone surrogate: invalid UTF-8 once encoded
    "\udfff tail",
    "\u202etxt.exe",
    "\u2066isolate\u2069",
    "\u200b\ufeff",
    "<script>alert(1)</script>",
    "%00%ff",
    "-1",
    "-99999999999999999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    " ",
    "",
]


class _Megabyte(str):
    def __repr__(self):  # a failing example is printed: not a megabyte of it
        return "<1 MB of 'x'>"


MEGABYTE = _Megabyte("x" * 1_000_000)
# A value a form shows back when it refuses the form: plain text, no edges that get trimmed.
PLAIN = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,!?'&<>\"",
    min_size=3,
    max_size=60,
)
VALUE = st.one_of(
    st.text(max_size=200),
    st.sampled_from(NASTY),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.just(MEGABYTE),
)
# What one field is sent as: one value, several (a list for a scalar), or nothing at all.
FIELD = st.one_of(VALUE.map(lambda v: [v]), st.lists(VALUE, min_size=2, max_size=3), st.just([]), st.just([]))
CONTENT_TYPE = st.sampled_from(["form", "form", "form", "form", "multipart", "json", "text"])


@pytest.fixture
def no_limits(settings):
    """Rate limits would answer the 21st sign-up with a 429 and hide what the form does."""
    settings.ACCOUNT_RATE_LIMITS = False
    settings.COMMENTS = {**settings.COMMENTS, "RATE_SECONDS": 0, "MIN_FILL_SECONDS": 0}


def _encode(value):
    # surrogatepass: a lone surrogate reaches the server as the invalid bytes a hostile client sends
    return urllib.parse.quote_from_bytes(value.encode("utf-8", "surrogatepass"))


def _readable(value):
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# A form drawn again with errors: the site's own forms, or the admin's.
REFUSED = (b"field__errors", b"form-errors", b"errornote")


def send(client, url, fields, content_type, probe=None, files=None):
    """POST `fields` ({name: [values]}) as `content_type`. With a `probe` (name, plain value), a
    form refused with an error must show the value back."""
    if probe:
        fields = {**fields, probe[0]: [probe[1]]}
    if content_type == "form" and not files:
        body = "&".join(f"{_encode(name)}={_encode(v)}" for name, values in fields.items() for v in values)
        response = client.generic("POST", url, body, "application/x-www-form-urlencoded")
    elif content_type in ("form", "multipart"):
        data = {name: [_readable(v) for v in values] for name, values in fields.items() if values}
        body = encode_multipart(BOUNDARY, {**data, **(files or {})})
        response = client.generic("POST", url, body, MULTIPART_CONTENT)
    elif content_type == "json":
        response = client.generic("POST", url, json.dumps(fields, default=_readable), "application/json")
    else:
        response = client.generic("POST", url, "whatever=1\n\x00", "text/plain; charset=utf-8")
    assert response.status_code < 500, (url, response.status_code)
    refused = response.status_code == 200 and any(marker in response.content for marker in REFUSED)
    if probe and content_type in ("form", "multipart") and refused:
        assert html.escape(probe[1]).encode() in response.content, probe
    return response


def fields(*names):
    return st.fixed_dictionaries({name: FIELD for name in names})


@given(data=fields("email", "password1", "website"), probe=PLAIN, kind=CONTENT_TYPE)
def test_sign_up(client, data, probe, kind):
    send(client, "/accounts/signup/", data, kind, probe=("first_name", probe))


@given(data=fields("password", "remember"), probe=PLAIN, kind=CONTENT_TYPE)
def test_log_in(client, data, probe, kind):
    send(client, "/accounts/login/", data, kind, probe=("login", probe))


@given(data=fields("email", "code"), kind=CONTENT_TYPE)
def test_log_in_by_code(client, data, kind):
    send(client, "/accounts/login/code/", data, kind)


@given(data=fields("email"), kind=CONTENT_TYPE)
def test_password_reset(client, data, kind):
    send(client, "/accounts/password/reset/", data, kind)


@pytest.fixture
def ada(db):
    return UserFactory(username="ada", email="ada@example.com", verified=True)


AVATAR = st.one_of(st.none(), st.binary(max_size=2000), st.just(b"a real picture"))


@given(
    data=fields("last_name", "display_name", "bio", "notify_replies", "remove_avatar"),
    probe=PLAIN,
    kind=CONTENT_TYPE,
    avatar=AVATAR,
)
def test_profile_with_an_avatar(ada, data, probe, kind, avatar):
    files = None
    if avatar is not None:
        picture = (
            uploaded_png()
            if avatar == b"a real picture"
            else SimpleUploadedFile("x.png", avatar, "image/png")
        )
        files = {"avatar_upload": picture}
    send(logged_in(), "/members/profile/", data, kind, probe=("first_name", probe), files=files)


@pytest.fixture
def article(db):
    return ArticleFactory(title="Hip stretches", slug="hip-stretches")


@pytest.fixture
def mia(db):
    """A signed-in member, made once for all of a test's examples."""
    return member_client("Mia", "mia@example.com")


@given(data=fields("started", "website", "parent"), probe=PLAIN, kind=CONTENT_TYPE, fresh=st.booleans())
def test_a_members_comment(mia, article, data, probe, kind, fresh):
    if fresh:  # also a form a person really filled in, so the rules run too
        data = {**data, "started": [started()], "website": []}
    send(mia, f"/comments/article/{article.slug}/", data, kind, probe=("text", probe))


@given(data=fields("text", "email", "notify", "started", "website"), probe=PLAIN, kind=CONTENT_TYPE)
def test_a_guests_comment(client, article, data, probe, kind):
    send(client, f"/comments/article/{article.slug}/", data, kind, probe=("name", probe))


@given(data=fields("website"), probe=PLAIN, kind=CONTENT_TYPE)
def test_editing_a_comment(mia, article, data, probe, kind):
    comment = CommentFactory(article=article, author=mia.user, text="Mine")
    send(mia, f"/comments/{comment.pk}/edit/", data, kind, probe=("text", probe))


@given(data=fields("reason", "next"), kind=CONTENT_TYPE)
def test_reporting_a_comment(mia, article, data, kind):
    send(mia, f"/comments/{CommentFactory(article=article).pk}/report/", data, kind)


@given(
    data=fields(
        "slug",
        "topic",
        "standfirst",
        "status",
        "published_at_0",
        "published_at_1",
        "related",
        "call_to_action",
        "hero_alt",
        "sections-TOTAL_FORMS",
        "sections-INITIAL_FORMS",
        "sections-0-heading",
        "sections-0-order",
        "sections-0-routine",
        "sections-0-video_id",
        "references-TOTAL_FORMS",
        "references-0-url",
        "references-0-year",
    ),
    probe=PLAIN,
    kind=CONTENT_TYPE,
)
def test_the_admin_article_form(editor_client, data, probe, kind):
    send(editor_client, "/admin/stretches/article/add/", data, kind, probe=("title", probe))


def test_the_password_is_never_shown_back(client):
    """The one field a refused form must not show again."""
    response = client.post("/accounts/login/", {"login": "ada@example.com", "password": PASSWORD + "x"})
    assert PASSWORD.encode() not in response.content
