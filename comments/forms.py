from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.formats import number_format

from web.validators import no_control_characters

from .tokens import seconds_since_started, use_started

TRY_AGAIN = "Please check your comment and press Post again."


def _text_field():
    limit = settings.COMMENTS["MAX_LENGTH"]
    return forms.CharField(
        label="Your comment",
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": limit}),
        help_text=f"Plain text, up to {number_format(limit, force_grouping=True)} characters. "
        "Web addresses become links.",
        error_messages={"required": "Please write something before posting."},  # also for only spaces
    )


class CommentForm(forms.Form):
    """Plain text only. Guests also give a name and an email; members post as themselves.

    Two traps catch bots without a word they could learn from: a field people never see, and the
    signed time the form was handed out (a person takes more than a few seconds to write)."""

    name = forms.CharField(
        validators=[no_control_characters],
        label="Your name",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        max_length=254,
        label="Your email",
        required=False,
        help_text="Never shown. We send a link to confirm your comment.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    notify = forms.BooleanField(
        label="Email me about replies and when my comment is published", required=False
    )
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"text": _text_field(), **self.fields}
        self.is_guest = user is None or not user.is_authenticated
        if self.is_guest:
            self.fields["name"].required = True
            self.fields["email"].required = True
        else:
            for name in ("name", "email", "notify"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError("", code="honeypot")
        token = cleaned.get("started")
        waited = seconds_since_started(token)
        if waited is None or waited < settings.COMMENTS["MIN_FILL_SECONDS"]:
            raise forms.ValidationError(TRY_AGAIN, code="too_fast")
        # Spent only by a form that is otherwise fine: a refused one is drawn again with a new token.
        if not self.errors and not use_started(token):
            raise forms.ValidationError(TRY_AGAIN, code="reused")
        return cleaned

    @property
    def caught_bot(self):
        """The honeypot was filled in: answer as if all went well, and keep nothing."""
        return self.has_error(NON_FIELD_ERRORS, code="honeypot")


class EditCommentForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = _text_field()
