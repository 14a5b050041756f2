import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains
from reversion.models import Version

from comments.models import Comment
from members.models import User
from stretches.models import Article, CallToAction, Routine, RoutineStep, Section, Stretch, Topic

pytestmark = pytest.mark.django_db

MODELS = [Topic, Stretch, Routine, RoutineStep, Article, Section, CallToAction, User]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_load_demo_twice_creates_everything_once(settings):
    settings.DEBUG = False
    call_command("load_demo", verbosity=0)
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first
    assert first["Topic"] >= 3
    assert first["Stretch"] >= 8
    assert first["Routine"] >= 2
    assert first["Article"] >= 4
    assert CallToAction.objects.filter(is_default=True).count() == 1


def test_demo_routines_are_the_hip_floor_sequence_and_an_office_chair_one():
    call_command("load_demo", verbosity=0)
    hips = Routine.objects.get(slug="hip-floor-sequence")
    assert (hips.technique, hips.setting, hips.steps.count()) == ("active_isolated", "floor", 4)
    assert hips.duration_label() == "about 6 min"
    chair = Routine.objects.get(slug="office-chair-hips")
    assert chair.setting == "chair"
    assert chair.steps.count() >= 3


def test_demo_hip_article_shows_every_part(settings):
    settings.SERVE_MEDIA = True
    call_command("load_demo", verbosity=0)
    response = Client().get("/stretches/hip-stretches/")
    for text in [
        "On this page",
        "4-part sequence, about 6 min",
        "Active isolated stretching",
        "Sitting in a chair",
        "Return to stretching exercises main page",
        "Go to home page",
        "Recommend this page",
        "Related articles",
        'class="cta"',
        'class="breadcrumbs"',
        "Back to contents",
    ]:
        assertContains(response, text)
    assert response.content.decode().count('class="routine"') == 2
    image = Stretch.objects.first().image
    served = Client().get(image.url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    served.close()


def test_demo_editor_only_with_debug_on(settings, capsys):
    settings.DEBUG = False
    call_command("load_demo")
    assert not User.objects.exists()
    assert "editor" not in capsys.readouterr().out

    settings.DEBUG = True
    call_command("load_demo")
    editor = User.objects.get(username="editor")
    assert editor.is_staff and not editor.is_superuser
    assert editor.groups.filter(name="Editors").exists()
    member = User.objects.get(email="ada@limber.localhost")
    assert (member.first_name, member.is_staff) == ("Ada", False)
    assert member.emailaddress_set.get().verified
    out = capsys.readouterr().out
    assert "stretch-and-breathe" in out
    assert "ada@limber.localhost" in out


def test_loading_the_demo_again_keeps_the_demo_accounts_and_reset_puts_them_back(settings):
    """Restarting the site (load_demo again) keeps a changed password and a signed-in editor;
    `--reset` puts the demo password back, which signs them out."""
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    editor = User.objects.get(username="editor")
    editor.set_password("my-own-passphrase")
    editor.save()
    browser = Client()
    browser.force_login(editor)
    assert browser.get("/admin/").status_code == 200

    call_command("load_demo", verbosity=0)
    editor.refresh_from_db()
    assert editor.check_password("my-own-passphrase")
    assert browser.get("/admin/").status_code == 200

    call_command("load_demo", "--reset", verbosity=0)
    editor.refresh_from_db()
    assert editor.check_password("stretch-and-breathe")
    assert browser.get("/admin/").status_code == 302
    assert User.objects.get(username="ada").check_password("stretch-and-breathe")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_loading_the_demo_emails_nobody(settings):
    """Its comments go through the comment services, whose emails wait for the commit (here the
    command's own): none goes out, so the demo needs no mail server and tells no one about
    made-up comments."""
    settings.DEBUG = False
    call_command("load_demo", verbosity=0)
    assert Comment.objects.exists()
    assert mail.outbox == []


def test_demo_comments_are_spread_over_the_days_since_the_article_was_published(settings):
    """Each at its own time, after publication and before now, replies after what they answer,
    and the same offsets at every load (no randomness)."""
    settings.DEBUG = False
    from demo import content

    call_command("load_demo", verbosity=0)
    hip = Article.objects.get(slug="hip-stretches")
    comments = list(Comment.objects.filter(article=hip).order_by("pk"))
    times = [comment.created_at for comment in comments]
    assert len(set(times)) == len(times)
    assert len({time.date() for time in times}) >= 3
    assert all(hip.published_at < time < timezone.now() for time in times)
    assert all(comment.created_at > comment.parent.created_at for comment in comments if comment.parent)
    expected = [datetime.timedelta(**data["after"]) for data in content.library()["comments"]]
    assert [time - hip.published_at for time in times] == expected
    for comment in comments:
        if comment.moderated_at:
            assert comment.created_at < comment.moderated_at <= timezone.now()


def test_the_demo_prose_is_data_with_a_section_per_heading():
    """Each article file's ## headings follow its [[sections]] table, in order."""
    from demo import content

    articles = content.articles()
    assert {a["slug"] for a in articles} >= {"hip-stretches"}
    for article in articles:
        assert article["sections"] and all(section["body"] for section in article["sections"])
    library = content.library()
    assert {"topics", "stretches", "routines", "calls_to_action", "comments"} <= set(library)


def test_the_demo_passes_its_own_publishing_checks_and_starts_each_history(settings):
    settings.DEBUG = True  # the demo editor, who is the first revision's author
    call_command("load_demo", verbosity=0)
    out = StringIO()
    call_command("check_content", "--drafts", stdout=out)
    assert out.getvalue() == ""
    hip = Article.objects.get(slug="hip-stretches")
    first = Version.objects.get_for_object(hip).get().revision
    assert first.get_comment() == "The demo content, as loaded."
    assert first.user.email == "editor@limber.localhost"
    kept = {version.object_repr for version in first.version_set.all()}
    assert {section.heading for section in hip.sections.all()} <= kept
