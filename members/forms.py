from django import forms

from web.validators import no_control_characters

from .avatars import make_avatars
from .models import User


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up form asks besides email and password: the name we greet you by."""

    first_name = forms.CharField(
        validators=[no_control_characters],
        label="First name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "placeholder": "Ada"}),
    )

    field_order = ["first_name", "email", "password1"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]  # the field has stripped it
        user.save(update_fields=["first_name"])


MAX_FILE_NAME = 200  # longer names may not even reach the form (see web.views.bad_request)


class ProfileForm(forms.ModelForm):
    avatar_upload = forms.FileField(
        label="Avatar",
        required=False,
        max_length=MAX_FILE_NAME,
        error_messages={
            "max_length": f"That file's name is too long: rename it to under {MAX_FILE_NAME} characters "
            "and choose it again."
        },
        help_text="A JPEG, PNG or WebP picture, up to 5 MB and 4096 × 4096 pixels. We crop it square.",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp", "data-max-name": MAX_FILE_NAME}
        ),
    )
    remove_avatar = forms.BooleanField(label="Remove my avatar", required=False)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "display_name", "bio", "notify_replies", "notify_moderation"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 500})}
        help_texts = {"first_name": "We greet you by this name."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        for name in ("first_name", "last_name", "display_name"):
            self.fields[name].validators.append(no_control_characters)
        self.avatar_files = None

    def clean_avatar_upload(self):
        upload = self.cleaned_data.get("avatar_upload")
        if upload:
            self.avatar_files = make_avatars(upload)  # refuses anything too large before decoding
        return upload

    def save(self, commit=True):
        user = super().save(commit=False)
        if self.avatar_files or self.cleaned_data.get("remove_avatar"):
            user.delete_avatar_files()
            user.avatar = user.avatar_small = ""
        if self.avatar_files:
            user.avatar = self.avatar_files["avatar"]
            user.avatar_small = self.avatar_files["avatar_small"]
        if commit:
            user.save()
        return user


class DeleteAccountForm(forms.Form):
    delete_comments = forms.BooleanField(
        label="Also delete my comments",
        required=False,
        help_text="Otherwise they stay, shown as by “Former member”, with nothing that identifies you.",
    )
    confirm = forms.BooleanField(
        label="I understand that my account, profile, avatar and saved articles will be deleted for good.",
    )
