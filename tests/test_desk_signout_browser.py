"""Whichever way an editor signs out, the desk's autosaved copies of unsaved text are gone from
that browser: on a shared computer, the next person must not find them."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.factories import ArticleFactory, UserFactory
from tests.helpers import PASSWORD
from tests.test_browser import CSP_WATCH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COPIES = "() => Object.keys(localStorage).filter((key) => key.startsWith('limber-desk:'))"
EVERYTHING_OF_THE_DESK = "() => Object.keys(localStorage).filter((key) => key.startsWith('limber-desk'))"


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def _type_something_unsaved(page, article):
    page.goto(f"/admin/stretches/article/{article.pk}/change/")
    page.locator("#id_title").fill("Typed, never saved")
    page.wait_for_function(f"() => ({COPIES})().length > 0")
    page.evaluate("() => localStorage.setItem('limber-desk-pane', 'closed')")  # the desk's own choice


def _through_the_site_menu(page):
    page.goto("/")
    page.locator(".member-menu__toggle").click()
    page.get_by_role("button", name="Log out").click()


def _through_the_admin_index(page):
    page.goto("/admin/")  # a page without the desk's script
    page.locator("#logout-form").get_by_role("button", name="Log out").click()


def _through_allauths_page(page):
    page.goto("/accounts/logout/")
    page.locator("main").get_by_role("button", name="Log out").click()


@pytest.mark.parametrize(
    "sign_out", [_through_the_site_menu, _through_the_admin_index, _through_allauths_page]
)
def test_every_way_of_signing_out_forgets_the_desks_copies(page, sign_out):
    editor = UserFactory(email="edie@example.com", first_name="Edie", is_staff=True, verified=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    article = ArticleFactory(title="Hip stretches", slug="hip-stretches")
    page.add_init_script(CSP_WATCH)
    _sign_in(page, editor.email)
    _type_something_unsaved(page, article)

    sign_out(page)
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()
    assert page.evaluate(COPIES) == []
    assert page.evaluate(EVERYTHING_OF_THE_DESK) == []  # its pane setting too
    assert page.evaluate("window.cspViolations || []") == []
    assert page.console_errors == []
