from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.static import serve

from operations.health import healthz
from pages import views as page_views
from stretches import views as stretch_views

admin.site.site_header = "Limber administration"
admin.site.site_title = "Limber admin"
admin.site.index_title = "Content and moderation"
# The admin signs in through allauth: one login page, one set of rate limits.
admin.site.login = secure_admin_login(admin.site.login)


def media(request, path):
    """Uploaded files, when this process is asked to serve them (debug, or no web server in front)."""
    if not settings.SERVE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's): point them at ours."""
    return redirect(static("img/favicon.svg"))


handler400 = "pages.views.bad_request"

urlpatterns = [
    path("favicon.ico", favicon),
    path("csp-report/", page_views.csp_report, name="csp_report"),
    path("healthz", healthz, name="healthz"),
    path("", stretch_views.home, name="home"),
    path("stretches/", include("stretches.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("comments/", include("comments.urls")),
    path("media/<path:path>", media),
]
