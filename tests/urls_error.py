"""The site's URLs plus one view that fails, to see the real 500 handler at work."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a bug")


def broken_differently(request):
    raise KeyError("another bug")


urlpatterns = [
    *site_urlpatterns,
    path("broken/", broken),
    path("broken-differently/", broken_differently),
    path("broken/<slug:slug>/", broken),
]
