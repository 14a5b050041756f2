import unicodedata

from django.core.exceptions import ValidationError


def no_control_characters(value):
    """Names are shown on pages and in email subjects: no line breaks or other invisible controls."""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != " " for ch in value):
        raise ValidationError(
            "Please use letters, numbers and punctuation only: no line breaks or hidden characters."
        )
