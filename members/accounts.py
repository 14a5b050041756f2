"""Leaving with your data: what the site holds about a member, and removing all of it."""

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.utils import timezone


def export_member(user, request):
    """Everything the site holds about `user`, as plain data for a JSON download."""

    def url(field):
        return request.build_absolute_uri(field.url) if field else None

    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "profile": {
            "display_name": user.display_name,
            "bio": user.bio,
            "notify_replies": user.notify_replies,
            "notify_moderation": user.notify_moderation,
            "avatar": url(user.avatar),
            "avatar_small": url(user.avatar_small),
        },
        "saved_articles": [
            {
                "title": saved.article.title,
                "url": request.build_absolute_uri(saved.article.get_absolute_url()),
                "saved_at": saved.saved_at.isoformat(),
            }
            for saved in user.saved.select_related("article")
        ],
        "sessions": [
            {
                "ip": s.ip,
                "user_agent": s.user_agent,
                "created_at": s.created_at.isoformat(),
                "last_seen_at": s.last_seen_at.isoformat() if s.last_seen_at else None,
            }
            for s in UserSession.objects.filter(user=user).order_by("created_at")
        ],
    }


def delete_member(user):
    """Remove the member and everything that identifies them: rows, sessions and files."""
    for session in UserSession.objects.filter(user=user):
        session.end()  # signs out every other device too
    files = [f.name for f in (user.avatar, user.avatar_small) if f]
    storage = user.avatar.storage
    with transaction.atomic():
        user.delete()  # cascades: email addresses, saved articles, admin log, user sessions
    for name in files:  # only once the rows are gone for good
        storage.delete(name)
