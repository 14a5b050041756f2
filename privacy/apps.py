from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """What the site holds about a member: each app that keeps personal data registers how to
    export it and how to erase it (`privacy.registry`), so a member's download and the deletion
    of their account cover every app without the account code naming them."""

    name = "privacy"
    verbose_name = "Personal data"
