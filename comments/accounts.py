"""A member's comments in their download, and what becomes of them when the account goes
(registered with privacy.registry from apps.py)."""

from . import services
from .models import Comment


def export_comments(user, request):
    return {
        "comments": [
            {
                "article": comment.article.title,
                "url": request.build_absolute_uri(comment.get_absolute_url()),
                "text": comment.text,
                "status": comment.status,
                "created_at": comment.created_at.isoformat(),
                "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
                "ip_address": comment.ip_address,
            }
            for comment in Comment.objects.filter(author=user)
            .select_related("article")
            .order_by("created_at")
        ],
    }


def erase_comments(user, *, delete_comments=False, **choices):
    """Delete the member's comments, or keep them as "Former member" with every personal field
    cleared, as they chose."""
    services.forget_member(user=user, delete_comments=delete_comments)
