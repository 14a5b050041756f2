import datetime
import re

from django import forms
from django.conf import settings

from stretches.models import Routine

from .models import TIME_PATTERN, WEEKDAY_NAMES, Reminder, time_zone_names


class LogForm(forms.Form):
    """What the player posts: the routine's slug and the seconds played."""

    routine = forms.SlugField(max_length=150)
    seconds = forms.IntegerField(min_value=0)


class TimesInput(forms.TextInput):
    """Several `<input type="time" name="times">` (reminders.html draws them), read as one
    comma-separated value, so a single typed list ("11:00, 15:00") still reads the same."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
        return ", ".join(value for value in values if value and value.strip())


ZONE_ERROR = "Choose a time zone from the list."
# What people type where a browser has no time picker: 19:00, 19:00:00, 7pm, 7:30 pm.
TIME_FORMATS = ["%H:%M", "%H:%M:%S", "%I%p", "%I:%M%p"]


def read_time(text):
    text = text.replace(" ", "").replace(".", "").upper()
    for pattern in TIME_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    return None


def zone_options():
    """Every zone, region by region (the datalist's order), each labelled by its place first."""
    options = []
    for name in time_zone_names():
        region, _, place = name.partition("/")
        label = f"{place.replace('_', ' ').replace('/', ', ')} ({region})" if place else name
        options.append({"value": name, "label": label})
    return options


def split_times(text):
    """The times typed in one box or several, as words: "7 pm" is one time (a number is joined
    to the am/pm after it before splitting)."""
    text = re.sub(r"(?i)(\d)\s+([ap]\.?m\.?)", r"\1\2", text or "")
    return [part for part in re.split(r"[,\s]+", text) if part]


class ReminderForm(forms.ModelForm):
    weekdays = forms.MultipleChoiceField(
        label="Days",
        choices=[(str(number), name) for number, name in enumerate(WEEKDAY_NAMES)],
        initial=["0", "1", "2", "3", "4"],  # weekdays: the common case is a break at work
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one day."},
    )
    times = forms.CharField(
        label="Times",
        max_length=100,
        help_text="One time or more: leave the other boxes empty.",
        widget=TimesInput,
    )
    time_zone = forms.CharField(
        label="Time zone",
        max_length=64,
        error_messages={"null_characters_not_allowed": ZONE_ERROR, "max_length": ZONE_ERROR},
        help_text="Start typing a city, e.g. Berlin or New York.",
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off", "spellcheck": "false"}),
    )

    class Meta:
        model = Reminder
        fields = ["routine", "weekdays", "times", "time_zone"]
        labels = {"routine": "Routine"}
        error_messages = {"routine": {"invalid_choice": "Choose a routine from the list."}}

    def __init__(self, *args, user, time_zone, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.fields["routine"].queryset = Routine.objects.readable_by(user)
        self.fields["routine"].empty_label = "Choose a routine"
        self.fields["time_zone"].initial = time_zone

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip().replace(" ", "_")
        known = {zone.lower(): zone for zone in time_zone_names()}
        if name.lower() not in known:
            raise forms.ValidationError(ZONE_ERROR)
        return known[name.lower()]

    def clean_weekdays(self):
        return "".join(sorted(set(self.cleaned_data["weekdays"])))

    def clean_times(self):
        parts = split_times(self.cleaned_data["times"])
        if not parts:
            raise forms.ValidationError("Give at least one time, e.g. 11:00.")
        times = set()
        for part in parts:
            match = TIME_PATTERN.fullmatch(part)
            moment = datetime.time(int(match[1]), int(match[2])) if match else read_time(part)
            if moment is None:
                shown = part if len(part) <= 12 else part[:12] + "…"
                raise forms.ValidationError(f"“{shown}” is not a time of day: try 07:30 or 7:30pm.")
            times.add(f"{moment:%H:%M}")
        most = settings.PRACTICE["MAX_TIMES"]
        if len(times) > most:
            raise forms.ValidationError(f"At most {most} times, please.")
        return ",".join(sorted(times))

    def clean(self):
        cleaned = super().clean()
        most = settings.PRACTICE["MAX_REMINDERS"]
        if Reminder.objects.filter(user=self.instance.user).count() >= most:
            raise forms.ValidationError(f"You have {most} reminders, the most we keep: delete one first.")
        return cleaned
