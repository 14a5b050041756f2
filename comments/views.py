from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from outbox.unsubscribe import invalid_link, unsubscribe_page, unsubscribe_view
from pagecache.cache import canonical_query
from stretches import navigation
from stretches.models import Article
from web.clients import client_ip

from . import services
from .forms import CommentForm, EditCommentForm
from .models import Comment
from .threads import permalink as permalink_url
from .threads import reply_page, rows
from .tokens import comment_from_confirm_token, read_unsubscribe_token, started_token

HELD = "Thanks! Your comment is awaiting moderation. It will appear once a moderator has read it."
PUBLISHED = "Thanks! Your comment is published."
CONFIRM = "Almost there: we have emailed you a link. Your comment goes to moderation once you click it."


def _article_for(request, slug=None, **lookup):
    if slug is not None:
        lookup["slug"] = slug
    return get_object_or_404(
        Article.objects.readable_by(request.user).select_related("author", "topic"), **lookup
    )


def _form_page(request, article, form, parent=None, status=200):
    """The comment form on a page of its own: refusals, replies and readers without JavaScript."""
    return render(
        request,
        "comments/form_page.html",
        {
            "article": article,
            "form": form,
            "parent": parent,
            "started": started_token(),
            "open": services.comments_open(article),
            "guests_allowed": settings.COMMENTS["GUESTS"],
            "crumbs": navigation.within_article(article, "Have your say", request.path),
        },
        status=status,
    )


@never_cache
def form_token(request):
    """What a guest's form needs to be sent, fetched only when they start writing, so the article
    page itself stays the same for every visitor and sets no cookie."""
    return JsonResponse({"csrfmiddlewaretoken": get_token(request), "started": started_token()})


def write(request, slug, parent_pk=None):
    article = _article_for(request, slug)
    parent = None
    if parent_pk is not None:
        parent = get_object_or_404(Comment.objects.present(), pk=parent_pk, article=article)
    form = CommentForm(request.POST if request.method == "POST" else None, user=request.user)
    if not form.is_bound:
        return _form_page(request, article, form, parent)
    if form.caught_bot:  # say nothing a bot could learn from
        messages.success(request, HELD)
        return redirect(article.get_absolute_url() + "#comments")
    if not form.is_valid():
        return _form_page(request, article, form, parent)

    data = form.cleaned_data
    user = request.user if request.user.is_authenticated else None
    try:
        comment = services.post_comment(
            article=article,
            text=data["text"],
            author=user,
            guest_name=data.get("name", ""),
            guest_email=data.get("email", ""),
            notify=data.get("notify", False),
            parent=parent,
            ip=client_ip(request),
            rate_limited=True,
        )
    except services.CommentError as error:
        messages.error(request, str(error))
        status = 429 if isinstance(error, services.PostingTooFast) else 200
        return _form_page(request, article, form, parent, status=status)
    if comment.status == Comment.Status.UNCONFIRMED:
        messages.success(request, CONFIRM)
        return redirect(article.get_absolute_url() + "#comments")
    messages.success(request, PUBLISHED if comment.is_approved else HELD)
    return redirect(permalink_url(comment, request.user))


def permalink(request, pk):
    comment = get_object_or_404(Comment.objects.visible_to(request.user).select_related("article"), pk=pk)
    if not comment.article.is_live:
        raise Http404
    return redirect(permalink_url(comment, request.user))


def thread(request, pk):
    """A thread on pages of its own: the replies beyond those its article page shows."""
    root = get_object_or_404(
        Comment.objects.visible_to(request.user).filter(root__isnull=True).select_related("author"), pk=pk
    )
    article = _article_for(request, pk=root.article_id)
    page_obj, root = reply_page(root, page=request.GET.get("page"), user=request.user)
    canonical_query(request, page=page_obj.number if page_obj.number > 1 else None)
    return render(
        request,
        "comments/thread.html",
        {
            "article": article,
            "crumbs": navigation.within_article(article, "Replies", request.path),
            "root": root,
            "replies_page": page_obj,
            "rows": rows(
                [root],
                article,
                viewer=request.user if request.user.is_authenticated else None,
                member=request.user.is_authenticated,
                comments_open=services.comments_open(article),
            ),
        },
    )


def confirm(request, token):
    """The link in a guest's email. Clicking it twice is harmless."""
    days = settings.COMMENTS["UNCONFIRMED_DAYS"]
    try:
        pk = comment_from_confirm_token(token, max_age=days * 86400)
    except signing.SignatureExpired:
        return render(request, "comments/confirmed.html", {"expired": True, "days": days}, status=410)
    except signing.BadSignature:
        raise Http404 from None
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    comment = services.confirm_guest_comment(comment=comment)
    return render(request, "comments/confirmed.html", {"comment": comment})


@login_required
def edit(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk, author=request.user)
    if not services.can_edit(comment, request.user):
        minutes = settings.COMMENTS["EDIT_MINUTES"]
        messages.error(request, f"Comments can be edited for {minutes} minutes after posting.")
        return redirect(permalink_url(comment, request.user) if comment.is_approved else "members:area")
    form = EditCommentForm(request.POST if request.method == "POST" else None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        comment = services.edit_comment(comment=comment, text=form.cleaned_data["text"], editor=request.user)
        messages.success(request, PUBLISHED if comment.is_approved else HELD)
        if not Comment.objects.visible_to(request.user).filter(pk=comment.pk).exists():
            return redirect("members:area")  # held for a report, or under a held comment
        return redirect(permalink_url(comment, request.user))
    return render(request, "comments/edit.html", {"form": form, "comment": comment})


@login_required
def delete(request, pk):
    """Asks first (the link under a comment), deletes on POST."""
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk, author=request.user)
    if request.method != "POST":
        return render(request, "comments/confirm_action.html", {"comment": comment, "action": "delete"})
    article_url = comment.article.get_absolute_url()
    services.delete_comment(comment=comment, by=request.user)
    messages.success(request, "Your comment is deleted.")
    return redirect(article_url + "#comments")


@login_required
def report(request, pk):
    """Asks first (the link under a comment), reports on POST."""
    comment = get_object_or_404(
        Comment.objects.present()
        .filter(article__in=Article.objects.readable_by(request.user))
        .select_related("article"),
        pk=pk,
    )
    if request.method != "POST":
        return render(request, "comments/confirm_action.html", {"comment": comment, "action": "report"})
    try:
        services.report_comment(comment=comment, reporter=request.user)
    except services.CommentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Thank you. A moderator will take a look.")
    return redirect(comment.article.get_absolute_url() + "#comments")


@unsubscribe_view
def unsubscribe(request, token):
    """Stop one kind of comment email, for a member or a guest's address (see outbox.unsubscribe)."""
    try:
        payload = read_unsubscribe_token(token)
    except signing.BadSignature:
        return invalid_link(request, "comments/unsubscribe.html")
    kind = payload.get("k")
    if kind not in ("replies", "moderation"):
        return invalid_link(request, "comments/unsubscribe.html")

    def stop():
        if "u" in payload:
            field = "notify_replies" if kind == "replies" else "notify_moderation"
            get_user_model().objects.filter(pk=payload["u"]).update(**{field: False})
        else:
            Comment.objects.filter(guest_email__iexact=payload.get("e", ""), author__isnull=True).update(
                notify=False
            )

    return unsubscribe_page(request, "comments/unsubscribe.html", {"kind": kind}, stop)
