"""Every kind of page the site serves is valid HTML, as the Nu HTML Checker reads it.

The checker is `vnu.jar` from the npm package `vnu-jar` (pinned in package-lock.json, installed
by `npm ci`, which `make install` runs when npm is there), run once over all the pages with Java.
Without Java or the jar the test skips and says why, unless LIMBER_REQUIRE_VNU=1 (as in CI).
"""

import datetime
import io
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import loader
from django.test import Client
from PIL import Image

from comments.tokens import confirm_token, unsubscribe_token
from members.models import User
from practice.tokens import unsubscribe_token as reminder_token
from stretches.models import AuthorProfile, Reference
from tests.factories import (
    ArticleFactory,
    CallToActionFactory,
    CommentFactory,
    PracticeSessionFactory,
    ReminderFactory,
    RoutineFactory,
    SectionFactory,
    TopicFactory,
    UserFactory,
)
from tests.helpers import PASSWORD, logged_in, uploaded_png

JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.vnu


@pytest.fixture
def java():
    """The `java` command, once the checker is known to be there (else the test skips, or fails
    where LIMBER_REQUIRE_VNU=1)."""
    java = shutil.which("java")
    missing = []
    if not java:
        missing.append("Java (apt-get install default-jre-headless)")
    if not JAR.is_file():
        missing.append(f"{JAR.relative_to(settings.BASE_DIR)} (npm ci)")
    if missing:
        reason = "The Nu HTML Checker needs " + " and ".join(missing)
        if os.environ.get("LIMBER_REQUIRE_VNU") == "1":
            pytest.fail(reason + ", and LIMBER_REQUIRE_VNU=1 says it must run")
        pytest.skip(reason)
    return java


def photo(name, width=1600, height=800):
    """A JPEG wide enough to be offered in several widths (srcset and sizes in the markup)."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (15, 118, 110)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def content(db):
    """One of everything a page can show: pictures, a routine, a video, comments and replies."""
    CallToActionFactory(is_default=True, image=uploaded_png("cta.png"), image_alt="A person at a desk")
    topic = TopicFactory(name="Hip stretches", slug="hips")
    article = ArticleFactory(
        title="Hip openers",
        slug="hip-openers",
        topic=topic,
        featured=True,
        hero_image=photo("hero.jpg"),
        hero_alt="A person in a deep lunge",
    )
    # Written, reviewed and sourced: the byline's links and the numbered sources.
    for name in ("edie", "sam"):
        staff = UserFactory(username=name, first_name=name.title(), is_staff=True)
        AuthorProfile.objects.create(user=staff, slug=name, credentials="physiotherapist", bio="Writes.")
    article.author, article.reviewed_by = User.objects.get(username="edie"), User.objects.get(username="sam")
    article.reviewed_on = datetime.date(2026, 3, 3)
    article.save()
    Reference.objects.create(article=article, title="Low back pain (NG59)", publisher="NICE", year=2016)
    SectionFactory(article=article, heading="Why", body="Staying active helps [1].")
    routine = RoutineFactory(name="Floor sequence", steps=2)
    SectionFactory(
        article=article,
        heading="Why hips matter",
        image=photo("pelvis.jpg", 1000, 700),
        image_alt="A model of the pelvis",
        image_caption="The hip joint, from the front.",
    )
    SectionFactory(article=article, heading="The routine", routine=routine)
    SectionFactory(article=article, heading="Watch", video_provider="youtube", video_id="abcdefghijk")
    ArticleFactory(
        title="Hip care for members",
        slug="members-hips",
        topic=topic,
        members_only=True,
        hero_image=photo("members.jpg", 1200, 600),
        hero_alt="A person stretching on a mat",
        sections=2,
    )
    article.related.add(ArticleFactory(title="Lower back basics", topic=topic))
    member = UserFactory(username="ada", first_name="Ada", email="ada@example.com", verified=True)
    thread = CommentFactory(article=article, text="Loved it, see https://example.com")
    CommentFactory(article=article, parent=thread, author=member, text="Me too.\nTwice a day.")
    CommentFactory(article=article, parent=thread, text="And a third voice.")
    mine = CommentFactory(article=article, author=member, text="My own comment")
    guest = CommentFactory(article=article, unconfirmed=True, guest_email="guest@example.com")
    return {
        "article": article,
        "topic": topic,
        "routine": routine,
        "member": member,
        "thread": thread,
        "mine": mine,
        "guest": guest,
    }


def pages(content):
    """(name, client, address, status, data to post or None): every kind of page, signed out and
    signed in, forms as they open and as they come back refused."""
    reader, member = Client(), logged_in("ada@example.com")  # through the login page
    recent = logged_in("ada@example.com")  # and who has just typed their password again
    recent.post("/accounts/reauthenticate/", {"password": PASSWORD})
    article, thread, mine = content["article"], content["thread"], content["mine"]
    routine = content["routine"]
    stretch = routine.steps.first().stretch
    write = f"/comments/article/{article.slug}/"
    confirm = f"/comments/confirm/{confirm_token(content['guest'])}/"
    unsubscribe = f"/comments/unsubscribe/{unsubscribe_token(kind='replies', user=content['member'])}/"
    PracticeSessionFactory(user=content["member"], routine=content["routine"], seconds=100, completed=False)
    reminder = ReminderFactory(user=content["member"], routine=content["routine"], times="11:00,15:00")
    reminder_unsubscribe = f"/practice/unsubscribe/{reminder_token(reminder)}/"
    pending = Client()  # signed up, the emailed code not typed yet
    pending.post(
        "/accounts/signup/", {"first_name": "Nina", "email": "nina@example.com", "password1": PASSWORD}
    )
    return [
        ("home", reader, "/", 200, None),
        ("stretches", reader, "/stretches/", 200, None),
        ("topics", reader, "/stretches/topics/", 200, None),
        ("topic", reader, content["topic"].get_absolute_url(), 200, None),
        ("library", reader, "/stretches/library/", 200, None),
        ("stretch", reader, stretch.get_absolute_url(), 200, None),
        ("article", reader, article.get_absolute_url(), 200, None),
        ("article-comments-page-2", reader, article.get_absolute_url() + "?page=2", 200, None),
        ("article-signed-in", member, article.get_absolute_url(), 200, None),
        ("members-only-signed-out", reader, "/stretches/members-hips/", 200, None),
        ("members-only-signed-in", member, "/stretches/members-hips/", 200, None),
        ("search", reader, "/search/?q=hip", 200, None),
        ("routine", reader, routine.get_absolute_url(), 200, None),
        ("routine-player", reader, f"{routine.get_absolute_url()}play/", 200, None),
        ("routine-player-signed-in", member, f"{routine.get_absolute_url()}play/", 200, None),
        ("routine-card", reader, f"{routine.get_absolute_url()}card/", 200, None),
        ("author", reader, "/authors/edie/", 200, None),
        ("comment-thread", reader, f"/comments/thread/{thread.pk}/", 200, None),
        ("comment-thread-page-2", reader, f"/comments/thread/{thread.pk}/?page=2", 200, None),
        ("comment-form-guest", reader, write, 200, None),
        ("comment-form-guest-refused", reader, write, 200, {"text": "", "name": "", "email": "x"}),
        ("comment-reply-form", member, f"{write}reply/{thread.pk}/", 200, None),
        ("comment-form-member-refused", member, write, 200, {"text": ""}),
        ("comment-edit", member, f"/comments/{mine.pk}/edit/", 200, None),
        ("comment-edit-refused", member, f"/comments/{mine.pk}/edit/", 200, {"text": ""}),
        ("comment-delete", member, f"/comments/{mine.pk}/delete/", 200, None),
        ("comment-report", member, f"/comments/{thread.pk}/report/", 200, None),
        ("comment-confirmed", reader, confirm, 200, None),
        ("comment-unsubscribe", reader, unsubscribe, 200, None),
        ("comment-unsubscribed", Client(), unsubscribe, 200, {}),
        ("login", reader, "/accounts/login/", 200, None),
        ("login-refused", Client(), "/accounts/login/", 200, {"login": "ada@example.com", "password": "no"}),
        ("login-by-code", reader, "/accounts/login/code/", 200, None),
        ("signup", reader, "/accounts/signup/", 200, None),
        ("confirm-code", pending, "/accounts/confirm-email/", 200, None),
        ("signup-refused", Client(), "/accounts/signup/", 200, {"email": "not an address", "password1": "1"}),
        ("password-reset", reader, "/accounts/password/reset/", 200, None),
        ("password-reset-refused", Client(), "/accounts/password/reset/", 200, {"email": "nope"}),
        ("password-change", member, "/accounts/password/change/", 200, None),
        ("email-addresses", member, "/accounts/email/", 200, None),
        ("members-area", member, "/members/", 200, None),
        ("profile", member, "/members/profile/", 200, None),
        ("profile-refused", member, "/members/profile/", 200, {"first_name": ""}),
        ("reauthenticate", member, "/accounts/reauthenticate/", 200, None),
        ("delete-account", recent, "/members/delete/", 200, None),
        ("practice-log", member, "/practice/", 200, None),
        ("reminders", member, "/practice/reminders/", 200, None),
        ("reminders-refused", member, "/practice/reminders/", 200, {"times": "25:99", "time_zone": "Mars"}),
        ("reminder-unsubscribe", reader, reminder_unsubscribe, 200, None),
        ("reminder-unsubscribed", Client(), reminder_unsubscribe, 200, {}),
        ("not-found", reader, "/no-such-page/", 404, None),
        ("bad-request", Client(HTTP_HOST="evil.example"), "/", 400, None),
    ]


def test_every_kind_of_page_is_valid_html(java, content, settings, tmp_path):
    """The checker finds no error on any page; the failure lists each one: page, line, message."""
    settings.DEBUG = False  # the 404 page readers get, not Django's debug page
    # One thread and one reply a page, so both kinds of pagination show.
    settings.COMMENTS = {**settings.COMMENTS, "PER_PAGE": 1, "REPLIES_PER_PAGE": 1}
    folder = tmp_path / "pages"
    folder.mkdir()
    wrong_status, addresses = [], {}
    for number, (name, client, url, status, data) in enumerate(pages(content)):
        response = client.get(url) if data is None else client.post(url, data)
        if response.status_code != status:
            wrong_status.append(f"{url}: {response.status_code}, expected {status}")
            continue
        file = folder / f"{number:02d}-{name}.html"
        file.write_bytes(response.content)
        addresses[file.name] = url
    # The server error page, as Django's handler renders it: no request, no context.
    (folder / "99-server-error.html").write_text(loader.render_to_string("500.html"))
    addresses["99-server-error.html"] = "500.html"

    result = subprocess.run(
        # --stdout: the report alone, apart from anything Java itself says on stderr.
        [java, "-jar", str(JAR), "--errors-only", "--format", "json", "--stdout", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        output = (result.stdout + result.stderr)[:2000]
        pytest.fail(f"The checker did not answer in JSON (exit {result.returncode}):\n{output}")
    errors = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        file = Path(unquote(urlsplit(message.get("url", "")).path)).name
        where = f"{file} ({addresses.get(file, '?')}) line {message.get('lastLine', '?')}"
        extract = f"\n    {message['extract'].strip()}" if message.get("extract") else ""
        errors.append(f"{where}: {message.get('message')}{extract}")
    problems = [f"{len(errors)} HTML errors:", *errors] if errors else []
    if wrong_status:
        problems += ["Pages that did not render (not checked):", *wrong_status]
    assert not problems, "\n".join(problems)
