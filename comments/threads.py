"""Loading an article's comments for a page: a fixed number of queries however many there are."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q

from .models import Comment


def thread_page(article, *, page=None, user=None):
    """A page of top-level threads with all their replies, as a tree of `children` lists.

    Two queries whatever the number of comments: how many threads there are (for the page
    links), and the page's top comments together with their replies. A signed-in member also
    sees their own comments still awaiting moderation.
    """
    visible = Comment.objects.visible(user).filter(article=article)
    per_page = settings.COMMENTS["PER_PAGE"]
    roots = visible.filter(root__isnull=True).order_by("created_at", "id")
    page_obj = Paginator(roots, per_page).get_page(page)
    start = (page_obj.number - 1) * per_page
    on_page = roots.values("pk")[start : start + per_page]
    comments = list(
        visible.filter(Q(pk__in=on_page) | Q(root__in=on_page))
        .select_related("author", "in_reply_to__author")
        .order_by("created_at", "id")
    )
    by_parent = {}
    for comment in comments:
        comment.children = []
        if comment.root_id:
            by_parent.setdefault(comment.parent_id, []).append(comment)
    for comment in comments:
        comment.children = by_parent.get(comment.pk, [])
    return page_obj, [c for c in comments if c.root_id is None]


def page_of(comment):
    """Which page of its article a comment's thread is on (for permalinks)."""
    root = comment.root or comment
    earlier = (
        Comment.objects.visible()
        .filter(article=comment.article_id, root__isnull=True)
        .filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, id__lt=root.pk))
        .count()
    )
    return earlier // settings.COMMENTS["PER_PAGE"] + 1
