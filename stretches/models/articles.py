"""Articles and what they are made of: topics, sections and calls to action."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify

from images.variants import ImageVariantsMixin
from pagecache.invalidation import WatchedQuerySet
from stretches.text import render_markdown

from .calls_to_action import CallToAction
from .library import Routine
from .trust import review_due

# Ids the page itself uses, which a section anchor (or the ids derived from it) must never take.
RESERVED_IDS = {
    "top",
    "main",
    "member-box",
    "article-title",
    "contents",
    "contents-title",
    "invite-title",
    "cta",
    "cta-title",
    "recommend",
    "recommend-title",
    "related",
    "related-title",
    "comments",
    "comments-title",
    "sources",
    "sources-title",
}
# The ids of the numbered sources ("source-2"), which citations in the text link to.
SOURCE_ID = re.compile(r"source-\d+")


def _ids_for(anchor):
    """Every id the article page derives from one section anchor."""
    return {anchor, f"{anchor}-title", f"routine-{anchor}", f"routine-{anchor}-title"}


# Addresses under /stretches/ that pages of their own take: no article may have them as its slug.
RESERVED_SLUGS = {"feed", "topics", "library", "routines"}


def validate_article_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            "“%(slug)s” is the address of another page: choose another.", params={"slug": value}
        )


def validate_publish_date(value):
    if not 2000 <= value.year <= 2100:
        raise ValidationError("Choose a date between the years 2000 and 2100.")


class Topic(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    intro = models.TextField(blank=True, help_text="A sentence or two at the top of the topic page.")
    order = models.PositiveIntegerField(default=0, help_text="Topics are listed from the lowest number.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = WatchedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stretches:topic", args=[self.slug])

    def description(self):
        return self.intro or f"{self.name}: Limber's articles and stretching routines, step by step."


def _live():
    """The one rule for what readers may see: published, and not dated in the future."""
    return Q(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


# What apps above this one add to every article card, by attribute name: {name: () -> expression}.
_card_annotations = {}


def add_to_cards(name, expression):
    """Every article card gets `name`, annotated with `expression()`: called by an app above,
    from its `AppConfig.ready()`."""
    _card_annotations[name] = expression


class ArticleQuerySet(WatchedQuerySet):
    def live(self):
        """What readers see: published articles whose date has come (each row `is_live`)."""
        return self.filter(_live()).annotate(is_live=Value(True))

    def published(self):
        """Published articles, live or dated in the future."""
        return self.filter(status=Article.Status.PUBLISHED)

    def scheduled(self):
        """Published articles dated in the future, soonest first: they go live by themselves."""
        return self.published().filter(published_at__gt=timezone.now()).order_by("published_at")

    def readable_by(self, user):
        """Live articles whose whole text `user` may read (members-only ones need an account)."""
        live = self.live()
        return live if user.is_authenticated else live.filter(members_only=False)

    def previewable_by(self, user):
        """What `user` may open: live articles, and for staff who edit articles every draft and
        scheduled one too, to preview it. Each row says whether it `is_live`."""
        if user.is_authenticated and user.is_staff and user.has_perm("stretches.change_article"):
            return self.annotate(is_live=ExpressionWrapper(_live(), output_field=BooleanField()))
        return self.live()

    def for_cards(self):
        """What an article card shows, in one query: its topic, and whatever other apps add."""
        annotations = {name: expression() for name, expression in _card_annotations.items()}
        return self.select_related("topic").annotate(**annotations).order_by("-published_at", "-id")


def next_publication():
    """When the next scheduled article goes live (a timestamp), or 0."""
    upcoming = Article.objects.scheduled().values_list("published_at", flat=True).first()
    return upcoming.timestamp() if upcoming else 0


class Article(ImageVariantsMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (only editors see it)"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        validators=[validate_article_slug],
        help_text="The article's web address.",
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    standfirst = models.TextField(
        max_length=300, help_text="One or two sentences under the title; also what search engines show."
    )
    hero_image = models.ImageField(
        upload_to="articles/", blank=True, width_field="hero_width", height_field="hero_height"
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_widths = models.JSONField(default=dict, blank=True, editable=False)
    hero_alt = models.CharField(
        max_length=250, blank=True, help_text="Describe the picture for someone who cannot see it."
    )
    hero_decorative = models.BooleanField(
        default=False, help_text="Tick if the picture adds nothing to the text; it then needs no description."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"is_staff": True},
        related_name="articles",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"is_staff": True},
        related_name="reviewed_articles",
        help_text="Who checked the article against its sources (with an author profile, for readers).",
    )
    reviewed_on = models.DateField(null=True, blank=True, validators=[validate_publish_date])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        validators=[validate_publish_date],
        help_text="Left empty, publishing sets it to now. A future date keeps the article hidden until then.",
    )
    featured = models.BooleanField(default=False, help_text="Show on the home page under “Featured”.")
    comments_open = models.BooleanField(
        default=True, help_text="Untick to close comments on this article (existing ones stay visible)."
    )
    members_only = models.BooleanField(
        default=False,
        help_text="Signed-out readers see the title, standfirst and picture, then an invitation to join.",
    )
    related = models.ManyToManyField("self", symmetrical=False, blank=True)
    call_to_action = models.ForeignKey(
        CallToAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text="Leave empty for the site's default.",
    )
    hide_call_to_action = models.BooleanField(default=False, help_text="Show no call to action at all.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()
    image_variants = {"hero_image": "hero_widths"}

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.__dict__.pop("is_live", None)  # asked again after a change
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stretches:article", args=[self.slug])

    @cached_property
    def is_live(self):
        """Whether readers see it (`previewable_by` has the database say so without asking again)."""
        return type(self).objects.live().filter(pk=self.pk).exists()

    def is_readable_by(self, user):
        """The members-only rule: the whole text for members (and staff), the teaser for others."""
        return not self.members_only or user.is_authenticated

    @property
    def last_changed(self):
        """When its page last changed for readers: its last edit, or the moment it went live if
        that came later (a scheduled article goes live with nobody saving it)."""
        moments = [moment for moment in (self.updated_at, self.published_at) if moment is not None]
        return max(moments, default=None)  # an unsaved article (a preview) may have neither

    @property
    def next_review_due(self):
        """When it should next be checked: an interval after its last review (or its publication)."""
        checked = self.reviewed_on or (self.published_at and timezone.localdate(self.published_at))
        return review_due(checked) if checked else None

    def page_sections(self, sections=None):
        """The sections in order (or `sections`, unsaved ones for a preview), each with a unique
        `anchor` for the table of contents."""
        seen = set(RESERVED_IDS)
        sections = list(self.sections.all() if sections is None else sections)
        for number, section in enumerate(sections, start=1):
            base = slugify(section.heading)[:60].strip("-") or f"section-{number}"
            anchor, suffix = base, 2
            while _ids_for(anchor) & seen or SOURCE_ID.fullmatch(anchor):
                anchor, suffix = f"{base}-{suffix}", suffix + 1
            seen |= _ids_for(anchor)
            section.anchor = anchor
        return sections


class Section(ImageVariantsMixin, models.Model):
    class VideoProvider(models.TextChoices):
        YOUTUBE = "youtube", "YouTube"
        VIMEO = "vimeo", "Vimeo"

    VIDEO_ID_PATTERNS = {
        VideoProvider.YOUTUBE: r"^[A-Za-z0-9_-]{11}$",
        VideoProvider.VIMEO: r"^[0-9]{1,12}$",
    }

    image_variants = {"image": "image_widths"}

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(default=0, help_text="Sections run from the lowest number.")
    heading = models.CharField(max_length=200)
    body = models.TextField(
        blank=True,
        max_length=20000,
        help_text=(
            "Markdown: a blank line between paragraphs; “- ” or “1. ” starts a list; **bold**, "
            "*emphasis*, [link text](/stretches/…); “### ” for a sub-heading."
        ),
    )
    body_html = models.TextField(blank=True, editable=False)
    image = models.ImageField(
        upload_to="sections/", blank=True, width_field="image_width", height_field="image_height"
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        max_length=250, blank=True, help_text="Describe the picture for someone who cannot see it."
    )
    image_decorative = models.BooleanField(
        default=False, help_text="Tick if the picture adds nothing to the text; it then needs no description."
    )
    image_widths = models.JSONField(default=dict, blank=True, editable=False)
    image_caption = models.CharField(max_length=300, blank=True)
    video_provider = models.CharField(max_length=10, choices=VideoProvider.choices, blank=True)
    video_id = models.CharField(
        max_length=20, blank=True, help_text="The id from the video's address, e.g. dQw4w9WgXcQ on YouTube."
    )
    video_title = models.CharField(
        max_length=200, blank=True, help_text="What the video shows; read out to screen-reader users."
    )
    routine = models.ForeignKey(
        Routine, on_delete=models.PROTECT, null=True, blank=True, related_name="sections"
    )

    objects = WatchedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def clean(self):
        # A missing picture description is a publishing check (stretches.content_checks): a draft
        # may be saved without one.
        errors = {}
        if bool(self.video_provider) != bool(self.video_id):
            errors["video_id"] = "Give both the video's provider and its id, or neither."
        elif pattern := self.VIDEO_ID_PATTERNS.get(self.video_provider):
            try:
                RegexValidator(pattern, "That is not a valid id for this provider.")(self.video_id)
            except ValidationError as error:
                errors["video_id"] = error.messages
            if not self.video_title.strip():
                errors["video_title"] = "Say what the video shows."
        if errors:
            raise ValidationError(errors)

    @property
    def video_embed_url(self):
        if self.video_provider == self.VideoProvider.YOUTUBE:
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1"
        if self.video_provider == self.VideoProvider.VIMEO:
            return f"https://player.vimeo.com/video/{self.video_id}?autoplay=1&dnt=1"
        return ""
