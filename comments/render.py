"""A page of comment threads as HTML, built in Python.

Comments are the one part of a page repeated hundreds of times; a template include per comment
cost about 1.7 ms each, this costs a few dozen microseconds. Everything a commenter typed goes
through format_html (escaped) or the comment_html allowlist.
"""

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .text import comment_html

MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
PLACEHOLDER = 987654321  # stands for a comment id in URLs reversed once per page


def _when(moment):
    local = timezone.localtime(moment)
    return f"{local.day} {MONTHS[local.month]} {local.year}, {local:%H:%M}"


class ThreadRenderer:
    """Renders one page of threads for one viewer (signed out: no personal controls at all)."""

    def __init__(self, request, article, *, comments_open):
        self.article = article
        self.user = request.user if request.user.is_authenticated else None
        self.comments_open = comments_open
        self.urls = {
            name: reverse(f"comments:{name}", args=args)
            for name, args in (
                ("reply", [article.slug, PLACEHOLDER]),
                ("edit", [PLACEHOLDER]),
                ("delete", [PLACEHOLDER]),
                ("report", [PLACEHOLDER]),
                ("permalink", [PLACEHOLDER]),
                ("thread", [PLACEHOLDER]),
            )
        }
        self.csrf = (
            format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
            if self.user
            else ""
        )

    def url(self, name, comment):
        return self.urls[name].replace(str(PLACEHOLDER), str(comment.pk))

    def render(self, threads):
        return format_html('<ol class="comments__list">{}</ol>', self._items(threads))

    def _items(self, comments):
        return mark_safe("".join(self._comment(c) for c in comments))  # noqa: S308 - each item is built by format_html

    def _comment(self, c):
        author = c.author
        if author is not None and author.avatar_small:
            avatar = format_html(
                '<img src="{}" width="48" height="48" alt="" class="avatar avatar--small" loading="lazy">',
                author.avatar_small.url,
            )
        else:
            avatar = format_html(
                '<span class="avatar avatar--small avatar--empty" aria-hidden="true">{}</span>',
                c.name[:1].upper(),
            )
        badges = ""
        if author is not None and author.is_staff:
            badges += ' <span class="badge badge--moderator">Moderator</span>'
        if c.author_id and c.author_id == self.article.author_id:
            badges += ' <span class="badge">Author</span>'
        extras = []
        answered = c.in_reply_to if c.in_reply_to_id and c.in_reply_to_id != c.parent_id else None
        if getattr(c, "orphan", False):  # what it answers is on an earlier page: link to it
            answered = answered or c.parent
            extras.append(
                format_html(
                    '<p class="comment__meta">In reply to <a href="{}">{}</a></p>',
                    self.url("permalink", answered),
                    answered.name,
                )
            )
        elif answered is not None:
            extras.append(format_html('<p class="comment__meta">In reply to {}</p>', answered.name))
        if c.status == "pending":
            extras.append(
                mark_safe(  # noqa: S308 - fixed text
                    '<p class="comment__pending">Awaiting moderation: only you can see this until a '
                    "moderator approves it.</p>"
                )
            )
        if c.removed:
            extras.append(mark_safe('<p class="muted">This comment was deleted by its author.</p>'))  # noqa: S308
        else:
            extras.append(format_html('<div class="comment__text">{}</div>', comment_html(c.text_html)))
        children = (
            format_html('<ol class="comments__replies">{}</ol>', self._items(c.children))
            if c.children
            else ""
        )
        if getattr(c, "reply_total", 0):  # set only on a thread with more replies than shown
            children += format_html(
                '<p class="comments__more"><a href="{}">See all {} replies</a></p>',
                self.url("thread", c),
                c.reply_total,
            )
        return format_html(
            '<li class="comment{}" id="{}"><article class="comment__body" aria-labelledby="{}-by">'
            '<header class="comment__header">{}<div>'
            '<p class="comment__by" id="{}-by"><strong>{}</strong>{}</p>'
            '<p class="comment__meta"><a href="#{}"><time datetime="{}">{}</time></a>{}</p></div></header>'
            "{}{}</article>{}</li>",
            " comment--pending" if c.status == "pending" else "",
            c.anchor,
            c.anchor,
            avatar,
            c.anchor,
            c.name,
            mark_safe(badges),  # noqa: S308 - fixed text
            c.anchor,
            c.created_at.isoformat(),
            _when(c.created_at),
            " · edited" if c.edited_at else "",
            format_html_join("", "{}", ((e,) for e in extras)),
            self._actions(c),
            children,
        )

    def _actions(self, c):
        if c.removed or c.status not in ("approved", "pending"):
            return ""
        links = []
        if c.status == "approved" and self.comments_open:
            links.append(
                format_html(
                    '<a href="{}">Reply<span class="visually-hidden"> to {}</span></a>',
                    self.url("reply", c),
                    c.name,
                )
            )
        if self.user is not None:
            if c.author_id == self.user.pk:
                links.append(format_html('<a href="{}">Edit</a>', self.url("edit", c)))
                links.append(self._button("delete", c, "Delete"))
            elif c.status == "approved":
                links.append(
                    self._button("report", c, 'Report<span class="visually-hidden"> this comment</span>')
                )
        if not links:
            return ""
        return format_html('<footer class="comment__actions">{}</footer>', mark_safe(" ".join(links)))  # noqa: S308

    def _button(self, name, c, label):
        return format_html(
            '<form method="post" action="{}">{}<button type="submit" class="link-button">{}</button></form>',
            self.url(name, c),
            self.csrf,
            mark_safe(label),  # noqa: S308 - fixed text
        )
