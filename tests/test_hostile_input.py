"""Whatever an editor or a member types, no page breaks and nothing they type runs in a reader's
browser."""

import pytest
from django.test import Client
from django.urls import reverse

from stretches.models import Article, CallToAction, Muscle, Stretch, Topic
from tests.factories import TopicFactory
from tests.helpers import assert_no_injected_markup, logged_in, uploaded_png

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "<style>body{display:none}</style>",
    "<scr<script>ipt>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{ 7|add:7 }} {% debug %}",
    "'; DROP TABLE stretches_article; --",
    "\u202etxt.exe \u200b\ufeff zero-width",
    "null \x00 byte",
    "<<SCRIPT>alert(1);//<</SCRIPT>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "x" * 5000,
]


def post(client, url, data):
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code  # a 500 would raise in tests
    return response


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_every_editor_field(editor_client, payload):
    reader = Client()
    topic_slug = "t"
    post(
        editor_client,
        reverse("admin:stretches_topic_add"),
        {"name": payload[:100], "slug": topic_slug, "intro": payload, "order": "0"},
    )
    topic = Topic.objects.filter(slug=topic_slug).first() or TopicFactory(slug=topic_slug)
    post(editor_client, reverse("admin:stretches_muscle_add"), {"name": payload[:80], "slug": "m"})
    muscle = Muscle.objects.filter(slug="m").first() or Muscle.objects.create(name="Gluteals", slug="m")
    post(
        editor_client,
        reverse("admin:stretches_stretch_add"),
        {
            "name": payload[:120],
            "slug": "s",
            "muscles": [muscle.pk],
            "position": "floor",
            "instructions": payload,
            "cautions": payload,
            "image_alt": payload[:250],
            "default_repetitions": "1",
            "default_hold_seconds": "20",
            "sides": "both",
        },
    )
    post(
        editor_client,
        reverse("admin:stretches_calltoaction_add"),
        {
            "headline": payload[:150],
            "text": payload[:600],
            "link_url": payload[:500],
            "link_label": payload[:60],
            "image_alt": payload[:250],
            "is_default": "on",
        },
    )
    if not CallToAction.objects.exists():  # a hostile link is refused; keep the other fields
        post(
            editor_client,
            reverse("admin:stretches_calltoaction_add"),
            {
                "headline": payload[:150],
                "text": payload[:600],
                "link_url": "/",
                "link_label": payload[:60],
                "is_default": "on",
            },
        )
    post(
        editor_client,
        reverse("admin:stretches_article_add"),
        {
            "title": payload[:200],
            "slug": "a",
            "topic": topic.pk,
            "standfirst": payload[:300],
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "hero_alt": payload[:250],
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "0",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
            "sections-0-order": "1",
            "sections-0-heading": payload[:200],
            "sections-0-body": payload,
            "sections-0-image_caption": payload[:300],
            "sections-0-video_title": payload[:200],
            # a picture and a video, so their descriptions are really shown on the page
            "hero_image": uploaded_png(),
            "sections-0-image": uploaded_png(),
            "sections-0-image_alt": payload[:250],
            "sections-0-video_provider": "youtube",
            "sections-0-video_id": "abcdefghijk",
        },
    )
    if "\x00" not in payload:  # forms refuse NUL characters; every other payload is stored and shown
        assert Article.objects.filter(slug="a").exists()
        assert Stretch.objects.filter(slug="s").exists()
    pages = ["/", reverse("stretches:index"), topic.get_absolute_url()]
    if Article.objects.filter(slug="a").exists():
        pages.append("/stretches/a/")
        pages.append(reverse("admin:stretches_article_change", args=[Article.objects.get(slug="a").pk]))
    if Stretch.objects.filter(slug="s").exists():
        pages += ["/stretches/library/s/", reverse("stretches:library")]
    for url in pages:
        client = editor_client if url.startswith("/admin/") else reader
        response = client.get(url)
        assert response.status_code == 200, url
        if not url.startswith("/admin/"):
            assert_no_injected_markup(response.content.decode())


def test_safe_payloads_are_actually_saved_and_shown_escaped(editor_client):
    """The corpus test above is only meaningful if hostile text is stored and rendered as text."""
    topic = TopicFactory()
    post(
        editor_client,
        reverse("admin:stretches_article_add"),
        {
            "title": "<script>alert(1)</script>",
            "slug": "a",
            "topic": topic.pk,
            "standfirst": "x",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "hero_alt": "",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "0",
            "references-TOTAL_FORMS": "0",
            "references-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
            "sections-0-order": "1",
            "sections-0-heading": "h",
            "sections-0-body": "ok <script>alert(2)</script>",
        },
    )
    html = Client().get("/stretches/a/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the title, escaped
    assert "ok &lt;script&gt;alert(2)&lt;/script&gt;" in html  # raw HTML in Markdown: shown, never run
    assert_no_injected_markup(html)


def test_a_javascript_link_is_refused_for_a_call_to_action(editor_client):
    response = post(
        editor_client,
        reverse("admin:stretches_calltoaction_add"),
        {"headline": "h", "text": "t", "link_url": "javascript:alert(1)", "link_label": "l"},
    )
    assert response.status_code == 200
    assert "Use a site address starting with /" in response.content.decode()


HOSTILE = ["\x00", "<script>alert(1)</script>", "x" * 10000, "\u202e\u200b🧘", "' OR 1=1 --"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_input_in_member_forms_never_breaks_a_page(member, value):
    forms = [
        (
            "/accounts/signup/",
            {"first_name": value, "email": f"{value[:20]}@example.com", "password1": value},
        ),
        ("/accounts/login/", {"login": value, "password": value}),
        ("/accounts/password/reset/", {"email": value}),
        ("/accounts/login/code/", {"email": value}),
    ]
    for url, data in forms:
        assert Client().post(url, data).status_code in (200, 302), url
    client = logged_in()
    for url, data in [
        ("/members/profile/", {"first_name": value, "display_name": value, "bio": value}),
        ("/accounts/email/", {"action_add": "", "email": value}),
        ("/accounts/password/change/", {"oldpassword": value, "password1": value, "password2": value}),
    ]:
        response = client.post(url, data)
        assert response.status_code in (200, 302), url
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("key", ["9223372036854775808", "-9223372036854775809", "1e400"])
def test_keys_past_the_databases_range_are_invalid_choices_in_the_admin(editor_client, key):
    data = {
        "title": "Keys",
        "slug": "keys",
        "topic": key,
        "standfirst": "S.",
        "status": "draft",
        "related": [key],
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
    }
    response = editor_client.post("/admin/stretches/article/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"topic", "related"}
