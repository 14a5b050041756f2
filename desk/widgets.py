"""Django's admin widgets, with the names screen readers need where the stock ones have none."""

from django.contrib.admin.widgets import AdminSplitDateTime


class LabelledSplitDateTime(AdminSplitDateTime):
    """The date and time boxes of one field (its label is for neither box: each says it)."""

    def __init__(self, label, attrs=None):
        self.label = label
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for widget, part in zip(context["widget"]["subwidgets"], ("date", "time"), strict=True):
            widget["attrs"].setdefault("aria-label", f"{self.label} ({part})")
        return context
