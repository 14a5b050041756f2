import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from comments.models import Comment, ModerationRule
from comments.text import render_comment
from members.models import User
from stretches.models import Article, CallToAction, Muscle, Routine, RoutineStep, Section, Stretch, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = "Ada"
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """`UserFactory(verified=True)`: a member who has confirmed their email address."""
        if create and extracted:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    intro = "Stretches for this part of the body."


class StretchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stretch
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Stretch {n}")
    slug = factory.Sequence(lambda n: f"stretch-{n}")
    instructions = "Lie on your back.\nDraw one knee up.\nBreathe out and ease it in."
    default_repetitions = 10
    default_hold_seconds = 2
    sides = "both"
    image = factory.django.ImageField(width=120, height=80, color="teal", format="PNG")
    image_alt = "A person lying on a mat with one knee drawn up."

    @factory.post_generation
    def muscles(self, create, extracted, **kwargs):
        """`StretchFactory(muscles="Obliques, lower back")`: names, one muscle each (shared)."""
        if create:
            names = "Gluteals, piriformis" if extracted is None else extracted
            if isinstance(names, str):
                names = [name for name in names.split(",") if name.strip()]
            self.muscles.set([Muscle.objects.named(name) for name in names])


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routine
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Routine {n}")
    slug = factory.Sequence(lambda n: f"routine-{n}")
    technique = "active_isolated"

    @factory.post_generation
    def steps(self, create, extracted, **kwargs):
        """`RoutineFactory(steps=4)` adds four steps with stretches of their own."""
        for order in range(extracted or 0):
            RoutineStepFactory(routine=self, order=order)


class RoutineStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutineStep

    routine = factory.SubFactory(RoutineFactory)
    stretch = factory.SubFactory(StretchFactory)
    order = factory.Sequence(int)


class CallToActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallToAction

    headline = "Back pain with no clear cause?"
    text = "Try our gentle daily programme."
    link_url = "/stretches/lower-back-daily-routine/"
    link_label = "Start the programme"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    topic = factory.SubFactory(TopicFactory)
    standfirst = "A short, friendly summary of the article."
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        future = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
        )

    @factory.post_generation
    def sections(self, create, extracted, **kwargs):
        """`ArticleFactory(sections=3)` adds three sections."""
        for order in range(extracted or 0):
            SectionFactory(article=self, order=order)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    article = factory.SubFactory(ArticleFactory)
    order = factory.Sequence(int)
    heading = factory.Sequence(lambda n: f"Section {n}")
    body = "A paragraph with **bold** words.\n\n- one\n- two"


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved guest comment, its text rendered as the site renders it. `author=` makes it a
    member's; `parent=` a reply (root and depth follow); traits give the other statuses."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    parent = None
    root = factory.LazyAttribute(lambda c: (c.parent.root or c.parent) if c.parent else None)
    depth = factory.LazyAttribute(lambda c: c.parent.depth + 1 if c.parent else 0)
    in_reply_to = factory.SelfAttribute("parent")
    author = None
    guest_name = factory.LazyAttribute(lambda c: "" if c.author else "Reader")
    guest_email = factory.LazyAttribute(lambda c: "" if c.author else "reader@example.com")
    text = "Lovely routine, my back feels looser already."
    text_html = factory.LazyAttribute(lambda c: render_comment(c.text)[0])
    link_count = factory.LazyAttribute(lambda c: render_comment(c.text)[1])
    status = Comment.Status.APPROVED

    class Params:
        pending = factory.Trait(status=Comment.Status.PENDING, held_reason="First comment from this member")
        unconfirmed = factory.Trait(status=Comment.Status.UNCONFIRMED)
        rejected = factory.Trait(status=Comment.Status.REJECTED)
        spam = factory.Trait(status=Comment.Status.SPAM)


class ModerationRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModerationRule

    kind = ModerationRule.Kind.HOLD_WORD
    value = factory.Sequence(lambda n: f"word{n}")


class PracticeSessionFactory(factory.django.DjangoModelFactory):
    """A routine a member played to the end, logged now (`done_at=` for another time)."""

    class Meta:
        model = "practice.PracticeSession"

    user = factory.SubFactory(UserFactory)
    routine = factory.SubFactory(RoutineFactory, steps=1)
    routine_name = factory.LazyAttribute(lambda s: s.routine.name if s.routine else "A routine")
    done_at = factory.LazyFunction(timezone.now)
    seconds = 300
    completed = True


class ReminderFactory(factory.django.DjangoModelFactory):
    """Weekdays at 11:00 in London, created a day before now (so today's is due)."""

    class Meta:
        model = "practice.Reminder"

    user = factory.SubFactory(UserFactory, verified=True)
    routine = factory.SubFactory(RoutineFactory, steps=1)
    weekdays = "01234"
    times = "11:00"
    time_zone = "Europe/London"
    created_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    active_since = factory.SelfAttribute("created_at")
