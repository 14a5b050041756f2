"""Inline formsets that look their rows up once: Django's asks the database again for every row
it is sent back (the hidden id field), which a live preview would pay on every keystroke."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet


class _KnownRow(forms.ModelChoiceField):
    def __init__(self, formset, *args, **kwargs):
        self.formset = formset
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            key = self.formset._pk_field.to_python(value)
        except ValidationError:
            key = None
        row = self.formset._existing_object(key) if key is not None else None
        if row is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return row


class KnownRowsFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        name = self._pk_field.name
        field = form.fields.get(name)
        if type(field) is forms.ModelChoiceField:  # the id of a row this formset loaded
            form.fields[name] = _KnownRow(
                self, field.queryset, initial=field.initial, required=False, widget=field.widget
            )


class LabelledRowsFormSet(KnownRowsFormSet):
    """For a table of rows, where each field's label is only its column's heading: every field,
    the delete box included, says its name to screen readers itself."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            if not field.widget.is_hidden:
                label = "Delete this row" if name == "DELETE" else field.label
                field.widget.attrs.setdefault("aria-label", str(label))
