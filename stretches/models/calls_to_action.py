"""Calls to action: the box near the end of an article that suggests what to do next."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from images.variants import ImageVariantsMixin
from pagecache.invalidation import WatchedQuerySet


class CallToActionQuerySet(WatchedQuerySet):
    def default(self):
        return self.filter(is_default=True).first()


class CallToAction(ImageVariantsMixin, models.Model):
    headline = models.CharField(max_length=150)
    text = models.TextField(max_length=600)
    link_url = models.CharField(
        max_length=500,
        validators=[
            RegexValidator(
                r"^(/(?![/\\])[^\s\\]*|https?://[^\s\\]+)\Z",
                "Use a site address starting with / or a full address starting with https://.",
            )
        ],
        help_text="Where the button goes: /stretches/… for our own pages, or https://…",
    )
    link_label = models.CharField(max_length=60)
    image = models.ImageField(
        upload_to="cta/", blank=True, width_field="image_width", height_field="image_height"
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        max_length=250, blank=True, help_text="Describe the picture for someone who cannot see it."
    )
    image_widths = models.JSONField(default=dict, blank=True, editable=False)
    image_decorative = models.BooleanField(
        default=False, help_text="Tick if the picture adds nothing to the text; it then needs no description."
    )
    is_default = models.BooleanField(
        default=False, help_text="Shown on every article that does not choose another. Only one can be."
    )

    objects = CallToActionQuerySet.as_manager()
    image_variants = {"image": "image_widths"}

    class Meta:
        verbose_name = "call to action"
        verbose_name_plural = "calls to action"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_call_to_action",
                violation_error_message=(
                    "Another call to action is already the default: untick it there first."
                ),
            )
        ]

    def __str__(self):
        return self.headline

    def clean(self):
        if self.image and not self.image_alt.strip() and not self.image_decorative:
            raise ValidationError(
                {"image_alt": "Describe the picture, or tick “decorative” if it adds nothing to the text."}
            )
