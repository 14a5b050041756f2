"""What invalidates cached pages, declared once: every model whose rows show on a page, and
which version scopes a change to it replaces.

Receivers on save, delete and many-to-many changes do the work, and the querysets of these
models (`WatchedQuerySet`) do it for `update()` and `bulk_create()`, which send no signals. So
the admin (its bulk "Delete selected" included), the ORM, management commands and the shell all
invalidate the same way, and a migration replaces every version when it runs.

Each app above says which of its models show on pages, from its own `AppConfig.ready()`
(`watch(Model, scopes=…, fields=…)`), so this bottom layer names none of them.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_delete, post_init, post_migrate, post_save

from . import versions


@dataclass(frozen=True)
class Watch:
    scopes: tuple
    # Only these fields show on pages: a change to none of them changes nothing (empty: all do).
    shown_fields: tuple = ()
    # Rows show only in this state (field: value): a change matters if the row showed before it or
    # shows after it.
    shown_when: dict = field(default_factory=dict)
    # Whether a row shows anywhere as soon as it exists.
    new_rows_show: bool = True
    # The member a row belongs to, who sees it (or its effect) whatever its state: any change to
    # the row replaces that member's own token.
    member_field: str = ""

    @property
    def tracked(self):
        owner = (self.member_field,) if self.member_field else ()
        return tuple(dict.fromkeys((*self.shown_fields, *self.shown_when, *owner)))


# {model label: Watch}, filled by the apps above from their `ready()` (see `watch`).
_watched = {}

_MISSING = object()


def _watch(model):
    # By label, so historical models in migrations find their watch too.
    return _watched[model._meta.label]


def _value(instance, name):
    value = instance.__dict__.get(instance._meta.get_field(name).attname, _MISSING)
    return value.name if isinstance(value, FieldFile) else value


def _values(watch, instance):
    return {name: _value(instance, name) for name in watch.tracked}


def _showed(watch, values):
    """Whether a row in this state shows; a value not loaded (deferred) may have."""
    return all(values.get(name, _MISSING) in (wanted, _MISSING) for name, wanted in watch.shown_when.items())


def _snapshot(sender, instance, **kwargs):
    """Remember the tracked fields as loaded, to tell later what a save changed."""
    instance._shown_as_loaded = _values(_watch(sender), instance)


def _changed(watch, before, after, created):
    if created or not watch.shown_fields:
        return True
    return any(before.get(name, _MISSING) != after[name] for name in watch.shown_fields)


def _owners(watch, *states):
    """The members whose own view a row in these states is part of (the owner may have changed)."""
    if not watch.member_field:
        return set()
    return {state.get(watch.member_field) for state in states} - {None, _MISSING}


def _saved(sender, instance, created, **kwargs):
    watch = _watch(sender)
    before = {} if created else getattr(instance, "_shown_as_loaded", {})
    after = instance._shown_as_loaded = _values(watch, instance)
    if not _changed(watch, before, after, created):
        return
    versions.bump_members(_owners(watch, before, after))
    if created:
        shows = watch.new_rows_show and _showed(watch, after)
    else:
        shows = _showed(watch, before) or _showed(watch, after)
    if watch.scopes and shows:
        versions.bump(*watch.scopes)


def _deleted(sender, instance, **kwargs):
    """A deleted row may have shown, and deleting it can change others that did not (a reply
    answering a held comment loses what it answers, and shows): replace the scopes always."""
    watch = _watch(sender)
    versions.bump_members(_owners(watch, _values(watch, instance)))
    if watch.scopes:
        versions.bump(*watch.scopes)


def _related_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        versions.bump(*_through[sender])


def _migrated(sender, **kwargs):
    versions.forget()  # a migration may have changed anything, with signals or without


class WatchedQuerySet(models.QuerySet):
    """For watched models: bulk writes, which send no signals, invalidate like saves do."""

    def update(self, **kwargs):
        watch = _watch(self.model)
        shows = not watch.shown_fields or bool(set(kwargs) & set(watch.shown_fields))
        owners = self._owners(watch) if shows else []  # as they were: an update may change them
        changed = super().update(**kwargs)
        if changed and shows:
            new_owner = kwargs.get(watch.member_field) if watch.member_field else None
            versions.bump_members({*owners, getattr(new_owner, "pk", new_owner)})
            if watch.scopes:
                versions.bump(*watch.scopes)
        return changed

    def bulk_create(self, objs, *args, **kwargs):
        made = super().bulk_create(objs, *args, **kwargs)
        watch = _watch(self.model)
        if made:
            versions.bump_members(pk for obj in made for pk in _owners(watch, _values(watch, obj)))
            if watch.scopes:
                versions.bump(*watch.scopes)
        return made

    def bulk_update(self, objs, fields, *args, **kwargs):
        changed = super().bulk_update(objs, fields, *args, **kwargs)
        watch = _watch(self.model)
        if changed and (not watch.shown_fields or set(fields) & set(watch.shown_fields)):
            versions.bump_members(pk for obj in objs for pk in _owners(watch, _values(watch, obj)))
            if watch.scopes:
                versions.bump(*watch.scopes)
        return changed

    def _owners(self, watch):
        """Whose own token a bulk change replaces (one query, only for models with owners)."""
        if not watch.member_field:
            return []
        return list(self.order_by().values_list(watch.member_field, flat=True).distinct())


_through = {}


def watch(model, *, scopes, fields=(), shown_when=None, new_rows_show=True, member_field=""):
    """Cached pages show rows of `model`: a change to one replaces the version `scopes`.

    `fields`: only these show (empty: all do). `shown_when`: {field: value} a row shows only in
    that state. `new_rows_show`: whether a row shows as soon as it exists. `member_field`: the
    member a row belongs to, whose own token any change to it replaces. Called by the app that
    owns the model, from its `AppConfig.ready()`; the model's queryset is a `WatchedQuerySet`.
    """
    spec = Watch(tuple(scopes), tuple(fields), dict(shown_when or {}), new_rows_show, member_field)
    label = model._meta.label
    _watched[label] = spec
    uid = f"pagecache.invalidation.{label}"
    if spec.tracked:
        post_init.connect(_snapshot, sender=model, dispatch_uid=uid)
    post_save.connect(_saved, sender=model, dispatch_uid=uid)
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    # Many-to-many links show when the whole row does (an article's related articles; not a
    # member's groups).
    for many in () if spec.shown_fields else model._meta.local_many_to_many:
        through = many.remote_field.through
        _through[through] = spec.scopes
        m2m_changed.connect(_related_changed, sender=through, dispatch_uid=f"{uid}.{many.name}")


def connect():
    post_migrate.connect(_migrated, dispatch_uid="pagecache.invalidation.migrate")
