from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import models

PATH_LENGTH = 255  # the longest address the site writes is an article's: 12 + a 200-character slug


def validate_local_path(value):
    """A path on this site: starts with one "/", names no scheme or host, and has nothing a browser
    could read as another site ("//evil.example", "/\\evil.example") or a header could not carry."""
    if not value.startswith("/"):
        raise ValidationError("Start with “/”: an address on this site, such as /stretches/hip-openers/.")
    split = urlsplit(value)
    if value.startswith("//") or "\\" in value or split.scheme or split.netloc:
        raise ValidationError("Only addresses on this site: no other site's name, no “//” at the start.")
    if any(ord(character) < 32 or ord(character) == 127 for character in unquote(value)):
        raise ValidationError("Remove the control characters (tabs, line breaks) from the address.")


class Redirect(models.Model):
    """An address that moved: readers asking for `old_path`, where nothing else is shown any more,
    are sent for good (301) to `new_path`. Renaming an article, topic or stretch records one."""

    old_path = models.CharField(
        "old address",
        max_length=PATH_LENGTH,
        unique=True,
        validators=[validate_local_path],
        help_text="The address readers may still have, e.g. /stretches/old-name/. "
        "While something is published there it is shown instead.",
    )
    new_path = models.CharField(
        "new address",
        max_length=PATH_LENGTH,
        validators=[validate_local_path],
        help_text="Where they are sent, e.g. /stretches/new-name/. Any query string they asked with is kept.",
    )
    created_at = models.DateTimeField("recorded", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def clean(self):
        # Looked up by the decoded path Django gives a request, so kept decoded: /caf%C3%A9/ is /café/.
        self.old_path = unquote(self.old_path or "")
        if "?" in self.old_path or "#" in self.old_path:
            raise ValidationError({"old_path": "Only the path: leave out anything from “?” or “#” on."})
        if self.old_path and self.new_path and self.old_path == unquote(urlsplit(self.new_path).path):
            raise ValidationError({"new_path": "The new address must differ from the old one."})
        others = Redirect.objects.exclude(pk=self.pk) if self.pk else Redirect.objects.all()
        if self.old_path and self.new_path and leads_back(self.new_path, self.old_path, others):
            raise ValidationError(
                {"new_path": "Redirects already lead from that address back to the old one: it would loop."}
            )


def leads_back(start, target, rows, *, steps=10):
    """Whether following the redirects in `rows` from the address `start` reaches the path `target`."""
    seen = set()
    path = unquote(urlsplit(start).path)
    for _ in range(steps):
        if path == target:
            return True
        if path in seen:
            return False
        seen.add(path)
        following = rows.filter(old_path=path).values_list("new_path", flat=True).first()
        if following is None:
            return False
        path = unquote(urlsplit(following).path)
    return False
