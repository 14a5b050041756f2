"""Editorial upkeep: which articles are due for another review, and the weekly list editors get."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Article
from .models.trust import add_months

# How far ahead an article counts as "due soon".
DUE_SOON_DAYS = 30


def _checked_before(day):
    """Articles last checked (reviewed, or else published) on or before `day`."""
    return Q(reviewed_on__lte=day) | Q(reviewed_on__isnull=True, published_at__date__lte=day)


def due(today=None, ahead=DUE_SOON_DAYS):
    """Published articles whose next review falls on or before `ahead` days from `today`, the most
    overdue first."""
    today = today or timezone.localdate()
    cutoff = add_months(today + datetime.timedelta(days=ahead), -settings.LIMBER["REVIEW_INTERVAL_MONTHS"])
    last_checked = Coalesce("reviewed_on", TruncDate("published_at"))
    return (
        Article.objects.published()
        .filter(_checked_before(cutoff))
        .select_related("topic", "reviewed_by")
        .order_by(last_checked, "id")
    )


def editors():
    """Who hears about reviews: the Editors group's active members with an address."""
    return get_user_model().objects.filter(groups__name="Editors", is_active=True).exclude(email="")


def send_digest(today=None):
    """Email the editors the list of articles due for review; nothing when none is. Returns how
    many articles were listed."""
    today = today or timezone.localdate()
    articles = list(due(today))
    recipients = list(editors().values_list("email", flat=True))
    if not articles or not recipients:
        return 0
    context = {"articles": articles, "today": today, "site_url": settings.LIMBER["SITE_URL"]}
    plural = "s" if len(articles) != 1 else ""
    subject = settings.LIMBER["EMAIL_SUBJECT_PREFIX"] + f"{len(articles)} article{plural} due for review"
    body = render_to_string("stretches/email/review_digest.txt", context)
    send_mail(subject, body, None, recipients)
    return len(articles)
