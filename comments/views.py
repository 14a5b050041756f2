from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from stretches.caching import COMMENTS, cached_fragment, current_versions, fragment_key
from stretches.models import Article

from . import services
from .forms import CommentForm, EditCommentForm
from .models import Comment
from .render import ThreadRenderer
from .threads import page_of, replies_before, reply_page, thread_page
from .tokens import comment_from_confirm_token, read_unsubscribe_token, seconds_since_started, started_token

HELD = "Thanks! Your comment is awaiting moderation. It will appear once a moderator has read it."
PUBLISHED = "Thanks! Your comment is published."
CONFIRM = "Almost there: we have emailed you a link. Your comment goes to moderation once you click it."
TRY_AGAIN = "Please check your comment and press Post again."


def client_ip(request):
    """The reader's address, trusting proxies exactly as allauth's rate limits do."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # allauth's word for "no usable address": treat it as unknown
        return None


def comments_section(request, article):
    """The "Have your say" section, as HTML.

    Signed-out readers all see the same section (no CSRF token, no timestamp: their form fetches
    those when they start writing), so it is cached per comments version, article and page.
    Members see their own pending comments and their own controls, rendered for them.
    """
    if request.user.is_authenticated:
        return _render_section(request, article)
    page = request.GET.get("page", "1")
    page = page if page.isdigit() and len(page) <= 5 else "1"
    key = fragment_key("comments", article.pk, page, request.get_host(), current_versions()[COMMENTS])
    return cached_fragment(key, lambda: _render_section(request, article))


def _render_section(request, article):
    return render_to_string("comments/_section.html", comments_context(request, article), request)


def comments_context(request, article):
    """What the "Have your say" section of an article page needs."""
    page_obj, threads = thread_page(article, page=request.GET.get("page"), user=request.user)
    member = request.user.is_authenticated
    comments_open = services.comments_open(article)
    return {
        "threads": threads,
        "threads_html": ThreadRenderer(request, article, comments_open=comments_open).render(threads),
        "comments_page": page_obj,
        "comments_open": comments_open,
        "guests_allowed": settings.COMMENTS["GUESTS"],
        "comment_form": CommentForm(user=request.user),
        "comment_url": reverse("comments:write", args=[article.slug]),
        "started": started_token() if member else "",
    }


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
        parent = get_object_or_404(
            Comment.objects.visible().filter(removed=False), pk=parent_pk, article=article
        )
    if request.method != "POST":
        return _form_page(request, article, CommentForm(user=request.user), parent)

    form = CommentForm(request.POST, user=request.user)
    if request.POST.get("website"):  # the honeypot: say nothing a bot could learn from
        messages.success(request, HELD)
        return redirect(article.get_absolute_url() + "#comments")
    waited = seconds_since_started(request.POST.get("started"))
    if not form.is_valid():
        return _form_page(request, article, form, parent)
    if waited is None or waited < settings.COMMENTS["MIN_FILL_SECONDS"]:
        messages.info(request, TRY_AGAIN)
        return _form_page(request, article, form, parent)

    user = request.user if request.user.is_authenticated else None
    ip = client_ip(request)
    if not services.take_posting_slot(key=f"user:{user.pk}" if user else f"ip:{ip}"):
        messages.error(
            request, "You are posting very quickly. Please wait a few seconds, then press Post again."
        )
        return _form_page(request, article, form, parent, status=429)

    data = form.cleaned_data
    try:
        comment = services.post_comment(
            article=article,
            text=data["text"],
            author=user,
            guest_name=data.get("name", ""),
            guest_email=data.get("email", ""),
            notify=data.get("notify", False),
            parent=parent,
            ip=ip,
        )
    except services.CommentError as error:
        messages.error(request, str(error))
        return _form_page(request, article, form, parent)
    if comment.status == Comment.Status.UNCONFIRMED:
        messages.success(request, CONFIRM)
        return redirect(article.get_absolute_url() + "#comments")
    messages.success(request, PUBLISHED if comment.status == Comment.Status.APPROVED else HELD)
    return redirect(_permalink(comment, request.user))


def _permalink(comment, user):
    """Where a comment is shown to this reader: its article's page of threads, or for a reply
    beyond the first few of its thread, the thread's own page."""
    url, page = comment.article.get_absolute_url(), None
    if comment.root_id:
        earlier = replies_before(comment, user)
        if earlier >= settings.COMMENTS["REPLIES_SHOWN"]:
            url = reverse("comments:thread", args=[comment.root_id])
            page = earlier // settings.COMMENTS["REPLIES_PER_PAGE"] + 1
    page = page or page_of(comment, user)
    return f"{url}{f'?page={page}' if page > 1 else ''}#{comment.anchor}"


def permalink(request, pk):
    comment = get_object_or_404(Comment.objects.visible(request.user).select_related("article"), pk=pk)
    if not comment.article.is_public:
        raise Http404
    return redirect(_permalink(comment, request.user))


def thread(request, pk):
    """A thread on pages of its own: the replies beyond those its article page shows."""
    root = get_object_or_404(
        Comment.objects.visible(request.user).filter(root__isnull=True).select_related("author"), pk=pk
    )
    article = _article_for(request, pk=root.article_id)
    page_obj, root = reply_page(root, page=request.GET.get("page"), user=request.user)
    renderer = ThreadRenderer(request, article, comments_open=services.comments_open(article))
    return render(
        request,
        "comments/thread.html",
        {"article": article, "root": root, "replies_page": page_obj, "thread_html": renderer.render([root])},
    )


def confirm(request, token):
    """The link in a guest's email. Clicking it twice is harmless."""
    try:
        pk = comment_from_confirm_token(token, max_age=settings.COMMENTS["UNCONFIRMED_DAYS"] * 86400)
    except signing.SignatureExpired:
        return render(request, "comments/confirmed.html", {"expired": True}, status=410)
    except signing.BadSignature:
        raise Http404 from None
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    comment = services.confirm_guest_comment(comment=comment)
    return render(request, "comments/confirmed.html", {"comment": comment})


@login_required
def edit(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk, author=request.user)
    if not services.can_edit(comment, request.user):
        messages.error(request, "Comments can be edited for 15 minutes after posting.")
        approved = comment.status == Comment.Status.APPROVED
        return redirect(_permalink(comment, request.user) if approved else "members:area")
    form = EditCommentForm(request.POST if request.method == "POST" else None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        comment = services.edit_comment(comment=comment, text=form.cleaned_data["text"], editor=request.user)
        messages.success(request, PUBLISHED if comment.status == Comment.Status.APPROVED else HELD)
        if not Comment.objects.visible(request.user).filter(pk=comment.pk).exists():
            return redirect("members:area")  # held for a report, or under a held comment
        return redirect(_permalink(comment, request.user))
    return render(request, "comments/edit.html", {"form": form, "comment": comment})


@require_POST
@login_required
def delete(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk, author=request.user)
    article_url = comment.article.get_absolute_url()
    services.delete_comment(comment=comment, by=request.user)
    messages.success(request, "Your comment is deleted.")
    return redirect(
        request.POST.get("next") == "area" and reverse("members:area") or article_url + "#comments"
    )


@require_POST
@login_required
def report(request, pk):
    comment = get_object_or_404(
        Comment.objects.visible().filter(removed=False).select_related("article"), pk=pk
    )
    try:
        services.report_comment(comment=comment, reporter=request.user)
    except services.CommentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Thank you. A moderator will take a look.")
    return redirect(comment.article.get_absolute_url() + "#comments")


@csrf_exempt  # mail clients send a one-click POST with no CSRF token; the signed token is the key
def unsubscribe(request, token):
    """One click, no login: stop one kind of email. Works any number of times."""
    try:
        payload = read_unsubscribe_token(token)
    except signing.BadSignature:
        raise Http404 from None
    kind = payload.get("k")
    if kind not in ("replies", "moderation"):
        raise Http404
    if "u" in payload:
        field = "notify_replies" if kind == "replies" else "notify_moderation"
        get_user_model().objects.filter(pk=payload["u"]).update(**{field: False})
    else:
        Comment.objects.filter(guest_email__iexact=payload.get("e", ""), author__isnull=True).update(
            notify=False
        )
    return render(request, "comments/unsubscribed.html", {"kind": kind})
