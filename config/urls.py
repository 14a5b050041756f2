from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.views.static import serve

from operations.health import healthz
from pagecache.cache import shared_page
from stretches import routine_pages
from stretches import views as stretch_views
from stretches.sitemaps import sitemap
from web import views as page_views

admin.site.site_header = "Limber administration"
admin.site.site_title = "Limber admin"
admin.site.index_title = "Content and moderation"
# The admin signs in through allauth: one login page, one set of rate limits.
admin.site.login = secure_admin_login(admin.site.login)


# Uploads never change under their name (a new picture gets a new one, and so do its variants):
# browsers and proxies may keep them for a year without asking again.
MEDIA_CACHE_CONTROL = "public, max-age=31536000, immutable"


def media(request, path):
    """Uploaded files, when this process is asked to serve them (debug, or no web server in front)."""
    if not settings.SERVE_MEDIA:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = MEDIA_CACHE_CONTROL
    return response


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's): point them at ours."""
    return redirect(static("img/favicon.svg"))


@shared_page
def robots_txt(request):
    """What crawlers may visit, and where the sitemap is (on the public address, not the Host)."""
    sitemap_url = settings.LIMBER["SITE_URL"] + reverse("sitemap")
    text = render_to_string("robots.txt", {"sitemap_url": sitemap_url})
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


handler400 = "web.views.bad_request"

urlpatterns = [
    path("favicon.ico", favicon),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("csp-report/", page_views.csp_report, name="csp_report"),
    path("healthz", healthz, name="healthz"),
    path("sw.js", routine_pages.service_worker, name="service_worker"),
    path("manifest.webmanifest", routine_pages.web_manifest, name="web_manifest"),
    path("", stretch_views.home, name="home"),
    path("stretches/", include("stretches.urls")),
    path("authors/", include("stretches.authors")),
    path("search/", include("search.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("practice/", include("practice.urls")),
    path("comments/", include("comments.urls")),
    path("media/<path:path>", media),
]
