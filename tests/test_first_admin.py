"""The operator's first admin: made on the server, able to sign in before mail is set up."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db


def test_createsuperuser_makes_an_admin_with_a_confirmed_address(client, monkeypatch):
    """`createsuperuser` confirms the address it is given, so the admin signs in without a code."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", username="olga", email="olga@example.com", verbosity=0)
    user = get_user_model().objects.get(username="olga")
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("olga@example.com", True, True)

    response = client.post(
        "/accounts/login/", {"login": "olga@example.com", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.wsgi_request.user == user
    assert mail.outbox == []  # no code was needed
    assert client.get("/admin/").status_code == 200
