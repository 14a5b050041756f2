"""Autocomplete boxes in inline rows without one query per row.

Django's AutocompleteSelect looks up the label of its selected value each time it renders, so
a routine with 20 steps costs 20 queries. These inlines load every label once per formset.
"""

from web.admin import SafeAutocompleteMixin, SafeAutocompleteSelect


class PreloadedAutocompleteSelect(SafeAutocompleteSelect):
    def __init__(self, *args, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = labels

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected <= self.labels.keys():  # e.g. a value just typed into a refused form
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for key in sorted(selected):
            options.append(self.create_option(name, key, self.labels[key], selected, len(options)))
        return [(None, options, 0)]


class PreloadedAutocompleteInline(SafeAutocompleteMixin):
    """Set `preload = {"field": callable(parent) -> queryset of the related objects in use}`."""

    preload = {}

    def get_formset(self, request, obj=None, **kwargs):
        self._labels = {
            field: ({str(o.pk): str(o) for o in related(obj)} if obj is not None else {})
            for field, related in self.preload.items()
        }
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        labels = getattr(self, "_labels", {}).get(db_field.name)
        if labels is not None and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using"), labels=labels
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
