"""Revisions, compared and restored: what changed between two of an object's stored revisions,
word by word, and a restore that saves as an editor's save does."""

import difflib
import re

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connections, router, transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe
from reversion.errors import RevertError

WORDS = re.compile(r"\s+|[^\s]+")


def words(old, new):
    """`new` against `old` as HTML, removed words in <del> and added ones in <ins>."""
    before, after = WORDS.findall(str(old or "")), WORDS.findall(str(new or ""))
    html = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            html.append(f"<del>{escape(''.join(before[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            html.append(f"<ins>{escape(''.join(after[j1:j2]))}</ins>")
        if tag == "equal":
            html.append(escape("".join(before[i1:i2])))
    return mark_safe("".join(html))  # noqa: S308 -- every piece above is escaped


def _names(field, keys):
    """A many-to-many field's stored keys as the names of what they choose (gone ones left out)."""
    chosen = field.related_model._default_manager.filter(pk__in=keys or [])
    return ", ".join(sorted(str(obj) for obj in chosen))


def _field_changes(model, old, new, fields):
    changes = []
    for name in fields:
        field = model._meta.get_field(name)
        label = field.verbose_name
        before, after = old.get(name, ""), new.get(name, "")
        if field.many_to_many:
            before, after = _names(field, before), _names(field, after)
        if before != after:
            changes.append({"label": label[:1].upper() + label[1:], "diff": words(before, after)})
    return changes


def _rows(version, related_model):
    """{object id: field dict} of every row of `related_model` stored with the revision."""
    kind = ContentType.objects.get_for_model(related_model)
    return {row.object_id: row.field_dict for row in version.revision.version_set.filter(content_type=kind)}


def _title(title, row):
    return title(row) if callable(title) else row.get(title, "")


def compare(older, newer, fields, related, model):
    """What changed from `older` to `newer` (Versions of one object): its `fields`, then per
    related model in `related` ({model: (title, fields…)}, the title a field name or a function
    of the stored row) each row added, removed or changed, in the newer revision's order."""
    changes = {"fields": _field_changes(model, older.field_dict, newer.field_dict, fields), "groups": []}
    for related_model, (title, *row_fields) in related.items():
        before, after = _stored_rows(older, related_model, model), _stored_rows(newer, related_model, model)
        ordered = sorted(after, key=lambda key: (after[key].get("order", 0), key))
        rows = []
        for key in ordered:
            row = after[key]
            if key not in before:
                rows.append({"state": "added", "title": _title(title, row), "changes": []})
                continue
            shown = row_fields if callable(title) else (title, *row_fields)
            found = _field_changes(related_model, before[key], row, shown)
            if found:
                rows.append({"state": "changed", "title": _title(title, row), "changes": found})
        for key in sorted(set(before) - set(after)):
            rows.append({"state": "removed", "title": _title(title, before[key]), "changes": []})
        moved = [key for key in ordered if key in before]
        was = sorted(moved, key=lambda key: (before[key].get("order", 0), key))
        changes["groups"].append(
            {
                "name": related_model._meta.verbose_name_plural,
                "rows": rows,
                "reordered": moved != was,
            }
        )
    changes["any"] = bool(changes["fields"]) or any(g["rows"] or g["reordered"] for g in changes["groups"])
    return changes


def _parent_key(related_model, model):
    """The attname of `related_model`'s foreign key to `model` (a section's `article_id`)."""
    return next(f.attname for f in related_model._meta.concrete_fields if f.related_model is model)


def _stored_rows(version, related_model, model):
    """The rows of `related_model` kept with `version` that belong to its object (a revision can
    hold other objects too: an action that saved several articles, the demo's first load)."""
    key = _parent_key(related_model, model)
    return {
        pk: fields
        for pk, fields in _rows(version, related_model).items()
        if str(fields.get(key)) == version.object_id
    }


def _put_back(model, fields):
    """Save `fields` (a stored field dict) as the row they came from, through the ORM as an
    editor's save is: its own save(), every signal, a redirect if its address changes."""
    obj = model._default_manager.filter(pk=fields[model._meta.pk.attname]).first() or model()
    many = {}
    for name, value in fields.items():
        field = model._meta.get_field(name) if name != model._meta.pk.attname else model._meta.pk
        if field.many_to_many:
            many[name] = value
        else:
            setattr(obj, field.attname, value)
    obj.save()
    for name, value in many.items():
        getattr(obj, name).set(value)
    return obj


def restore(version, related_models, user, label):
    """Put the object and its rows of `related_models` back as `version` keeps them (rows added
    since are deleted), each saved as an editor's save is, so its page, its search entry and every
    cached page follow at once. Nothing else the revision holds is touched. The restore is itself
    a new revision."""
    model = version._model
    with transaction.atomic(), reversion.create_revision():
        try:
            obj = _put_back(model, version.field_dict)
            for related_model in related_models:
                stored = _stored_rows(version, related_model, model)
                key = _parent_key(related_model, model)
                for row in related_model._default_manager.filter(**{key: obj.pk}).exclude(
                    pk__in=list(stored)
                ):
                    row.delete()
                for fields in stored.values():
                    _put_back(related_model, fields)
            obj.save()  # after its rows: what is kept of the whole page is replaced once more
            # A key to a row deleted since fails only at commit where checks are deferred: now.
            tables = [m._meta.db_table for m in (model, *related_models)]
            connections[router.db_for_write(model)].check_constraints(table_names=tables)
        except (IntegrityError, ValueError) as error:
            # It names something gone since (a routine deleted), or an address taken by another page.
            raise RevertError(str(error)) from error
        reversion.set_user(user)
        reversion.set_comment(f"Restored the revision of {label}.")
    return obj
