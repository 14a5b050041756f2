from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """Limber's account rules on top of allauth's."""

    def is_open_for_signup(self, request):
        """Sign-ups can be closed (say, during a spam wave) with LIMBER_SIGNUP_OPEN=0."""
        return settings.LIMBER["SIGNUP_OPEN"]

    def get_login_redirect_url(self, request):
        """Staff land in the admin, members in the member area (a ?next= always wins)."""
        if request.user.is_staff:
            return "/admin/"
        return super().get_login_redirect_url(request)
