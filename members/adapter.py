import datetime

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from web.clients import client_ip
from web.templatetags.limber import greeting

NEW_MEMBER = datetime.timedelta(hours=1)  # joined this recently: greeted as new
MAX_EMAIL_LENGTH = 254  # what the database columns hold (and what mail servers accept)


def user_display(user):
    """How allauth's pages and emails name a member: the name they gave (never an invented
    username), and in emails, which go to whatever address was typed, never a link."""
    return greeting(user.public_name) or "a new member"


def local_path(url):
    """Whether `url` is a path on this site (it may have a query and a #fragment)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return False
    if any(ord(char) < 32 or ord(char) == 127 for char in url):  # tabs and newlines are dropped by browsers
        return False
    return url_has_allowed_host_and_scheme(url, allowed_hosts=None)


class AccountAdapter(DefaultAccountAdapter):
    """Limber's account rules on top of allauth's."""

    def is_open_for_signup(self, request):
        """Sign-ups can be closed (say, during a spam wave) with LIMBER_SIGNUP_OPEN=0."""
        return settings.LIMBER["SIGNUP_OPEN"]

    def clean_email(self, email):
        """Refuse addresses longer than the database can keep, rather than cutting them short."""
        if len(email) > MAX_EMAIL_LENGTH:
            raise forms.ValidationError(
                f"That email address is too long (at most {MAX_EMAIL_LENGTH} characters)."
            )
        return super().clean_email(email)

    def send_account_already_exists_mail(self, email):
        """A sign-up for an address that has an account sends this instead of a code, and saves
        nothing: hash the password typed all the same, as a new account's sign-up does, so that
        how long the page takes does not tell that the address is taken."""
        password = self.request.POST.get("password1") if self.request is not None else None
        if password:
            make_password(password)
        super().send_account_already_exists_mail(email)

    def get_client_ip(self, request):
        """The reader's address, for rate limits and signed-in devices: behind the operator's own
        proxies only (LIMBER_TRUSTED_PROXIES), never from a header a client made up."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def add_message(
        self, request, level, message_template=None, message_context=None, extra_tags="", **kwargs
    ):
        """The greeting after logging in says "Welcome" to a member who has just joined, and
        "Welcome back" to everyone else. (allauth also calls this with a ready `message=`.)"""
        if message_template and message_template.endswith("logged_in.txt"):
            user = (message_context or {}).get("user") or request.user
            joined = getattr(user, "date_joined", None)
            new = joined is not None and timezone.now() - joined < NEW_MEMBER
            message_context = {**(message_context or {}), "new_member": new}
        super().add_message(request, level, message_template, message_context, extra_tags, **kwargs)

    def is_safe_url(self, url):
        """A `next` is a path on this site, nothing else: not another host, not `//host` or
        `/\\host` (which browsers read as another host), not a scheme such as `javascript:`."""
        return local_path(url) and super().is_safe_url(url)

    def get_login_redirect_url(self, request):
        """Staff land in the admin, members in the member area (a ?next= always wins)."""
        if request.user.is_staff:
            return reverse("admin:index")
        return super().get_login_redirect_url(request)
