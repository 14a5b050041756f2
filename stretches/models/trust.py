"""What lets a reader judge an article: who wrote it and what qualifies them, who checked it and
when, and what it is based on."""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse

from images.variants import ImageVariantsMixin
from pagecache.invalidation import WatchedQuerySet


def add_months(day, months):
    """The same day `months` later, or the month's last day when it is shorter (31 Jan → 28 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def validate_links(text):
    check = URLValidator(schemes=["https", "http"])
    for line in text.splitlines():
        if line.strip():
            try:
                check(line.strip())
            except ValidationError as error:
                raise ValidationError(f"“{line.strip()[:80]}” is not a web address (https://…).") from error


class AuthorProfile(ImageVariantsMixin, models.Model):
    """What readers see of a staff member who writes or reviews articles, on their own page."""

    image_variants = {"photo": "photo_widths"}

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="author_profile",
        limit_choices_to={"is_staff": True},
    )
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The address of their page: /authors/<slug>/."
    )
    credentials = models.CharField(
        max_length=150,
        blank=True,
        help_text="What qualifies them, as it reads after their name: “physiotherapist”.",
    )
    bio = models.TextField(blank=True, max_length=1500, help_text="A few sentences, in the third person.")
    photo = models.ImageField(
        upload_to="authors/", blank=True, width_field="photo_width", height_field="photo_height"
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_widths = models.JSONField(default=dict, blank=True, editable=False)
    links = models.TextField(
        blank=True, validators=[validate_links], help_text="Their other pages, one web address per line."
    )

    objects = WatchedQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.user.public_name

    def get_absolute_url(self):
        return reverse("authors:detail", args=[self.slug])

    @property
    def name(self):
        return self.user.public_name

    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]


def review_due(reviewed_on):
    """When an article reviewed on `reviewed_on` should be reviewed again."""
    return add_months(reviewed_on, settings.LIMBER["REVIEW_INTERVAL_MONTHS"])


class Reference(models.Model):
    """A source an article is based on; the text cites it by its number, as [1]."""

    article = models.ForeignKey("stretches.Article", on_delete=models.CASCADE, related_name="references")
    order = models.PositiveIntegerField(default=0, help_text="Sources are numbered from the lowest.")
    title = models.CharField(max_length=300)
    publisher = models.CharField(
        max_length=200, blank=True, help_text="A journal, a health service, a book's publisher."
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    url = models.URLField(blank=True, max_length=500, help_text="Where a reader can find it, if online.")

    objects = WatchedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title
