"""Member pages and forms a review found wanting, kept right."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import ArticleFactory, RoutineFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def member():
    user = UserFactory(username="ada", email="ada@example.com", first_name="Ada")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def logged_in():
    client = Client()
    assert (
        client.post("/accounts/login/", {"login": "ada@example.com", "password": PASSWORD}).status_code == 302
    )
    return client


def test_every_link_in_the_member_menu_opens(member):
    client = logged_in()
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    menu = re.search(
        r'<nav class="member-nav".*?</nav>', client.get("/members/").content.decode(), re.S
    ).group(0)
    links = re.findall(r'href="([^"]+)"', menu)
    assert len(links) == 7
    for url in links:
        assert client.get(url).status_code == 200, url


def test_email_addresses_longer_than_the_database_keeps_are_refused(member):
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


def test_stretch_pages_list_only_routines_the_reader_may_see(member):
    public = RoutineFactory(name="Public routine", steps=1)
    stretch = public.steps.first().stretch
    SectionFactory(article=ArticleFactory(), routine=public)
    for name, kwargs in [("Draft routine", {"draft": True}), ("Members routine", {"members_only": True})]:
        routine = RoutineFactory(name=name)
        routine.steps.create(stretch=stretch, order=1)
        SectionFactory(article=ArticleFactory(**kwargs), routine=routine)
    signed_out = Client().get(stretch.get_absolute_url())
    assertContains(signed_out, "Public routine")
    assertNotContains(signed_out, "Draft routine")
    assertNotContains(signed_out, "Members routine")
    signed_in = logged_in().get(stretch.get_absolute_url())
    assertContains(signed_in, "Members routine")
    assertNotContains(signed_in, "Draft routine")


def test_a_refused_profile_form_does_not_show_unsaved_values_as_saved(member):
    client = logged_in()
    response = client.post("/members/profile/", {"first_name": "Zed", "bio": "x" * 501})
    assertContains(response, "Welcome, Ada!")  # the header tells the truth
    assertContains(response, 'value="Zed"')  # the form keeps what was typed
    assertContains(response, "Ensure this value has at most 500 characters")


def test_deletion_also_removes_admin_history_and_unfinished_code_logins(member):
    LogEntry.objects.create(  # a moderator once edited this account in the admin
        user=UserFactory(is_staff=True),
        content_type=ContentType.objects.get_for_model(member),
        object_id=str(member.pk),
        object_repr=str(member),
        action_flag=CHANGE,
    )
    stranger = Client()
    stranger.post("/accounts/login/code/", {"email": "ada@example.com"})  # never finished
    assert any("ada@example.com" in str(s.get_decoded()) for s in Session.objects.all())
    client = logged_in()
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.post("/members/delete/", {"confirm": "on"})
    assert not LogEntry.objects.filter(object_id=str(member.pk), content_type__model="user").exists()
    for session in Session.objects.all():
        decoded = str(session.get_decoded())
        assert "ada@example.com" not in decoded and f"'{member.pk}'" not in decoded


HOSTILE = ["\x00", "<script>alert(1)</script>", "x" * 10000, "\u202e\u200b🧘", "' OR 1=1 --"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_input_in_member_forms_never_breaks_a_page(member, value):
    forms = [
        (
            "/accounts/signup/",
            {"first_name": value, "email": f"{value[:20]}@example.com", "password1": value},
        ),
        ("/accounts/login/", {"login": value, "password": value}),
        ("/accounts/password/reset/", {"email": value}),
        ("/accounts/login/code/", {"email": value}),
    ]
    for url, data in forms:
        assert Client().post(url, data).status_code in (200, 302), url
    client = logged_in()
    for url, data in [
        ("/members/profile/", {"first_name": value, "display_name": value, "bio": value}),
        ("/accounts/email/", {"action_add": "", "email": value}),
        ("/accounts/password/change/", {"oldpassword": value, "password1": value, "password2": value}),
    ]:
        response = client.post(url, data)
        assert response.status_code in (200, 302), url
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_email_address_choices_are_one_labelled_group(member):
    EmailAddress.objects.create(user=member, email="ada.work@example.com")
    page = logged_in().get("/accounts/email/").content.decode()
    group = re.search(r"<fieldset[^>]*>\s*<legend>([^<]+)</legend>(.*?)</fieldset>", page, re.S)
    assert group, "the radios need a fieldset with a legend"
    assert group.group(1) == "Choose an address, then what to do with it"
    radios = re.findall(r'<input[^>]*type="radio"[^>]*>', group.group(2))
    assert len(radios) == 2
    # The add-address form is not a list of choices and stays a plain form.
    assert page.count("<fieldset") == 1
