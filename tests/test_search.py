"""Site search: ranked, highlighted results over articles, stretches and topics, that show no
reader what they may not read, follow every change, and take any query without harm."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from search.models import SearchEntry
from search.text import clean_query, first_words, fts5_match
from stretches.models import Article
from tests.factories import ArticleFactory, SectionFactory, StretchFactory, TopicFactory
from tests.helpers import assert_no_injected_markup, page

pytestmark = pytest.mark.django_db

URL = "/search/"


def search(text, client=None, **params):
    return (client or Client()).get(URL, {"q": text, **params})


def article_with(body="", *, title="Hip stretches", standfirst="Loosen up.", **fields):
    fields.setdefault("topic", TopicFactory(intro=""))  # the factory's intro would match "stretches"
    article = ArticleFactory(title=title, standfirst=standfirst, **fields)
    if body:
        SectionFactory(article=article, heading="How to", body=body)
    return article


def result_urls(response):
    return [result.url for result in response.context["page"]]


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


def test_an_article_is_found_by_a_word_of_its_sections():
    """A word from a section's text finds the article, linked, with the kind shown."""
    article = article_with("The piriformis sits deep in the buttock.", title="Sciatica and you")
    response = search("piriformis")
    assertContains(response, "1 result for “piriformis”")
    assertContains(response, f'<a href="{article.get_absolute_url()}">Sciatica and you</a>', html=True)
    assertContains(response, "Article")


def test_words_are_found_by_their_stem():
    """“stretches” finds “stretching”, and the other way round."""
    article = article_with("Gentle stretching every morning.", title="Mornings")
    assert result_urls(search("stretches")) == [article.get_absolute_url()]
    other = article_with("Two stretches for the neck.", title="Necks")
    assert set(result_urls(search("stretching"))) == {article.get_absolute_url(), other.get_absolute_url()}


def test_a_match_in_the_title_ranks_above_one_in_the_body():
    body_only = article_with("Hamstring work: the hamstring, the hamstrings.", title="Legs at the desk")
    in_title = article_with("Sit tall.", title="Hamstring basics")
    assert result_urls(search("hamstring")) == [in_title.get_absolute_url(), body_only.get_absolute_url()]


def test_matching_words_are_highlighted_in_the_title_and_snippet():
    article_with("Ease the piriformis gently.", title="Piriformis release")
    response = search("piriformis")
    assertContains(response, "<mark>Piriformis</mark> release")
    assertContains(response, "<mark>piriformis</mark> gently")


def test_stretches_and_topics_are_found_too():
    stretch = StretchFactory(name="Seated figure-four", muscles="Piriformis, gluteals")
    topic = TopicFactory(name="Sciatica", intro="When the piriformis presses on a nerve.")
    response = search("piriformis")
    assert set(result_urls(response)) == {stretch.get_absolute_url(), topic.get_absolute_url()}
    assertContains(response, "Stretch")
    assertContains(response, "Topic")


def test_members_only_text_is_found_only_by_members(member_client):
    """Signed out, a members-only article is found by its title and standfirst only (marked as
    for members, showing nothing more); a member finds it by its whole text, once."""
    article = article_with(
        "The quadratus lumborum hides here.",
        title="Deep core",
        standfirst="For stiff mornings.",
        members_only=True,
    )
    assertContains(search("quadratus"), "No results for “quadratus”")
    response = search("deep core")
    assert result_urls(response) == [article.get_absolute_url()]
    assertContains(response, '<span class="badge">Members</span>', html=True)
    assertNotContains(response, "lumborum")
    assert result_urls(search("stiff mornings")) == [article.get_absolute_url()]
    response = search("quadratus", member_client)
    assert result_urls(response) == [article.get_absolute_url()]
    assertContains(response, "<mark>quadratus</mark> lumborum")
    assert result_urls(search("deep core", member_client)) == [article.get_absolute_url()]


def test_a_public_article_shows_once_to_everyone(member_client):
    article = article_with("Piriformis.", title="Piriformis")
    for client in (Client(), member_client):
        assert result_urls(search("piriformis", client)) == [article.get_absolute_url()]


@pytest.mark.parametrize("state", [{"draft": True}, {"future": True}])
def test_drafts_and_future_articles_are_never_found(state, member_client, editor_client):
    article_with("The piriformis.", title="Piriformis secrets", **state)
    for client in (Client(), member_client, editor_client):
        assertContains(search("piriformis", client), "No results for “piriformis”")


def test_publishing_by_update_or_by_the_clock_needs_no_reindex():
    """Who may find an article is asked when searching, not when indexing."""
    draft = article_with("The piriformis.", title="Draft", draft=True)
    scheduled = article_with("The piriformis.", title="Scheduled", future=True)
    assert result_urls(search("piriformis")) == []
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED, published_at=yesterday)
    Article.objects.filter(pk=scheduled.pk).update(published_at=yesterday)  # its time has come
    assert len(result_urls(search("piriformis"))) == 2
    Article.objects.filter(pk=draft.pk).update(members_only=True)
    assert result_urls(search("piriformis")) == [scheduled.get_absolute_url()]


def test_the_index_follows_edits_to_articles_and_sections():
    article = article_with("The piriformis.", title="Old title")
    section = article.sections.get()
    article.title = "Glute guide"
    article.slug = "glute-guide"
    article.save()
    response = search("piriformis")
    assert result_urls(response) == ["/stretches/glute-guide/"]
    assertContains(response, "Glute guide")
    section.body = "Now about the psoas."
    section.save()
    assert result_urls(search("piriformis")) == []
    assert result_urls(search("psoas")) == ["/stretches/glute-guide/"]
    SectionFactory(article=article, heading="Calves", body="Soleus too.")
    assert result_urls(search("soleus")) == ["/stretches/glute-guide/"]
    section.delete()
    assert result_urls(search("psoas")) == []
    assert result_urls(search("soleus")) == ["/stretches/glute-guide/"]


def test_deleted_content_leaves_the_index():
    article = article_with("The piriformis.", title="Piriformis")
    stretch = StretchFactory(name="Piriformis stretch")
    assert SearchEntry.objects.filter(kind="article", object_id=article.pk).count() == 2
    article.delete()
    stretch.delete()
    assert result_urls(search("piriformis")) == []
    assert not SearchEntry.objects.filter(kind__in=["article", "stretch"]).exists()


def test_the_rebuild_command_indexes_everything_again():
    article = article_with("The piriformis.", title="Piriformis")
    SearchEntry.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed" in out.getvalue()
    assert result_urls(search("piriformis")) == [article.get_absolute_url()]


HOSTILE = [
    '"',
    '""""',
    "NEAR(a b)",
    "a*",
    "-a",
    "a OR",
    "title:x",
    "^a",
    "\x00",
    "piriformis\x00",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    "piriformis " * 500,
    "x" * 5000,
    "🙂 stretch 🧘",
    "%",
    "\\",
    "AND OR NOT",
    "body:piriformis",
    "{title body}: a",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_answer_with_the_query_escaped(text, member_client):
    article_with("The piriformis, a hip muscle.", title="Piriformis <b>basics</b>")
    for client in (Client(), member_client):
        response = search(text, client)
        assert response.status_code == 200
        assertContains(response, f'value="{escape(clean_query(text))}"')
        assert_no_injected_markup(response.content.decode())
        assertNotContains(response, "<script>alert")


def test_fts_operators_become_plain_quoted_words():
    """On SQLite every word is quoted, once: no operator, column filter or prefix survives."""
    assert fts5_match('NEAR(a b) title:x a* -b "c" ^d OR') == '"near" "a" "b" "title" "x" "c" "d" "or"'
    assert fts5_match("🙂 % \\ \x00") == ""
    assert fts5_match("w " * 50) == '"w"'
    assert fts5_match(" ".join(f"w{n}" for n in range(50))).count('"') == 20  # 10 words at most


def test_long_queries_are_cut_to_ten_words_on_postgresql_too():
    assert first_words('"a b" -c or d e f g h i j k l') == '"a b" -c or d e f g h i'  # "or" counts
    assert first_words("short one") == "short one"


def test_indexed_text_is_shown_escaped():
    """Section text that reads like markup is indexed as text and shown as text."""
    article_with("Piriformis & <img src=x onerror=alert(1)> tips.", title="Tips")
    response = search("piriformis")
    assertContains(response, "&lt;img src=x onerror=alert(1)&gt;")
    assert_no_injected_markup(response.content.decode())


def test_an_empty_query_shows_just_the_form():
    response = page(URL)
    assertContains(response, '<label for="search-q">Search articles, stretches and topics</label>', html=True)
    assertContains(response, '<input type="search" id="search-q" name="q" value="" maxlength="200" required>')
    assertNotContains(response, "result")
    assertContains(response, '<meta name="robots" content="noindex, follow">')


def test_no_results_says_what_to_try():
    response = search("zebra")
    assertContains(response, "No results for “zebra”")
    assertContains(response, "Try fewer words")


def test_results_are_paginated_and_keep_the_query():
    for number in range(25):
        article_with("Piriformis.", title=f"Piriformis {number}")
    response = search("piriformis")
    assertContains(response, "25 results for “piriformis”")
    assert len(response.context["page"]) == 20
    assertContains(response, '<a href="?q=piriformis&amp;page=2">Later results</a>', html=True)
    second = search("piriformis", page=2)
    assert len(second.context["page"]) == 5
    assertContains(second, "Page 2 of 2")
    # Page 1 is written as every other link to it writes it: the query alone.
    assertContains(second, '<a href="/search/?q=piriformis">Earlier results</a>', html=True)
    assertContains(second, '<ol class="plain-list search-results__list" start="21">')
    assert set(result_urls(response)).isdisjoint(result_urls(second))
    assert result_urls(search("piriformis", page=99)) == result_urls(second)  # past the end: the last page
    assert result_urls(search("piriformis", page="x")) == result_urls(response)


def test_the_number_of_queries_does_not_grow_with_the_results(django_assert_num_queries, member_client):
    """One query for a page of results (the total comes with it), however many there are."""
    article_with("Piriformis.", title="Piriformis")
    for number in range(30):
        article_with("Soleus.", title=f"Soleus {number}")
    for text in ("piriformis", "soleus", "zebra"):
        with django_assert_num_queries(1):
            search(text)
    with django_assert_num_queries(0):
        search("🙂")  # no words: nothing to ask
    counts = []
    for text in ("piriformis", "soleus"):
        with django_assert_num_queries(2) as captured:  # the member's account, then the search
            search(text, member_client)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_result_pages_are_the_same_for_every_signed_out_reader_and_never_stored():
    """Any query could be sent, so result pages are rendered each time (never filling the page
    cache); they are still the same bytes for everyone, and set no cookie. The bare form is kept."""
    article_with("The piriformis.", title="Piriformis")
    first, second = page(URL + "?q=piriformis"), page(URL + "?q=piriformis")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert not first.cookies and not second.cookies
    assert "X-Page-Cache" not in second  # rendered, not served from the cache
    page(URL)
    assert page(URL)["X-Page-Cache"] == "hit"


def test_a_members_results_are_private(member_client):
    article_with("The piriformis.", title="Piriformis", members_only=True)
    response = search("piriformis", member_client)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_section_moved_to_a_members_only_article_leaves_the_public_one(member_client):
    public = article_with("Nothing special here.", title="Open article")
    gated = article_with("Also nothing.", title="Gated article", members_only=True)
    section = SectionFactory(article=public, heading="Moving", body="Quokkaflamingo breathing.")
    assert result_urls(search("quokkaflamingo")) == [public.get_absolute_url()]
    section.article = gated
    section.save()
    assert result_urls(search("quokkaflamingo")) == []
    assert result_urls(search("quokkaflamingo", member_client)) == [gated.get_absolute_url()]
