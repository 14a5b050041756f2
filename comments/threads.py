"""Loading comments for a page: a fixed number of queries however many there are, prepared as
the flat list of rows the thread template loops over."""

from collections import Counter

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from .models import Comment


def thread_page(article, *, page=None, user=None, threads=None):
    """A page of top-level threads, each with its first replies, as a tree of `children` lists.

    Two queries whatever the number of comments: how many threads there are (for the page
    links), and the page's top comments together with the first REPLIES_SHOWN replies of each,
    in time order (a window function picks them, in a subquery). A reply always comes after
    its parent, so those first replies are never cut off from theirs. A thread with more gets
    `reply_total` on its top comment, from one more query made only then; the rest of it is on
    the thread's own pages (`reply_page`). A signed-in member also sees their own comments still
    awaiting moderation. `threads`, if known already, is how many threads there are.
    """
    visible = Comment.objects.visible_to(user).filter(article=article)
    per_page = settings.COMMENTS["PER_PAGE"]
    shown = settings.COMMENTS["REPLIES_SHOWN"]
    roots = visible.filter(root__isnull=True).order_by("created_at", "id")
    paginator = Paginator(roots, per_page)
    if threads is not None:
        paginator.count = threads
    page_obj = paginator.get_page(page)
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
            # The parent is always there (visible_to() shows no reply without it); the one reply
            # past those shown only tells that the thread goes on.
            if parent is not None and loaded[comment.root_id] <= shown:
                parent.children.append(comment)
    long_threads = [root for root, count in loaded.items() if count > shown]
    if long_threads:
        totals = visible.filter(root__in=long_threads).values("root").annotate(total=Count("pk"))
        for row in totals.order_by():
            by_pk[row["root"]].reply_total = row["total"]
    return page_obj, [c for c in comments if c.root_id is None]


def public_threads(article):
    """How many threads every reader sees."""
    return Comment.objects.public().filter(article=article, root__isnull=True).count()


def reply_page(root, *, page=None, user=None):
    """One page of a thread's replies, oldest first, hung under its top comment.

    A reply whose parent is on an earlier page joins the top level of this one, marked
    `orphan` so the page can say (and link to) what it answers.
    """
    replies = (
        Comment.objects.visible_to(user)
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
        if parent is None:  # visible_to() shows no reply without its parent: it is on a page before
            comment.orphan = True
            parent = root
        parent.children.append(comment)
    return page_obj, root


class _Urls:
    """Comment addresses, each reversed once per page and filled in per comment."""

    PLACEHOLDER = 987654321

    def __init__(self, article):
        self.patterns = {
            name: reverse(f"comments:{name}", args=args)
            for name, args in (
                ("reply", [article.slug, self.PLACEHOLDER]),
                ("edit", [self.PLACEHOLDER]),
                ("delete", [self.PLACEHOLDER]),
                ("report", [self.PLACEHOLDER]),
                ("permalink", [self.PLACEHOLDER]),
                ("thread", [self.PLACEHOLDER]),
            )
        }

    def __call__(self, name, comment):
        return self.patterns[name].replace(str(self.PLACEHOLDER), str(comment.pk))


def rows(threads, article, *, viewer=None, member=False, comments_open=True):
    """The comments of `threads` in reading order, one row each, with what the template shows.

    `viewer` (a member whose own comments get edit and delete links) or `member` (any signed-in
    reader: report links) decide the controls. `closes` lists the comments whose replies end with
    a row, innermost first, so that one flat loop can write the nested lists."""
    urls = _Urls(article)
    flat = []

    def walk(comment):
        author = comment.author
        comment.urls = {name: urls(name, comment) for name in urls.patterns}
        comment.by = comment.name
        comment.avatar_url = author.avatar_small.url if author is not None and author.avatar_small else ""
        comment.moderator = author is not None and author.is_staff
        comment.article_author = bool(comment.author_id) and comment.author_id == article.author_id
        answered = comment.in_reply_to if comment.in_reply_to_id not in (None, comment.parent_id) else None
        comment.answered_url = ""
        if getattr(comment, "orphan", False):  # what it answers is on an earlier page: link to it
            answered = answered or comment.parent
            comment.answered_url = urls("permalink", answered)
        comment.answered_by = answered.name if answered is not None else ""
        shown = not comment.removed
        comment.can_reply = shown and comment.is_approved and comments_open
        comment.own = shown and viewer is not None and comment.author_id == viewer.pk
        comment.can_report = shown and member and comment.is_approved and not comment.own
        comment.closes = []
        flat.append(comment)
        for child in comment.children:
            walk(child)
        if comment.children:
            flat[-1].closes.append(comment)

    for thread in threads:
        walk(thread)
    return flat


def page_of(comment, user=None):
    """Which page of its article a comment's thread is on (for permalinks)."""
    root = comment.root or comment
    earlier = (
        Comment.objects.visible_to(user)
        .filter(article=comment.article_id, root__isnull=True)
        .filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, id__lt=root.pk))
        .count()
    )
    return earlier // settings.COMMENTS["PER_PAGE"] + 1


def replies_before(comment, user=None):
    """How many replies of its thread come before a reply (for permalinks)."""
    return (
        Comment.objects.visible_to(user)
        .filter(root=comment.root_id)
        .filter(Q(created_at__lt=comment.created_at) | Q(created_at=comment.created_at, id__lt=comment.pk))
        .count()
    )


def permalink(comment, user=None):
    """Where a comment is shown to `user`: its article's page of threads, or for a reply beyond
    the first few of its thread, the thread's own page."""
    url, page = comment.article.get_absolute_url(), None
    if comment.root_id:
        earlier = replies_before(comment, user)
        if earlier >= settings.COMMENTS["REPLIES_SHOWN"]:
            url = reverse("comments:thread", args=[comment.root_id])
            page = earlier // settings.COMMENTS["REPLIES_PER_PAGE"] + 1
    page = page or page_of(comment, user)
    return f"{url}{f'?page={page}' if page > 1 else ''}#{comment.anchor}"
