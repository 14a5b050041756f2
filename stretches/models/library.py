"""The stretch library: reusable exercises, and routines built from them."""

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify

from images.variants import ImageVariantsMixin
from pagecache.invalidation import WatchedQuerySet
from stretches.text import about_duration


class Position(models.TextChoices):
    FLOOR = "floor", "On the floor"
    CHAIR = "chair", "Sitting in a chair"
    STANDING = "standing", "Standing"


class Sides(models.TextChoices):
    BOTH = "both", "Each side"
    ONE = "one", "Once (no sides)"


class MuscleQuerySet(WatchedQuerySet):
    def named(self, name):
        """The muscle called `name` (in any case), made if there is none yet."""
        name = name.strip()
        found = self.filter(models.Q(name__iexact=name) | models.Q(slug=slugify(name))).first()
        return found or self.create(name=name[:1].upper() + name[1:], slug=slugify(name))


class Muscle(models.Model):
    """One word for each muscle or body area, shared by every stretch that works it: what the
    library's filter offers and what stretch pages say."""

    name = models.CharField(
        max_length=80, help_text="As readers see it, with a capital first letter: “Hip rotators”."
    )
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in the library filter's address.")

    objects = MuscleQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="stretches_muscle_name_ci_unique",
                violation_error_message="That muscle is on the list already (names ignore case).",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The library, showing the stretches that work it."""
        return f"{reverse('stretches:library')}?{urlencode({'muscle': self.slug})}"


class Stretch(ImageVariantsMixin, models.Model):
    image_variants = {"image": "image_widths"}

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text="The stretch's web address.")
    muscles = models.ManyToManyField(
        Muscle,
        related_name="stretches",
        help_text="What it stretches. Pick from the list; add a muscle only when none of it fits.",
    )
    position = models.CharField(max_length=10, choices=Position.choices, default=Position.FLOOR)
    instructions = models.TextField(
        help_text="One step per line. Each line becomes a numbered step; no formatting needed."
    )
    cautions = models.TextField(blank=True, help_text="Who should take care, and what to avoid.")
    image = models.ImageField(
        upload_to="stretches/", blank=True, width_field="image_width", height_field="image_height"
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_widths = models.JSONField(default=dict, blank=True, editable=False)
    image_alt = models.CharField(
        max_length=250, blank=True, help_text="Describe the picture for someone who cannot see it."
    )
    default_repetitions = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    default_hold_seconds = models.PositiveSmallIntegerField(
        default=20, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    sides = models.CharField(max_length=4, choices=Sides.choices, default=Sides.BOTH)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WatchedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "stretches"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stretches:stretch", args=[self.slug])

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Describe the picture for someone who cannot see it."})

    def description(self):
        """One or two sentences on what it is, for search results and link previews."""
        dose = f"{self.default_repetitions} × {self.default_hold_seconds} s"
        sides = ", each side" if self.sides == Sides.BOTH else ""
        return (
            f"{self.name}, step by step: how to do it and how long to hold it. Works: {self.muscle_names()}. "
            f"{self.get_position_display()}, {dose}{sides}."
        )

    def muscle_names(self):
        """“Gluteals, Piriformis”: what it works, in one line (prefetch `muscles` for no query)."""
        return ", ".join(muscle.name for muscle in self.muscles.all())

    def instruction_steps(self):
        return [line.strip() for line in self.instructions.splitlines() if line.strip()]


class Segment(NamedTuple):
    kind: str  # "hold", "release" (out of a hold), "switch" (sides), "rest"
    seconds: int
    side: str = ""  # "left", "right", or "" for a stretch done once
    rep: int = 0


class Technique(models.TextChoices):
    ACTIVE_ISOLATED = "active_isolated", "Active isolated stretching"
    STATIC = "static", "Static stretching"
    DYNAMIC = "dynamic", "Dynamic stretching"


def steps_prefetch(prefix="", muscles=False):
    """A routine's steps with their stretches, in order (under `prefix`, e.g. "routine__"), so its
    total time costs no queries; with `muscles`, what each stretch works too, for step cards."""
    steps = RoutineStep.objects.select_related("stretch").order_by("order", "id")
    if muscles:
        steps = steps.prefetch_related("stretch__muscles")
    return models.Prefetch(f"{prefix}steps", queryset=steps)


class RoutineQuerySet(WatchedQuerySet):
    def readable_by(self, user):
        """Routines `user` can read in full in some article: none only in drafts, or only in
        members-only text for a signed-out reader."""
        from .articles import Article  # articles import this module

        return self.filter(sections__article__in=Article.objects.readable_by(user)).distinct()


class Routine(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    technique = models.CharField(max_length=20, choices=Technique.choices, default=Technique.STATIC)
    setting = models.CharField(
        max_length=10,
        choices=Position.choices,
        default=Position.FLOOR,
        help_text="Where the reader does the routine.",
    )
    description = models.TextField(blank=True, help_text="A sentence or two shown above the steps.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stretches:routine", args=[self.slug])

    def total_seconds(self):
        """Total time, from the steps (prefetch `steps__stretch` to keep this query-free)."""
        return sum(step.seconds() for step in self.steps.all())

    def duration_label(self):
        return about_duration(self.total_seconds())

    def timeline(self):
        """Every moment of the routine, step by step ((step, segment) pairs): what the player
        counts down, and what every total time adds up."""
        return [(step, segment) for step in self.steps.all() for segment in step.segments()]

    def summary(self):
        """How people say it: “4-part sequence, about 6 min”."""
        count = len(self.steps.all())
        return f"{count}-part sequence, {self.duration_label()}"


class RoutineStep(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    stretch = models.ForeignKey(Stretch, on_delete=models.PROTECT, related_name="steps")
    order = models.PositiveIntegerField(default=0, help_text="Steps run from the lowest number.")
    repetitions = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Leave blank to use the stretch's default.",
    )
    hold_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Leave blank to use the stretch's default.",
    )
    sides = models.CharField(
        max_length=4, choices=Sides.choices, blank=True, help_text="Leave blank to use the stretch's default."
    )
    rest_seconds = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(600)], help_text="Rest after this step."
    )
    cues = models.TextField(
        blank=True,
        help_text=(
            'What the player says during each hold, one cue per line, in turn ("Keep your back flat", '
            '"Breathe out and ease further"). Leave blank to use the stretch\'s instructions.'
        ),
    )

    objects = WatchedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.order}. {self.stretch}"

    @property
    def reps(self):
        return self.repetitions or self.stretch.default_repetitions

    @property
    def hold(self):
        return self.hold_seconds or self.stretch.default_hold_seconds

    @property
    def both_sides(self):
        return (self.sides or self.stretch.sides) == Sides.BOTH

    @property
    def key_cue(self):
        """The one line a printed card has room for: the editor's first cue; else the stretch's
        instruction that says what to feel, or the one after the starting position."""
        editors = [line.strip() for line in self.cues.splitlines() if line.strip()]
        if editors:
            return editors[0]
        steps = self.stretch.instruction_steps()
        felt = [line for line in steps if "feel" in line.lower()]
        return (felt or steps[1:] or steps or [""])[0]

    def cue_lines(self):
        """What to say during the holds, in turn: the editor's cues, else the stretch's own steps."""
        lines = [line.strip() for line in self.cues.splitlines() if line.strip()]
        return lines or self.stretch.instruction_steps()

    def segments(self):
        """The step moment by moment, as the player counts it down: each repetition's hold, then
        the seconds spent moving out of it (on the last one of the first side, switching sides),
        then the rest. Every duration the site shows is a sum of these."""
        transition = settings.LIMBER["REP_TRANSITION_SECONDS"]
        sides = ("left", "right") if self.both_sides else ("",)
        for side in sides:
            for rep in range(1, self.reps + 1):
                yield Segment("hold", self.hold, side, rep)
                switching = rep == self.reps and side == "left"
                yield Segment("switch" if switching else "release", transition, side, rep)
        if self.rest_seconds:
            yield Segment("rest", self.rest_seconds)

    def seconds(self):
        return sum(segment.seconds for segment in self.segments())
