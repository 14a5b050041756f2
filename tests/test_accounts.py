"""Accounts, as a person uses them through the pages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.factories import UserFactory
from tests.helpers import PASSWORD, logged_in

pytestmark = pytest.mark.django_db
User = get_user_model()


def signup(client, first_name="Ada", email="ada@example.com", password=PASSWORD, follow=True):
    return client.post(
        "/accounts/signup/",
        {"first_name": first_name, "email": email, "password1": password},
        follow=follow,
    )


def login(client, email="ada@example.com", password=PASSWORD, path="/accounts/login/"):
    return client.post(path, {"login": email, "password": password}, follow=True)


def signed_in_user(client):
    return client.get("/").wsgi_request.user


def link_in(message):
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def code_in(message):
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)


def confirm(client, code):
    return client.post("/accounts/confirm-email/", {"code": code}, follow=True)


class TestSignup:
    def test_sign_up_asks_for_the_emailed_code_then_greets_by_first_name(self, client):
        response = signup(client)
        assertContains(response, "Enter the code we emailed you")
        assert not signed_in_user(client).is_authenticated
        user = User.objects.get(email="ada@example.com")
        assert user.first_name == "Ada"
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.subject == "[Limber] Please confirm your email address"
        assert message.body.startswith("Hello Ada,\n\nThank you for joining Limber.")
        assert "Someone" not in message.body and "we hope you" not in message.body
        assert "Limber: gentle stretching" in message.body
        response = confirm(client, code_in(message))
        assertContains(response, "Welcome, Ada!", count=1)  # one greeting, not one per part of the page
        assertNotContains(response, "Welcome back")
        assert EmailAddress.objects.get(email="ada@example.com").verified

    def test_a_wrong_code_is_refused_and_asked_for_again(self, client):
        signup(client)
        response = confirm(client, "AAAA-AAAA")
        assertContains(response, "Enter the code we emailed you")
        assert not signed_in_user(client).is_authenticated
        assert not EmailAddress.objects.get(email="ada@example.com").verified

    def test_wrong_codes_again_and_again_are_refused_never_a_500(self, client):
        signup(client)
        for _ in range(5):
            response = confirm(client, "AAAA-AAAA")
            assert response.status_code == 200
        assert not signed_in_user(client).is_authenticated

    def test_a_link_for_a_name_never_reaches_the_address_typed(self, client):
        """Anyone can type someone else's address at sign-up: the email greets by no link."""
        signup(client, first_name="Win cash at evil.example")
        body = mail.outbox[0].body
        assert "evil.example" not in body and body.startswith("Hello,")

    def test_the_member_is_held_until_they_confirm_their_address(self, client):
        signup(client)
        client.logout()
        cache.clear()  # some minutes later: allauth sends one confirmation per address every 3 minutes
        response = login(client)
        assert not signed_in_user(client).is_authenticated
        assertContains(response, "Enter the code we emailed you")
        response = confirm(client, code_in(mail.outbox[-1]))
        assertContains(response, "Welcome, Ada!")

    def test_with_optional_verification_sign_up_logs_in_at_once(self, client, settings):
        """`ACCOUNT_EMAIL_VERIFICATION=optional`, a documented setting, trades that for speed."""
        settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
        response = signup(client)
        assertContains(response, "Welcome, Ada!")
        assert len(mail.outbox) == 1 and "Hello Ada," in mail.outbox[0].body

    def test_a_refused_sign_up_keeps_what_was_typed(self, client):
        response = signup(client, email="not-an-email", password="short")
        assert response.status_code == 200
        assertContains(response, 'value="Ada"')
        assertContains(response, 'value="not-an-email"')
        assertContains(response, "Enter a valid email address.")
        assert not User.objects.exists()

    @pytest.mark.parametrize(
        ("password", "accepted"),
        [
            ("short1!", False),  # under 8 characters
            ("password123", False),  # a common password
            ("12345678901", False),  # all digits
            ("ein langer Satz über Hüften, Rücken und Geduld, der länger als 64 Zeichen ist 🧘", True),
            ("x" * 40 + " long passphrase with spaces and words " + "y" * 40, True),
        ],
    )
    def test_password_rules(self, client, password, accepted):
        signup(client, password=password)
        assert User.objects.filter(email="ada@example.com").exists() is accepted

    def test_email_addresses_longer_than_the_database_keeps_are_refused(self, member):
        long_email = "a" * 250 + "@example.com"
        response = Client().post(
            "/accounts/signup/", {"first_name": "Bo", "email": long_email, "password1": PASSWORD}
        )
        assertContains(response, "That email address is too long")
        assertContains(response, 'value="Bo"')
        client = logged_in()
        response = client.post("/accounts/email/", {"action_add": "", "email": long_email})
        assert response.status_code == 200
        assert not EmailAddress.objects.filter(email=long_email).exists()


class TestLogin:
    def test_log_in_with_email_and_password_and_see_the_greeting(self, client, member):
        response = login(client)
        assertContains(response, "Welcome, Ada!")
        assertContains(response, "Enter member area")
        assertContains(response, "My profile")

    def test_log_in_by_a_one_time_code_sent_by_email(self, client, member):
        response = client.post("/accounts/login/code/", {"email": "ada@example.com"}, follow=True)
        assertContains(response, 'name="code"')  # the page asking for the emailed code
        code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M).group(1)
        response = client.post("/accounts/login/code/confirm/", {"code": code}, follow=True)
        assertContains(response, "Welcome, Ada!")

    def test_log_out_is_a_post_and_get_does_not_log_out(self, client, member):
        login(client)
        client.get("/accounts/logout/")
        assert signed_in_user(client).is_authenticated
        response = client.post("/accounts/logout/", follow=True)
        assert not signed_in_user(client).is_authenticated
        assertContains(response, "Member login")

    def test_forgotten_password_reset_through_the_emailed_link(self, client, member):
        client.post("/accounts/password/reset/", {"email": "ada@example.com"})
        reset_url = link_in(mail.outbox[-1])
        form_page = client.get(reset_url, follow=True)
        new_password = "a brand new passphrase for my hips"
        client.post(
            form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset_url,
            {"password1": new_password, "password2": new_password},
        )
        client.logout()
        assertContains(login(client, password=new_password), "Welcome, Ada!")

    def test_change_password_when_signed_in(self, client, member):
        login(client)
        new_password = "another long passphrase 2026"
        response = client.post(
            "/accounts/password/change/",
            {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
            follow=True,
        )
        assert response.status_code == 200
        member.refresh_from_db()
        assert member.check_password(new_password)

    def test_every_password_field_has_a_show_toggle(self, client, member):
        toggle = 'class="password__toggle" data-password-toggle="{id}" aria-controls="{id}" hidden>Show'
        for url, ids in [("/accounts/login/", ["id_password"]), ("/accounts/signup/", ["id_password1"])]:
            for field_id in ids:
                assertContains(client.get(url), toggle.format(id=field_id))
        login(client)
        client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        for url, ids in [
            ("/accounts/password/change/", ["id_oldpassword", "id_password1", "id_password2"]),
            ("/accounts/reauthenticate/", ["id_password"]),
        ]:
            response = client.get(url)
            for field_id in ids:
                assertContains(response, toggle.format(id=field_id))


class TestEmailAddresses:
    def test_the_email_address_choices_are_one_labelled_group(self, member):
        EmailAddress.objects.create(user=member, email="ada.work@example.com")
        page = logged_in().get("/accounts/email/").content.decode()
        group = re.search(r"<fieldset[^>]*>\s*<legend>([^<]+)</legend>(.*?)</fieldset>", page, re.S)
        assert group, "the radios need a fieldset with a legend"
        assert group.group(1) == "Choose an address, then what to do with it"
        radios = re.findall(r'<input[^>]*type="radio"[^>]*>', group.group(2))
        assert len(radios) == 2
        # The add-address form is not a list of choices and stays a plain form.
        assert page.count("<fieldset") == 1


class TestRateLimits:
    @pytest.fixture(params=["locmem", "file"])
    def cache_backend(self, request, settings, tmp_path):
        """Also on the production default: a file cache that every worker process shares."""
        if request.param == "file":
            settings.CACHES = {
                **settings.CACHES,
                "default": {
                    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                    "LOCATION": str(tmp_path / "cache"),
                    "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 10},
                },
            }
        return request.param

    def test_sixth_failed_login_is_refused_even_with_the_right_password(self, client, member, cache_backend):
        for _ in range(5):
            assertContains(login(client, password="wrong password"), "are not correct")
        response = login(client)
        assertContains(response, "Too many failed login attempts")
        assert not signed_in_user(client).is_authenticated

    def test_the_admin_login_goes_through_the_same_limit(self, client, member):
        member.is_staff = True
        member.save()
        for _ in range(5):
            login(client, password="wrong password")
        response = client.post("/admin/login/?next=/admin/", {"username": "ada", "password": PASSWORD})
        assertRedirects(response, "/accounts/login/?next=%2Fadmin%2F", fetch_redirect_response=False)
        response = login(client, path="/accounts/login/?next=/admin/")
        assertContains(response, "Too many failed login attempts")
        assert client.get("/admin/").status_code == 302

    def test_other_accounts_are_not_locked_out(self, client, member):
        UserFactory(username="bo", email="bo@example.com", first_name="Bo", verified=True)
        for _ in range(5):
            login(client, password="wrong password")
        assertContains(login(Client(), email="bo@example.com"), "Welcome, Bo!")


class TestEnumeration:
    @staticmethod
    def what_a_person_sees(send, email):
        """Status, redirects, page (less the CSRF token and the typed address) and emails sent."""
        mail.outbox.clear()
        response = send(email)
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        return response.status_code, response.redirect_chain, html.replace(email, "EMAIL"), len(mail.outbox)

    def test_password_reset_looks_the_same_for_known_and_unknown_emails(self, member):
        def send(email):
            return Client().post("/accounts/password/reset/", {"email": email}, follow=True)

        known = self.what_a_person_sees(send, "ada@example.com")
        assert known == self.what_a_person_sees(send, "nobody@example.com")
        assert known[3] == 1

    def test_asking_for_a_login_code_looks_the_same_for_known_and_unknown_emails(self, member):
        def send(email):
            return Client().post("/accounts/login/code/", {"email": email}, follow=True)

        known = self.what_a_person_sees(send, "ada@example.com")
        assert known == self.what_a_person_sees(send, "nobody@example.com")
        assert known[3] == 1
        assert 'name="code"' in known[2]  # both land on the page asking for the emailed code

    def test_sign_up_looks_the_same_for_known_and_unknown_emails(self, member):
        """Under the default (confirmation by code, mandatory): the same code page, one email each."""

        def send(email):
            return signup(Client(), email=email)

        known = self.what_a_person_sees(send, "ada@example.com")
        assert known == self.what_a_person_sees(send, "newcomer@example.com")
        assert known[3] == 1
        assert User.objects.filter(email="ada@example.com").count() == 1

    def test_sign_up_hashes_the_password_typed_for_a_taken_address_too(self, member, monkeypatch):
        """Hashing is most of a new account's time: a taken address does it all the same, so the
        time the page takes does not tell either (bench/enumeration.py measures it)."""
        from django.contrib.auth.hashers import get_hasher

        hasher, hashed = type(get_hasher()), []
        encode = hasher.encode
        monkeypatch.setattr(
            hasher,
            "encode",
            lambda self, password, salt: hashed.append(password) or encode(self, password, salt),
        )
        for email in ("newcomer@example.com", "ada@example.com"):
            hashed.clear()
            signup(Client(), email=email, password="a passphrase of mine")
            assert hashed == ["a passphrase of mine"], email

    def test_with_optional_verification_a_taken_address_never_gets_a_second_account(self, member, settings):
        """The documented trade-off of `optional`: allauth says the address is in use rather
        than let two accounts share it (which "strict" would, and login by code could then open
        the wrong one)."""
        settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
        response = signup(
            Client(), first_name="Mallory", email="ADA@example.com", password="another pass 123"
        )
        assert response.status_code == 200
        assertContains(response, "A user is already registered with this email address.")
        assertContains(response, 'value="Mallory"')
        assert User.objects.filter(email__iexact="ada@example.com").count() == 1
        assert not mail.outbox


def test_signed_out_pages_say_member_login(client):
    response = client.get("/")
    assertContains(response, "Member login")
    # The same for everyone: keep-place.js adds the page's own address as ?next= in the browser.
    assertContains(response, '<a href="/accounts/login/" data-keep-place>Log in</a>', html=True)
    assertContains(
        response,
        '<a class="button button--primary button--small" href="/accounts/signup/" data-keep-place>'
        "Sign up</a>",
        html=True,
    )
    assertNotContains(response, "Welcome,")


def test_sign_ups_can_be_closed(client, settings):
    settings.LIMBER = {**settings.LIMBER, "SIGNUP_OPEN": False}
    response = signup(client)
    assertContains(response, "Sign-ups are closed")
    assert not User.objects.exists()


def test_the_code_page_has_one_filled_confirm_button_and_a_quieter_cancel(client):
    """The step the page is for stands out: Confirm is the primary button, Cancel is not."""
    response = signup(client)
    assertContains(
        response, '<button class="button button--primary" type="submit">Confirm</button>', html=True
    )
    assertContains(
        response,
        '<button class="button button--quiet" form="logout-from-stage" type="submit">Cancel</button>',
        html=True,
    )
