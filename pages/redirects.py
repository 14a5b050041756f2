"""Old addresses keep working: renaming a page records a permanent redirect to its new address.

`follow_renames(Article, Topic, Stretch)` (called by the apps above, so this layer imports none
of them) watches models with `get_absolute_url()`: before a save it reads the stored row's
address, after it records `old → new` when they differ. Chains collapse as they are made (A → B,
then B → C: A answers one 301 straight to C) and renaming back removes what would loop.

`RedirectMiddleware` applies a redirect only where the site would answer 404, so whatever is
shown at an address (a new article that took an old slug, a draft previewed by an editor) always
wins, and a draft that took it leaves the redirect working for readers.
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.http import HttpResponsePermanentRedirect
from django.urls import NoReverseMatch
from django.utils.cache import patch_cache_control

from .models import PATH_LENGTH, Redirect, leads_back, validate_local_path

# Browsers keep a 301 for as long as it says: a day, so an address a new page takes is seen.
REDIRECT_MAX_AGE = 24 * 3600
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
    old_key, new_key = _key(old), _key(new)
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


def _is_local(path):
    try:
        validate_local_path(path)
    except ValidationError:
        return False
    return True


def _key(path):
    """A redirect's `old_path` is the decoded path, as `request.path` has it."""
    return unquote(urlsplit(path).path)


def _target(path):
    """Where `path` moved: its own redirect, or else the longest moved address above it, with
    the rest of the path kept (a renamed topic's /feed/, a renamed routine's /play/)."""
    segments = path.split("/")[1:-1]  # "/a/b/c/" → ["a", "b", "c"]; the root never redirects
    above = ["/" + "/".join(segments[:n]) + "/" for n in range(1, len(segments) + 1)]
    if not path.endswith("/"):
        above.append(path)
    found = dict(Redirect.objects.filter(old_path__in=above).values_list("old_path", "new_path"))
    if not found:
        return None
    old = max(found, key=len)
    new = found[old]
    if old == path:
        return new
    return new + path[len(old) :] if new.endswith("/") and "?" not in new else None


class RedirectMiddleware:
    """A GET or HEAD the site answers with 404 at a recorded old address gets a 301 to its new one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        path = request.path
        if len(path) > PATH_LENGTH or "\x00" in path:  # nothing stored is that long; PostgreSQL refuses NUL
            return response
        target = _target(path)
        if not target or not _is_local(target) or _key(target) == path:
            return response
        query = request.META.get("QUERY_STRING", "")
        if query:
            target += ("&" if "?" in target else "?") + query
        redirect = HttpResponsePermanentRedirect(target)
        patch_cache_control(redirect, max_age=REDIRECT_MAX_AGE)
        return redirect
