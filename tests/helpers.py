"""Plain helpers the test modules share (fixtures live in conftest.py)."""

import time

from django.core import signing
from django.test import Client

from comments.tokens import STARTED_SALT


def page(url, **headers):
    """The page as a new signed-out reader gets it."""
    return Client(**headers).get(url)


def site_urls(site):
    """One page of each public kind, for the `site` fixture."""
    return [
        "/",
        "/stretches/",
        site["topic"].get_absolute_url(),
        site["article"].get_absolute_url(),
        site["stretch"].get_absolute_url(),
    ]


def warm(site):
    """Every page of the site in the page cache."""
    for url in site_urls(site):
        page(url)
        assert page(url)["X-Page-Cache"] == "hit", url


def started(seconds_ago=10):
    """A comment form handed out `seconds_ago` seconds ago, signed as the site does."""
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)
