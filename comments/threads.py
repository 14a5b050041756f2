"""Loading an article's comments for a page: a fixed number of queries however many there are."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q

from .models import Comment


def thread_page(article, *, page=None, user=None):
    """A page of top-level threads with all their replies, as a tree of `children` lists.

    Queries: the count, the page of top comments, their replies, and (for a signed-in member)
    their own comments still awaiting moderation, which only they see.
    """
    visible = Comment.objects.approved()
    if user is not None and user.is_authenticated:
        visible = Comment.objects.filter(
            Q(status=Comment.Status.APPROVED) | Q(status=Comment.Status.PENDING, author=user)
        )
    visible = visible.filter(article=article).select_related("author", "in_reply_to__author")
    paginator = Paginator(
        visible.filter(root__isnull=True).order_by("created_at", "id"), settings.COMMENTS["PER_PAGE"]
    )
    page_obj = paginator.get_page(page)
    roots = list(page_obj.object_list)
    replies = (
        list(visible.filter(root__in=[c.pk for c in roots]).order_by("created_at", "id")) if roots else []
    )
    by_parent = {}
    for comment in replies:
        by_parent.setdefault(comment.parent_id, []).append(comment)
    for comment in roots + replies:
        comment.children = by_parent.get(comment.pk, [])
    return page_obj, roots


def page_of(comment):
    """Which page of its article a comment's thread is on (for permalinks)."""
    root = comment.root or comment
    earlier = (
        Comment.objects.approved()
        .filter(article=comment.article_id, root__isnull=True)
        .filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, id__lt=root.pk))
        .count()
    )
    return earlier // settings.COMMENTS["PER_PAGE"] + 1
