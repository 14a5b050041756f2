import re

from django import forms
from django.conf import settings

from stretches.models import Routine

from .models import TIME_PATTERN, WEEKDAY_NAMES, Reminder, time_zone_names


class LogForm(forms.Form):
    """What the player posts: the routine's slug and the seconds played."""

    routine = forms.SlugField(max_length=150)
    seconds = forms.IntegerField(min_value=0)


def _zone_choices():
    return [(name, name.replace("_", " ")) for name in time_zone_names()]


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
        help_text=f"Up to {settings.PRACTICE['MAX_TIMES']} times of day, as HH:MM, separated by "
        "commas or spaces, e.g. 11:00, 15:00.",
        widget=forms.TextInput(attrs={"placeholder": "11:00, 15:00", "autocomplete": "off"}),
    )
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=_zone_choices,
        error_messages={"invalid_choice": "Choose a time zone from the list."},
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

    def clean_weekdays(self):
        return "".join(sorted(set(self.cleaned_data["weekdays"])))

    def clean_times(self):
        parts = [part for part in re.split(r"[,\s]+", self.cleaned_data["times"]) if part]
        if not parts:
            raise forms.ValidationError("Give at least one time, e.g. 11:00.")
        times = set()
        for part in parts:
            match = TIME_PATTERN.fullmatch(part)
            if not match:
                shown = part if len(part) <= 12 else part[:12] + "…"
                raise forms.ValidationError(
                    f"“{shown}” is not a time of day: use HH:MM, from 00:00 to 23:59."
                )
            times.add(f"{int(match[1]):02d}:{match[2]}")
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
