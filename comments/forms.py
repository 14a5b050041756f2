from django import forms

from members.validators import no_control_characters


class CommentForm(forms.Form):
    """Plain text only. Guests also give a name and an email; members post as themselves."""

    text = forms.CharField(
        label="Your comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 5000}),
        help_text="Plain text, up to 5,000 characters. Web addresses become links.",
        error_messages={"required": "Please write something before posting."},  # also for only spaces
    )
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
    # Spam traps: a field people never see, and when the form was handed out (signed).
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_guest = user is None or not user.is_authenticated
        if self.is_guest:
            self.fields["name"].required = True
            self.fields["email"].required = True
        else:
            for name in ("name", "email", "notify"):
                del self.fields[name]


class EditCommentForm(forms.Form):
    text = forms.CharField(label="Your comment", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
