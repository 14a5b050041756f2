"""Admin behaviour every app's admin shares (this module registers nothing)."""

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


class SafeAutocompleteMixin:
    """For ModelAdmins and inlines with `autocomplete_fields`: use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class BoundedInline:
    """Inlines that never draw more than `max_num` rows, however many a hand-edited form asks for
    (Django would draw up to a thousand more)."""

    max_num = 500

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", self.max_num)
        return super().get_formset(request, obj, **kwargs)
