"""Loading comments for a page: a fixed number of queries however many there are."""

from collections import Counter

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from .models import Comment


def thread_page(article, *, page=None, user=None):
    """A page of top-level threads, each with its first replies, as a tree of `children` lists.

    Two queries whatever the number of comments: how many threads there are (for the page
    links), and the page's top comments together with the first REPLIES_SHOWN replies of each,
    in time order (a window function picks them, in a subquery). A reply always comes after
    its parent, so those first replies are never cut off from theirs. A thread with more gets
    `reply_total` on its top comment, from one more query made only then; the rest of it is on
    the thread's own pages (`reply_page`). A signed-in member also sees
    their own comments still awaiting moderation.
    """
    visible = Comment.objects.visible(user).filter(article=article)
    per_page = settings.COMMENTS["PER_PAGE"]
    shown = settings.COMMENTS["REPLIES_SHOWN"]
    roots = visible.filter(root__isnull=True).order_by("created_at", "id")
    page_obj = Paginator(roots, per_page).get_page(page)
    start = (page_obj.number - 1) * per_page
    on_page = roots.values("pk")[start : start + per_page]
    first_replies = (
        visible.filter(root__in=on_page)
        .annotate(nth=Window(RowNumber(), partition_by=[F("root")], order_by=[F("created_at"), F("id")]))
        .filter(nth__lte=shown + 1)  # one more than shown tells whether there are more
        .values("pk")
    )
    comments = list(
        visible.filter(Q(pk__in=on_page) | Q(pk__in=first_replies))
        .select_related("author", "in_reply_to__author")
        .order_by("created_at", "id")
    )
    by_pk = {comment.pk: comment for comment in comments}
    loaded = Counter()
    for comment in comments:
        comment.children = []
    for comment in comments:
        if comment.root_id:
            loaded[comment.root_id] += 1
            parent = by_pk.get(comment.parent_id)
            # The parent is always there (visible() shows no reply without it); the one reply
            # past those shown only tells that the thread goes on.
            if parent is not None and loaded[comment.root_id] <= shown:
                parent.children.append(comment)
    long_threads = [root for root, count in loaded.items() if count > shown]
    if long_threads:
        totals = visible.filter(root__in=long_threads).values("root").annotate(total=Count("pk"))
        for row in totals.order_by():
            by_pk[row["root"]].reply_total = row["total"]
    return page_obj, [c for c in comments if c.root_id is None]


def reply_page(root, *, page=None, user=None):
    """One page of a thread's replies, oldest first, hung under its top comment.

    A reply whose parent is on an earlier page joins the top level of this one, marked
    `orphan` so the page can say (and link to) what it answers.
    """
    replies = (
        Comment.objects.visible(user)
        .filter(root=root)
        .select_related("author", "parent__author", "in_reply_to__author")
        .order_by("created_at", "id")
    )
    page_obj = Paginator(replies, settings.COMMENTS["REPLIES_PER_PAGE"]).get_page(page)
    comments = list(page_obj.object_list)
    root.children = []
    by_pk = {root.pk: root}
    for comment in comments:
        comment.children = []
        by_pk[comment.pk] = comment
    for comment in comments:
        parent = by_pk.get(comment.parent_id)
        if parent is None:  # visible() shows no reply without its parent, so it is on a page before
            comment.orphan = True
            parent = root
        parent.children.append(comment)
    return page_obj, root


def page_of(comment, user=None):
    """Which page of its article a comment's thread is on (for permalinks)."""
    root = comment.root or comment
    earlier = (
        Comment.objects.visible(user)
        .filter(article=comment.article_id, root__isnull=True)
        .filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, id__lt=root.pk))
        .count()
    )
    return earlier // settings.COMMENTS["PER_PAGE"] + 1


def replies_before(comment, user=None):
    """How many replies of its thread come before a reply (for permalinks)."""
    return (
        Comment.objects.visible(user)
        .filter(root=comment.root_id)
        .filter(Q(created_at__lt=comment.created_at) | Q(created_at=comment.created_at, id__lt=comment.pk))
        .count()
    )
