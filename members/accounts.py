"""Leaving with your data: what the site holds about a member, and removing all of it."""

import json
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from privacy import registry as privacy


def export_member(user, request):
    """Everything the site holds about `user`, as plain data for a JSON download: the account,
    then what the other apps registered (privacy.registry)."""

    def url(field):
        return request.build_absolute_uri(field.url) if field else None

    own = {
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
            "time_zone": user.time_zone,
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
    return {**own, **privacy.export(user, request)}


def _sessions_about(user):
    """Sessions that still name the member: signed in elsewhere, or a login (by code) never finished.

    Reads every live session once; deleting an account is rare enough for that to be fine.
    """
    emails = {e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    emails.add(user.email.lower())
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = json.dumps(session.get_decoded(), default=str).lower()
        if (
            f'"_auth_user_id": "{user.pk}"' in data
            or f'"user_pk": "{user.pk}"' in data
            or any(f'"{email}"' in data for email in emails if email)
        ):
            yield session.session_key


def delete_member(user, *, delete_comments=False):
    """Remove the member and everything that identifies them: rows, sessions and files.

    `delete_comments`: whether their comments go too, or stay as "Former member" (comments' eraser).
    """
    privacy.erase(user, delete_comments=delete_comments)
    for session in UserSession.objects.filter(user=user):
        session.end()  # signs out every other device too
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in list(_sessions_about(user)):
        store(session_key=key).delete()  # the database row and its cached copy
    with transaction.atomic():
        # Admin history about the account (their own actions cascade with the user row).
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
        ).delete()
        user.delete()  # cascades: email addresses, saved articles, admin log, user sessions
    user.delete_avatar_files()  # only once the rows are gone for good
