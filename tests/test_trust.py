"""Who wrote an article, who checked it and when, what it is based on, and the editors' upkeep."""

import datetime
import io
import json
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time
from pytest_django.asserts import assertContains, assertNotContains

from stretches import reviews
from stretches.models import AuthorProfile, Reference
from stretches.models.trust import add_months
from stretches.text import render_markdown
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


def person(name, slug, credentials):
    user = UserFactory(first_name=name, username=slug, is_staff=True)
    AuthorProfile.objects.create(user=user, slug=slug, credentials=credentials, bio=f"{name} writes.")
    return user


@pytest.fixture
def checked_article():
    edie, sam = person("Edie", "edie", "physiotherapist"), person("Sam", "sam", "chartered physiotherapist")
    article = ArticleFactory(
        title="Hip stretches",
        slug="hip-stretches",
        author=edie,
        reviewed_by=sam,
        reviewed_on=datetime.date(2026, 3, 3),
    )
    SectionFactory(article=article, heading="Why", body="Staying active helps [1], as does stretching [2].")
    Reference.objects.create(
        article=article, order=2, title="Physical activity guidelines", publisher="HHS", year=2018
    )
    Reference.objects.create(
        article=article,
        order=1,
        title="Low back pain (NG59)",
        publisher="NICE",
        year=2016,
        url="https://www.nice.org.uk/guidance/ng59",
    )
    return article


def test_an_article_says_who_wrote_it_who_reviewed_it_and_when_it_is_due_again(client, checked_article):
    response = client.get("/stretches/hip-stretches/")
    assertContains(response, 'Written by <a href="/authors/edie/">Edie</a>, physiotherapist')
    assertContains(
        response,
        'Reviewed on <time datetime="2026-03-03">3 March 2026</time> by '
        '<a href="/authors/sam/">Sam</a>, chartered physiotherapist',
    )
    assertContains(response, 'Next review due <time datetime="2027-03-03">March 2027</time>')


def test_the_review_interval_is_a_setting(client, settings, checked_article):
    settings.LIMBER = {**settings.LIMBER, "REVIEW_INTERVAL_MONTHS": 6}
    assertContains(
        client.get("/stretches/hip-stretches/"),
        'Next review due <time datetime="2026-09-03">September 2026</time>',
    )


def test_sources_are_numbered_at_the_end_and_cited_by_number_in_the_text(client, checked_article):
    html = client.get("/stretches/hip-stretches/").content.decode()
    sources = re.search(r'<section class="sources".*?</section>', html, re.S).group(0)
    items = re.findall(r'<li id="(source-\d)">(.*?)</li>', sources, re.S)
    assert [anchor for anchor, _ in items] == ["source-1", "source-2"]
    assert items[0][1].startswith("Low back pain (NG59). NICE, 2016.")
    assert 'href="https://www.nice.org.uk/guidance/ng59"' in items[0][1]
    assert items[1][1] == "Physical activity guidelines. HHS, 2018."
    assert html.index('href="#source-1"') < html.index('href="#source-2"') < html.index('id="sources"')


def test_citation_markers_are_links_in_text_but_not_in_code_or_links():
    html = render_markdown("Helps [3]. `[4]` and\n\n    [5] in code\n\n[a link](/x) and [not a marker x]")
    assert (
        '<sup class="cite"><a href="#source-3" title="Source 3" rel="noopener noreferrer">[3]</a></sup>'
        in html
    )
    assert "<code>[4]</code>" in html and "[5] in code" in html
    assert "source-4" not in html and "source-5" not in html


def test_a_section_heading_never_takes_a_sources_id(client):
    article = ArticleFactory(slug="a")
    SectionFactory(article=article, heading="Source 1", order=1)
    SectionFactory(article=article, heading="Sources", order=2)
    Reference.objects.create(article=article, title="A source")
    html = client.get("/stretches/a/").content.decode()
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_structured_data_names_the_author_and_reviewer(client, checked_article):
    html = client.get("/stretches/hip-stretches/").content.decode()
    graph = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))[
        "@graph"
    ]
    [page] = [node for node in graph if node["@type"] == "WebPage"]
    [article] = [node for node in graph if node["@type"] == "Article"]
    assert page["lastReviewed"] == "2026-03-03"
    assert (
        page["reviewedBy"]["name"] == "Sam" and page["reviewedBy"]["jobTitle"] == "chartered physiotherapist"
    )
    assert article["author"]["url"].endswith("/authors/edie/")
    assert page["mainEntity"] == {"@id": article["@id"]}


def test_an_author_page_shows_who_they_are_and_what_they_wrote_and_reviewed(client, checked_article):
    ArticleFactory(title="Not out yet", author=checked_article.author, draft=True)
    ArticleFactory(
        title="Reviewed by Edie", reviewed_by=checked_article.author, reviewed_on=datetime.date(2026, 1, 1)
    )
    response = client.get("/authors/edie/")
    assertContains(response, '<h1 id="author-name">Edie</h1>', html=True)
    assertContains(response, "Physiotherapist")
    assertContains(response, "Edie writes.")
    assertContains(response, "Hip stretches")
    assertContains(response, "Reviewed by Edie")
    assertNotContains(response, "Not out yet")
    assert client.get("/authors/nobody/").status_code == 404
    graph = json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
        ).group(1)
    )["@graph"]
    assert graph[0]["@type"] == "ProfilePage" and graph[0]["mainEntity"]["name"] == "Edie"


@pytest.mark.parametrize("count", [1, 8])
def test_an_author_page_costs_the_same_queries_however_much_they_wrote(django_assert_num_queries, count):
    edie = person("Edie", "edie", "physiotherapist")
    ArticleFactory.create_batch(count, author=edie)
    with django_assert_num_queries(3):
        assert Client().get("/authors/edie/").status_code == 200


def test_editing_a_profile_shows_on_the_article_at_once(client, checked_article):
    client.get("/stretches/hip-stretches/")
    profile = checked_article.author.author_profile
    profile.credentials = "sports physiotherapist"
    profile.save()
    assertContains(client.get("/stretches/hip-stretches/"), "Edie</a>, sports physiotherapist")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ((2026, 1, 31), 1, (2026, 2, 28)),
        ((2024, 2, 29), 12, (2025, 2, 28)),
        ((2026, 3, 3), -12, (2025, 3, 3)),
        ((2026, 11, 30), 2, (2027, 1, 30)),
    ],
)
def test_months_are_added_the_way_a_calendar_does(day, months, expected):
    assert add_months(datetime.date(*day), months) == datetime.date(*expected)


# Upkeep: what is due, and the weekly email


@pytest.fixture
def reviewed_at_various_times():
    def article(title, **fields):
        return ArticleFactory(
            title=title, published_at=timezone.make_aware(datetime.datetime(2025, 1, 1)), **fields
        )

    return {
        "overdue": article("Overdue", reviewed_on=datetime.date(2025, 5, 1)),
        "soon": article("Due soon", reviewed_on=datetime.date(2025, 6, 20)),
        "fine": article("Fine", reviewed_on=datetime.date(2026, 1, 10)),
        "never": article("Never reviewed"),  # due a year after it was published
        "draft": article("Draft", reviewed_on=datetime.date(2024, 1, 1), draft=True),
    }


@freeze_time("2026-06-01 09:00")
def test_articles_due_for_review_are_listed_most_overdue_first(reviewed_at_various_times):
    assert [a.title for a in reviews.due()] == ["Never reviewed", "Overdue", "Due soon"]
    assert [a.title for a in reviews.due(ahead=-1)] == ["Never reviewed", "Overdue"]


@freeze_time("2026-06-01 09:00")
def test_the_admin_lists_and_counts_articles_due_for_review(editor_client, reviewed_at_various_times):
    response = editor_client.get("/admin/stretches/article/?review=due")
    assertContains(response, "Overdue")
    assertContains(response, "Due soon")
    assertNotContains(response, ">Fine<")
    assertContains(editor_client.get("/admin/"), "<strong>3</strong> articles due for review", html=True)
    overdue = editor_client.get("/admin/stretches/article/?review=overdue")
    assertNotContains(overdue, "Due soon")


@freeze_time("2026-06-01 09:00")
def test_editors_get_a_weekly_email_listing_what_is_due(editor, emails_sent, reviewed_at_various_times):
    UserFactory(email="member@example.com")  # not an editor: not told
    with emails_sent():
        call_command("send_review_digest", stdout=io.StringIO())
    [message] = mail.outbox
    assert message.to == [editor.email]
    assert message.subject == "[Limber] 3 articles due for review"
    assert "Overdue since 1 May 2026" in message.body
    assert "Due 20 June 2026" in message.body
    assert "never reviewed" in message.body
    assert "Fine" not in message.body and "Draft" not in message.body
    assert "/admin/stretches/article/?review=due" in message.body


@freeze_time("2026-02-01 09:00")
def test_no_email_when_nothing_is_due(editor, emails_sent):
    ArticleFactory(reviewed_on=datetime.date(2026, 1, 10))
    with emails_sent():
        call_command("send_review_digest", stdout=io.StringIO())
    assert mail.outbox == []


def test_a_citation_inside_link_text_stays_plain_text():
    html = render_markdown("[see [2]](https://example.org) and [2].")
    assert html.count("<a ") == 2
    assert '<a href="https://example.org" rel="noopener noreferrer">see [2]</a>' in html
