"""Load Limber's demo content: topics, stretches, routines, articles and calls to action.

Safe to run any number of times: what already exists (matched by slug) is left as it is, so
an editor's changes to demo content survive. With DJANGO_DEBUG on it also makes sure a demo
editor account exists and prints its login; with debug off it never creates an account. Demo
accounts that exist are left as they are (password, sessions) unless `--reset` is given.
"""

import datetime

import reversion
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from comments import services as comment_services
from comments.models import Comment
from demo import content, drawings
from stretches.models import (
    Article,
    AuthorProfile,
    CallToAction,
    Muscle,
    Reference,
    Routine,
    Section,
    Stretch,
    Topic,
)

# Development only (debug on), printed on purpose so the site can be tried at once.
DEMO_PASSWORD = "stretch-and-breathe"  # noqa: S105
DEMO_EDITOR = {"username": "editor", "email": "editor@limber.localhost", "first_name": "Edie"}
DEMO_MEMBER = {
    "username": "ada",
    "email": "ada@limber.localhost",
    "first_name": "Ada",
    "last_name": "Lovelace",
}


NO_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


MODERATION_DELAY = datetime.timedelta(hours=1, minutes=40)


def posted_at(article, after):
    """When a demo comment was posted: `after` (timedelta arguments) from the article's
    publication, and never later than now (an editor may have moved the publication)."""
    return min(
        article.published_at + datetime.timedelta(**after), timezone.now() - datetime.timedelta(minutes=1)
    )


def image_file(key, slug):
    return ContentFile(drawings.render(key), name=f"{slug}.jpg")


class Command(BaseCommand):
    help = "Create the demo content (safe to run twice). With debug on, also a demo editor account."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Put the demo accounts back as made: their password again, which signs them out.",
        )

    def handle(self, *args, **options):
        self.reset = options["reset"]
        # The comment services email moderators and guests when the transaction commits: nobody
        # is told about demo content, and no mail server is needed to load it.
        with override_settings(EMAIL_BACKEND=NO_EMAIL), transaction.atomic():
            editor = self.ensure_demo_account(DEMO_EDITOR, editor=True) if settings.DEBUG else None
            people = self.load_people() if settings.DEBUG else {}
            # What the demo loads is each page's first revision in its history.
            with reversion.create_revision():
                created = self.load_content(editor, people)
                reversion.set_user(editor)
                reversion.set_comment("The demo content, as loaded.")
            if settings.DEBUG:
                self.ensure_demo_account(DEMO_MEMBER)
            created += self.load_comments()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} new objects)."))
        if editor is not None:
            site = settings.LIMBER["SITE_URL"]
            kept = "" if self.reset else " unless changed since (load_demo --reset puts it back)"
            self.stdout.write(
                f"Demo accounts (debug only), password {DEMO_PASSWORD}{kept}:"
                f"\n  editor: {DEMO_EDITOR['email']} (admin at {site}{reverse('admin:index')})"
                f"\n  member: {DEMO_MEMBER['email']} (log in at {site}{reverse('account_login')})"
            )

    def load_people(self):
        """Author profiles for the demo's writer and reviewer (staff accounts; the reviewer's has
        no password: nobody logs in as them)."""
        people = {}
        for data in content.library()["people"]:
            user = get_user_model().objects.filter(username=data["username"]).first()
            if user is None:
                user = get_user_model()(
                    username=data["username"],
                    email=data["email"],
                    first_name=data["first_name"],
                    is_staff=True,
                )
                user.set_unusable_password()
                user.save()
            AuthorProfile.objects.get_or_create(
                user=user,
                defaults={"slug": data["slug"], "credentials": data["credentials"], "bio": data["bio"]},
            )
            people[data["username"]] = user
        return people

    def load_content(self, editor, people):
        self.created = 0
        library, articles = content.library(), content.articles()
        topics = {t["slug"]: self.get_or_create(Topic, t) for t in library["topics"]}
        stretches = {}
        for data in library["stretches"]:
            fields = {k: v for k, v in data.items() if k not in ("drawing", "muscles")}
            fields["instructions"] = "\n".join(data["instructions"])
            existed = Stretch.objects.filter(slug=data["slug"]).exists()
            stretch = self.get_or_create(
                Stretch, fields, image=lambda d=data: image_file(d["drawing"], d["slug"])
            )
            if not existed:  # an editor's choice of muscles for an existing stretch stays
                stretch.muscles.set([Muscle.objects.named(name) for name in data["muscles"]])
            stretches[data["slug"]] = stretch
        routines = {r["slug"]: self.load_routine(r, stretches) for r in library["routines"]}
        ctas = {c["key"]: self.load_cta(c) for c in library["calls_to_action"]}
        loaded = {a["slug"]: self.load_article(a, topics, routines, ctas, editor, people) for a in articles}
        for data in articles:
            article = loaded[data["slug"]]
            if not article.related.exists():
                article.related.set(loaded[slug] for slug in data["related"])
        return self.created

    def get_or_create(self, model, fields, **files):
        obj = model.objects.filter(slug=fields["slug"]).first()
        if obj is not None:
            return obj
        obj = model(**fields)
        for name, make in files.items():
            setattr(obj, name, make())
        obj.save()
        self.created += 1
        return obj

    def load_routine(self, data, stretches):
        fields = {k: v for k, v in data.items() if k != "steps"}
        existed = Routine.objects.filter(slug=data["slug"]).exists()
        routine = self.get_or_create(Routine, fields)
        if not existed:
            for order, step in enumerate(data["steps"], start=1):
                routine.steps.create(
                    order=order,
                    stretch=stretches[step["stretch"]],
                    repetitions=step["repetitions"],
                    hold_seconds=step["hold_seconds"],
                    sides=step["sides"],
                    rest_seconds=step["rest_seconds"],
                )
        return routine

    def load_cta(self, data):
        cta = CallToAction.objects.filter(headline=data["headline"]).first()
        if cta is None:
            is_default = data["is_default"] and not CallToAction.objects.filter(is_default=True).exists()
            cta = CallToAction(
                headline=data["headline"],
                text=data["text"],
                link_url=data["link_url"],
                link_label=data["link_label"],
                is_default=is_default,
            )
            if data.get("drawing"):
                cta.image = image_file(data["drawing"], f"cta-{data['key']}")
                cta.image_decorative = True
            cta.save()
            self.created += 1
        return cta

    def load_article(self, data, topics, routines, ctas, editor, people):
        existing = Article.objects.filter(slug=data["slug"]).first()
        if existing is not None:
            return existing
        cta_choice = data.get("cta")
        article = Article(
            title=data["title"],
            slug=data["slug"],
            topic=topics[data["topic"]],
            standfirst=data["standfirst"],
            featured=data["featured"],
            hero_alt=data["hero_alt"],
            author=editor,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(days=data["days_ago"]),
            call_to_action=ctas.get(cta_choice) if cta_choice not in (None, "default", "none") else None,
            hide_call_to_action=cta_choice == "none",
            reviewed_by=people.get(data.get("reviewed_by")),
        )
        if article.reviewed_by:
            article.reviewed_on = timezone.localdate() - datetime.timedelta(days=data["reviewed_days_ago"])
        article.hero_image = image_file(data["hero_drawing"], data["slug"])
        article.save()
        self.created += 1
        for order, section_data in enumerate(data["sections"], start=1):
            section = Section(
                article=article,
                order=order,
                heading=section_data["heading"],
                body=section_data["body"],
                routine=routines[section_data["routine"]] if section_data.get("routine") else None,
                image_alt=section_data.get("image_alt", ""),
                image_caption=section_data.get("image_caption", ""),
            )
            if section_data.get("image_drawing"):
                section.image = image_file(section_data["image_drawing"], f"{data['slug']}-{order}")
            section.save()
        for order, source in enumerate(data.get("sources", []), start=1):
            Reference.objects.create(article=article, order=order, **source)
        return article

    def load_comments(self):
        """Approved comments and replies, and a few for the moderation queue, on the hip article.

        Written by guests (no accounts needed) through the same services readers use.
        """
        article = Article.objects.filter(slug="hip-stretches").first()
        if article is None or Comment.objects.filter(article=article).exists():
            return 0
        made = 0
        posted = {}
        for data in content.library()["comments"]:
            comment = comment_services.post_comment(
                article=article,
                text=data["text"],
                guest_name=data["name"],
                guest_email=f"{data['name'].lower()}@example.com",
                parent=posted.get(data.get("reply_to")),
            )
            # Spread over the days since publication, as readers would have posted, not all in
            # the minute the demo loaded; set before approval, whose save replaces the threads.
            written = posted_at(article, data["after"])
            Comment.objects.filter(pk=comment.pk).update(created_at=written)
            comment_services.confirm_guest_comment(comment=comment)
            if data["approve"]:
                comment = comment_services.approve(comment=comment)
                moderated = min(written + MODERATION_DELAY, timezone.now())
                Comment.objects.filter(pk=comment.pk).update(moderated_at=moderated)
            posted[data["key"]] = comment
            made += 1
        return made

    def ensure_demo_account(self, details, editor=False):
        user, created = get_user_model().objects.get_or_create(username=details["username"], defaults=details)
        if not (created or self.reset):
            # Restarting the site must not sign the editor out: a new password hash would.
            return user
        user.is_staff = editor
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=details["email"], defaults={"verified": True, "primary": True}
        )
        if editor:  # the demo editor also works the comment queue
            moderators = Group.objects.get(name=settings.COMMENTS["MODERATORS_GROUP"])
            user.groups.add(Group.objects.get(name="Editors"), moderators)
        return user
