"""Author pages: who writes and reviews Limber's articles, and what they wrote."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import path

from pagecache.cache import shared_page

from . import navigation
from .models import Article, AuthorProfile

app_name = "authors"


@shared_page
def detail(request, slug):
    profile = get_object_or_404(AuthorProfile.objects.select_related("user"), slug=slug)
    live = Article.objects.live().for_cards()
    written = live.filter(author=profile.user_id)
    reviewed = live.filter(Q(reviewed_by=profile.user_id) & ~Q(author=profile.user_id))
    context = {
        "profile": profile,
        "written": written,
        "reviewed": reviewed,
        "crumbs": navigation.of_author(profile),
    }
    return render(request, "stretches/author_detail.html", context)


urlpatterns = [path("<slug:slug>/", detail, name="detail")]
