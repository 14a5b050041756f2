"""Revisions, compared and restored: what changed between two of an object's stored revisions,
word by word, and a restore that saves as an editor's save does."""

import difflib
import re

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
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


def _field_changes(model, old, new, fields):
    changes = []
    for name in fields:
        label = model._meta.get_field(name).verbose_name
        before, after = old.get(name, ""), new.get(name, "")
        if before != after:
            changes.append({"label": label[:1].upper() + label[1:], "diff": words(before, after)})
    return changes


def _rows(version, related_model):
    """{object id: field dict} of the rows of `related_model` stored with the revision."""
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
        before, after = _rows(older, related_model), _rows(newer, related_model)
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


def restore(version, user, label):
    """Put the object and its rows back as `version` has them (rows added since are deleted),
    then save the object as an editor's save does, so its page, its search entry and every
    cached page follow at once. The restore is itself a new revision."""
    with transaction.atomic(), reversion.create_revision():
        version.revision.revert(delete=True)
        # A row it names may be gone (a routine deleted since): refuse now, not at commit.
        tables = sorted({row._model._meta.db_table for row in version.revision.version_set.all()})
        try:
            connection.check_constraints(table_names=tables)
        except IntegrityError as error:
            raise RevertError(str(error)) from error
        obj = version._model._default_manager.get(pk=version.object_id)
        obj.save()
        reversion.set_user(user)
        reversion.set_comment(f"Restored the revision of {label}.")
    return obj
