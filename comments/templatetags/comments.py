"""The "Have your say" section, included on article pages by `{% comment_section article %}`."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, cached_property

from pagecache import versions
from pagecache.cache import canonical_query, kept

from ..forms import CommentForm
from ..models import Comment
from ..services import comments_open
from ..text import comment_html as _comment_html
from ..threads import public_threads, rows, thread_page
from ..tokens import started_token

register = template.Library()


class Threads:
    """One page of an article's threads, loaded only if the template renders them (a cached
    section costs no query)."""

    def __init__(self, article, page, *, comments_open, user=None, member=False, count=None):
        self.article, self.page, self.user, self.member, self.count = article, page, user, member, count
        self.comments_open = comments_open

    @cached_property
    def _loaded(self):
        return thread_page(self.article, page=self.page, user=self.user, threads=self.count)

    @property
    def page_obj(self):
        return self._loaded[0]

    @cached_property
    def rows(self):
        return rows(
            self._loaded[1],
            self.article,
            viewer=self.user,
            member=self.member,
            comments_open=self.comments_open,
        )


def _public_threads(article):
    """How many threads every reader sees, kept per comments version: finding it costs no query."""
    return kept(lambda: public_threads(article), "threads", article.pk, versions.current()[versions.COMMENTS])


def _page_asked(request, threads, *, declare=True):
    """The page of threads to show: the one asked for when it exists, else the nearest that does.
    With `declare`, tell the page cache which address that is."""
    asked = request.GET.get("page", "")
    pages = max(1, -(-threads // settings.COMMENTS["PER_PAGE"]))
    number = min(max(int(asked), 1), pages) if asked.isascii() and asked.isdigit() and len(asked) < 7 else 1
    if declare:
        canonical_query(request, page=number if number > 1 else None)
    return number


def _has_comments_there(user, article):
    """Whether a member has comments of their own on the article (any status: rendering applies
    the visibility rule), kept until one of their comments changes."""

    def mine():
        return Comment.objects.filter(article=article.pk, author=user.pk).exists()

    return kept(mine, "commented", article.pk, user.pk, versions.member(user.pk))


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context, article):
    """Readers without comments of their own on the article share one rendering of its threads,
    cached per comments version (members get one with report links); a member with comments
    there gets theirs, with their pending comments and the controls on their own, cached for them
    until those or any public comment change."""
    request = context["request"]
    user = request.user
    member = user.is_authenticated
    is_open = comments_open(article)
    count = _public_threads(article)
    if member and _has_comments_there(user, article):
        # Their own comments awaiting moderation may add a page at the end.
        page = min(_page_asked(request, count + settings.COMMENTS["PER_PAGE"], declare=False), 999)
        threads = Threads(article, page, user=user, member=True, comments_open=is_open)
        viewer = f"member-{user.pk}-{versions.member(user.pk)}"
    else:
        threads = Threads(
            article, _page_asked(request, count), member=member, count=count, comments_open=is_open
        )
        viewer = "member" if member else "reader"
    return {
        "request": request,
        "user": user,
        "article": article,
        "viewer": viewer,
        "threads": threads,
        "comments_open": is_open,
        "guests_allowed": settings.COMMENTS["GUESTS"],
        "comment_form": SimpleLazyObject(lambda: CommentForm(user=user)),  # built only if shown
        "comment_url": reverse("comments:write", args=[article.slug]),
        "token_url": reverse("comments:token"),
        "started": started_token() if member else "",
    }


@register.filter
def comment_html(html):
    return _comment_html(html)
