"""Admin behaviour every app's admin shares."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class SafeSearchMixin:
    """Search terms with NUL characters (which PostgreSQL refuses) are searched without them."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))


class ValidChoicesOnly:
    """For autocomplete widgets: a refused form is drawn again with what was sent, and a value
    that is not a valid key (`abc`, `1.5`, a number past the column's range) is left out of the
    look-up instead of crashing it. The field itself says the choice is invalid."""

    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field
        key = target.model._meta.get_field(getattr(target, "field_name", None) or target.model._meta.pk.name)
        return super().optgroups(name, [v for v in value if _is_valid(key, v)], attr)


def _is_valid(field, value):
    try:
        field.clean(value, None)
    except ValidationError:
        return False
    return True


class SafeAutocompleteSelect(ValidChoicesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(ValidChoicesOnly, AutocompleteSelectMultiple):
    pass


def _key_field(queryset, to_field_name):
    return queryset.model._meta.get_field(to_field_name or queryset.model._meta.pk.name)


class ValidKeyChoiceField(forms.ModelChoiceField):
    """A key past the column's range (2**63) is an invalid choice, not a database error."""

    def to_python(self, value):
        key = _key_field(self.queryset, self.to_field_name)
        if isinstance(value, str | int) and value not in self.empty_values and not _is_valid(key, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ValidKeyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        key = _key_field(self.queryset, self.to_field_name)
        for pk in value:
            if not _is_valid(key, pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class SafeAutocompleteMixin:
    """For ModelAdmins and inlines: autocomplete fields use the widgets above, and every choice
    of a row checks its key before asking the database."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        kwargs.setdefault("form_class", ValidKeyChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", ValidKeyMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class BoundedInline:
    """Inlines that never draw more than `max_num` rows, however many a hand-edited form asks for
    (Django would draw up to a thousand more)."""

    max_num = 500

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", self.max_num)
        return super().get_formset(request, obj, **kwargs)
