"""The editor's desk on a model's admin change page: a live preview of the unsaved form, writing
help, ordering by hand, and revisions (django-reversion) with a compare view and a restore.

A ModelAdmin takes `DeskAdmin` first and says what its page is:

- `render_preview(request, obj, related)`: the reader's page for the unsaved `obj`, whose inline
  rows are in `related` ({related name: [unsaved rows in page order]}), as an HttpResponse;
- `content_problems(obj, related)`: what its publishing checks find (`desk.checks.Problem`s);
- `compare_fields` and `compare_related`: what the compare view shows of it and its rows.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from . import diff
from .widgets import LabelledSplitDateTime


class DeskAdmin(VersionAdmin):
    change_form_template = "desk/change_form.html"
    change_list_template = None  # the admin's own: reversion's links to its whole-revision recover
    object_history_template = "desk/object_history.html"
    # What the compare view shows: the object's fields, and per related name the rows' fields.
    compare_fields = ()
    compare_related = {}
    # Fields with a length readers' tools care about: {field: target characters} (a count shows).
    target_lengths = {}

    class Media:
        css = {"all": ["desk/desk.css"]}
        js = ["desk/desk.js", "desk/labels.js"]

    # Pages

    def _url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def _url(self, view):
        return f"{self.admin_site.name}:{self._url_name(view)}"

    def get_urls(self):
        name, wrap = self._url_name, self.admin_site.admin_view
        return [
            path("preview/", wrap(self.preview_view), name=name("preview_add")),
            path("links/", wrap(self.links_view), name=name("links")),
            path("<path:object_id>/preview/", wrap(self.preview_view), name=name("preview")),
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name=name("compare"),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                wrap(self.restore_view),
                name=name("restore"),
            ),
            # Not reversion's own revision and recover pages: they put back a whole revision,
            # which may hold other pages too (an action that saved several).
            *admin.ModelAdmin.get_urls(self),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and type(field.widget) is AdminSplitDateTime:
            field.widget = LabelledSplitDateTime(str(field.label), field.widget.attrs)
        return field

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        for name, target in self.target_lengths.items():
            if name in form.base_fields:
                form.base_fields[name].widget.attrs["data-desk-target"] = target
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        preview = (
            reverse(self._url("preview"), args=[obj.pk])
            if obj is not None and obj.pk
            else reverse(self._url("preview_add"))
        )
        context["desk"] = {
            "preview_url": preview,
            "link_search_url": reverse(self._url("links")),
            "views": self.preview_views(obj),
            # When it was last saved, in milliseconds: an autosaved copy older than that is stale.
            "saved_at": int(obj.updated_at.timestamp() * 1000) if getattr(obj, "updated_at", None) else 0,
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def preview_views(self, obj):
        """Which views of the page the preview offers (a members-only page has two)."""
        return ()

    # Links to other pages, chosen by name

    def links_view(self, request):
        """{"results": [{"label", "url"}]}: pages whose name has the words typed, to link to."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()[:100]
        results = self.link_choices(request, query) if query else []
        return JsonResponse({"results": results[:20]})

    def link_choices(self, request, query):
        return []

    # The live preview

    def preview_view(self, request, object_id=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = None
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        elif not self.has_add_permission(request):
            raise PermissionDenied
        obj, related = self.unsaved(request, obj)
        problems = self.content_problems(obj, related)
        request.live_preview = True  # nothing of it is kept (the fragment tag asks)
        editor = request.user
        if request.POST.get("_desk_view") != "member":
            request.user = AnonymousUser()  # the page as a signed-out reader sees it
        try:
            response = self.render_preview(request, obj, related)
        finally:
            request.user = editor
        return JsonResponse(
            {
                "html": response.content.decode() if response is not None else "",
                "problems": [problem.as_json() for problem in problems],
            }
        )

    def unsaved(self, request, obj):
        """The object and its inline rows as the posted form has them, saved nowhere. Fields that
        do not validate keep their saved values; rows marked for deletion are left out."""
        form_class = self.get_form(request, obj, change=obj is not None)
        form = form_class(request.POST, {}, instance=obj)  # uploads are not previewed
        form.is_valid()
        obj = form.instance
        obj._desk_form = form  # what else it asked for (many-to-many choices, for instance)
        related = {}
        formsets, _ = self._create_formsets(request, obj, change=obj.pk is not None)
        for formset in formsets:
            formset.is_valid()
            rows = []
            for index, row_form in enumerate(formset.forms):
                if formset.can_delete and formset._should_delete_form(row_form):
                    continue
                if row_form.instance.pk is None and not row_form.has_changed():
                    continue
                row_form.instance.form_prefix = row_form.prefix  # where its problems are said
                rows.append((_order(row_form, index), index, row_form.instance))
            related[formset.fk.remote_field.get_accessor_name()] = [row for *_, row in sorted(rows)]
        return obj, related

    def render_preview(self, request, obj, related):
        raise NotImplementedError

    def content_problems(self, obj, related):
        return []

    # Revisions: history (reversion's), compare and restore (ours)

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        chosen = []
        for key in ("from", "to"):
            value = request.GET.get(key, "")
            if not (value.isascii() and value.isdigit()) or not versions.filter(pk=int(value)).exists():
                messages.error(request, "Choose two revisions to compare.")
                return redirect(self._url("history"), obj.pk)
            chosen.append(versions.get(pk=int(value)))
        older, newer = sorted(chosen, key=lambda version: version.revision.date_created)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": f"Compare revisions of “{obj}”",
            "older": older,
            "newer": newer,
            "older_label": _revision_label(older),
            "newer_label": _revision_label(newer),
            "changes": diff.compare(older, newer, self.compare_fields, self.compare_related, self.model),
        }
        return TemplateResponse(request, "desk/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_object(obj), pk=version_id)
        label = _revision_label(version)
        try:
            restored = diff.restore(version, list(self.compare_related), request.user, label)
        except RevertError:
            # It names something deleted since (a routine, say), which cannot come back with it.
            messages.error(
                request, f"The revision of {label} names something deleted since: it cannot be restored."
            )
            return redirect(self._url("history"), obj.pk)
        self.log_change(request, restored, f"Restored the revision of {label}.")
        messages.success(request, f"Restored the revision of {label}.")
        return redirect(self._url("change"), obj.pk)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra = {"desk_versions": [], "desk_can_restore": False}
        if obj is not None:
            extra["desk_can_restore"] = self.has_change_permission(request, obj)
            versions = Version.objects.get_for_object(obj).select_related("revision__user")
            extra["desk_versions"] = [
                {"version": version, "label": _revision_label(version)} for version in versions
            ]
        return admin.ModelAdmin.history_view(self, request, object_id, {**extra, **(extra_context or {})})


def _order(form, index):
    """Where a posted row goes: its order number, then its place in the form."""
    value = form.data.get(form.add_prefix("order"), "")
    number = value.isascii() and value.isdigit() and len(value) < 10
    return (int(value), index) if number else (10**9, index)


def _revision_label(version):
    revision = version.revision
    who = revision.user.get_short_name() if revision.user else "someone"
    return f"{date_format(localtime(revision.date_created), 'j F Y, H:i:s')} by {who}"
