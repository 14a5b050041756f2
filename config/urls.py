from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from stretches import views as stretch_views

admin.site.site_header = "Limber administration"
admin.site.site_title = "Limber admin"
admin.site.index_title = "Content and moderation"

urlpatterns = [
    path("", stretch_views.home, name="home"),
    path("stretches/", include("stretches.urls")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
