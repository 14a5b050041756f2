"""Old addresses keep working: renaming a page records a permanent redirect to its new address.

`follow_renames(*models)`, called by the apps above from their `ready()` (so this layer names
none of them), watches models with `get_absolute_url()`: before a save it reads the stored row's
address, after it records `old → new` when they differ. Chains collapse as they are made (A → B,
then B → C: A answers one 301 straight to C) and renaming back removes what would loop.
"""

from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.urls import NoReverseMatch

from .models import PATH_LENGTH, Redirect, leads_back

_OLD_URL = "_limber_old_url"


def follow_renames(*models):
    for model in models:
        pre_save.connect(_remember_url, sender=model, dispatch_uid=f"redirects-pre-{model._meta.label}")
        post_save.connect(_record_rename, sender=model, dispatch_uid=f"redirects-post-{model._meta.label}")


def _path(instance):
    try:
        url = instance.get_absolute_url()
    except NoReverseMatch:  # a slug the address patterns refuse has no address to keep
        return None
    return url if url.startswith("/") and not url.startswith("//") else None


def _remember_url(sender, instance, raw=False, using=None, **kwargs):
    instance.__dict__.pop(_OLD_URL, None)
    if raw or instance.pk is None:
        return
    stored = sender._base_manager.using(using).filter(pk=instance.pk).first()
    if stored is not None:
        instance.__dict__[_OLD_URL] = _path(stored)


def _record_rename(sender, instance, created=False, raw=False, using=None, **kwargs):
    old = instance.__dict__.pop(_OLD_URL, None)
    if raw or created or old is None:
        return
    new = _path(instance)
    if new is not None and new != old:
        record(old, new, using=using)


def record(old, new, *, using=None):
    """Readers asking for `old` go to `new` from now on, and so does every redirect that led to `old`."""
    old_key, new_key = path_key(old), path_key(new)
    if len(old_key) > PATH_LENGTH or len(new) > PATH_LENGTH:
        return
    redirects = Redirect.objects.using(using)
    with transaction.atomic(using=using):
        # Collapse chains: whatever led to the old address leads straight to the new one.
        redirects.filter(new_path=old).update(new_path=new)
        redirects.bulk_create(
            [Redirect(old_path=old_key, new_path=new)],
            update_conflicts=True,
            unique_fields=["old_path"],
            update_fields=["new_path", "created_at"],
        )
        # A redirect from the new address that now leads back to it would loop once nothing is
        # shown here (renaming back, two pages trading addresses, one added by hand): it goes.
        onward = redirects.filter(old_path=new_key).values_list("new_path", flat=True).first()
        if onward is not None and leads_back(onward, new_key, redirects):
            redirects.filter(old_path=new_key).delete()


def path_key(path):
    """A redirect's `old_path` is the decoded path, as `request.path` has it."""
    return unquote(urlsplit(path).path)
