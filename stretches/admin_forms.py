"""The admin's forms for articles and routines: publishing runs the page's checks, and what blocks
publishing is said beside the field it is about. A draft saves whatever its checks find."""

from django import forms
from django.core.exceptions import ValidationError

from desk.formsets import KnownRowsFormSet, LabelledRowsFormSet

from . import content_checks
from .models import Article


def _counted(widget_class, target, **attrs):
    return widget_class(attrs={"data-desk-target": target, **attrs})


def _publishing(article):
    return article.status == Article.Status.PUBLISHED


class ArticleForm(forms.ModelForm):
    class Meta:  # the admin's fieldsets say which fields
        widgets = {"standfirst": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self):
        super()._post_clean()  # the instance now holds what was typed
        if _publishing(self.instance):
            for problem in content_checks.blocking(content_checks.article_problems(self.instance)):
                self.add_error(problem.field or None, problem.message)


class SectionForm(forms.ModelForm):
    class Meta:
        widgets = {
            "heading": _counted(forms.TextInput, 70, size=60),
            "body": forms.Textarea(attrs={"data-desk-markdown": "", "rows": 12}),
            "image_alt": _counted(forms.TextInput, 150, size=60),
        }


class SectionFormSet(KnownRowsFormSet):
    """Publishing checks every section, each problem beside its field."""

    def clean(self):
        super().clean()
        if not _publishing(self.instance):
            return
        kept = [
            form
            for form in self.forms
            if not self._should_delete_form(form) and (form.instance.pk or form.has_changed())
        ]
        # Rows the form was not sent (an older form, say) stay as they are.
        sent = {form.instance.pk for form in self.forms if form.instance.pk}
        if not kept and not self.get_queryset().exclude(pk__in=sent).exists():
            raise ValidationError("A published article needs at least one section.")
        valid = [form for form in kept if form.is_valid()]  # the others already say what is wrong
        links = content_checks.Links().on_page(self.instance, [form.instance for form in valid])
        for form in valid:
            for problem in content_checks.blocking(content_checks.section_problems(form.instance, links)):
                form.add_error(problem.field or None, problem.message)


class RoutineStepFormSet(LabelledRowsFormSet):
    """A routine shown in a published article keeps at least one step."""

    def clean(self):
        super().clean()
        routine = self.instance
        if routine.pk is None or not Article.objects.published().filter(sections__routine=routine).exists():
            return
        kept = [
            form
            for form in self.forms
            if not self._should_delete_form(form) and (form.instance.pk or form.has_changed())
        ]
        if not kept:
            raise ValidationError("Published articles show this routine: it needs at least one step.")
