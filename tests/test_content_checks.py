"""Publishing checks: a picture without a description, an empty section, a link to a page readers
cannot open, headings out of order; what the editor is told, and where; and the nightly command
that mails the editors only when something is wrong."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from desk.checks import ERROR, WARNING
from redirects.models import Redirect
from stretches.content_checks import (
    META_DESCRIPTION_LENGTH,
    Links,
    article_problems,
    articles_with_problems,
    blocking,
    for_saved_article,
    problems,
    routine_problems,
    section_problems,
    stretch_problems,
)
from stretches.models import Article, AuthorProfile, Routine, RoutineStep, Section, Stretch
from tests.factories import (
    ArticleFactory,
    RoutineFactory,
    SectionFactory,
    StretchFactory,
    TopicFactory,
    UserFactory,
)
from tests.helpers import PUBLIC_SITE, uploaded_png


def said(found):
    """What the editor is told: (level, field, message) of each problem."""
    return [(problem.level, problem.field, problem.message) for problem in found]


def messages(found):
    return [problem.message for problem in found]


def body_problems(body):
    """The problems of a section with just this text (it has a picture, so it is never empty)."""
    section = Section(heading="Warm up", body=body, image=uploaded_png(), image_alt="A mat.")
    return section_problems(section, Links())


# The article's own fields


def test_a_hero_picture_needs_a_description_unless_it_is_decorative():
    bare = Article(title="Hips", standfirst="Short.", hero_image=uploaded_png(), hero_alt="  ")
    assert said(article_problems(bare)) == [
        (ERROR, "hero_alt", "Describe the picture, or tick “decorative” if it adds nothing to the text.")
    ]
    described = Article(title="Hips", standfirst="Short.", hero_image=uploaded_png(), hero_alt="A mat.")
    decorative = Article(title="Hips", standfirst="Short.", hero_image=uploaded_png(), hero_decorative=True)
    no_picture = Article(title="Hips", standfirst="Short.")
    assert article_problems(described) == article_problems(decorative) == article_problems(no_picture) == []


def test_a_standfirst_longer_than_search_engines_show_is_a_warning_with_its_length():
    assert META_DESCRIPTION_LENGTH == 160
    found = article_problems(Article(title="Hips", standfirst="x" * 212))
    assert said(found) == [
        (WARNING, "standfirst", "The standfirst has 212 characters; search engines show about 160.")
    ]
    assert not blocking(found)
    assert article_problems(Article(title="Hips", standfirst="x" * 160)) == []
    # Counted as a description shows it: runs of spaces and line breaks are one space.
    assert article_problems(Article(title="Hips", standfirst="word  \n " * 30)) == []


# Sections


def test_a_section_picture_needs_a_description_unless_it_is_decorative():
    bare = Section(heading="Warm up", body="Text.", image=uploaded_png(), image_alt=" ")
    assert said(section_problems(bare, Links())) == [
        (ERROR, "image_alt", "Describe the picture, or tick “decorative” if it adds nothing to the text.")
    ]
    described = Section(heading="Warm up", body="Text.", image=uploaded_png(), image_alt="A mat.")
    decorative = Section(heading="Warm up", body="Text.", image=uploaded_png(), image_decorative=True)
    assert section_problems(described, Links()) == section_problems(decorative, Links()) == []


@pytest.mark.django_db
def test_a_section_with_nothing_in_it_is_an_error():
    empty = Section(heading="Warm up", body=" \n ")
    assert said(section_problems(empty, Links())) == [
        (ERROR, "body", "The section is empty: give it some text, a picture, a video or a routine.")
    ]
    shows_something = [
        Section(heading="Warm up", body="Text."),
        Section(heading="Warm up", image=uploaded_png(), image_alt="A mat."),
        Section(heading="Warm up", video_provider="youtube", video_id="dQw4w9WgXcQ", video_title="Warm up"),
        Section(heading="Warm up", routine=RoutineFactory(steps=1)),
    ]
    for section in shows_something:
        assert section_problems(section, Links()) == [], section


@pytest.mark.django_db
def test_a_section_showing_a_routine_with_no_steps_is_an_error():
    empty = RoutineFactory(name="Floor sequence")
    found = section_problems(Section(heading="Routine", routine=empty), Links())
    assert said(found) == [
        (ERROR, "routine", "The routine “Floor sequence” has no steps: add some, or choose another routine.")
    ]
    assert section_problems(Section(heading="Routine", routine=RoutineFactory(steps=2)), Links()) == []


# Headings


def test_headings_in_a_section_start_at_level_3_and_go_down_one_level_at_a_time():
    assert body_problems("### Why\n\nText.\n\n#### Detail\n\n### Next\n\n#### More\n\n##### Most") == []
    assert messages(body_problems("#### Detail")) == [
        "The heading “Detail” jumps from level 2 to level 4: make it “###”."
    ]
    assert messages(body_problems("### Why\n\n##### Detail")) == [
        "The heading “Detail” jumps from level 3 to level 5: make it “####”."
    ]
    found = body_problems("## Why")
    assert said(found) == [
        (
            WARNING,
            "body",
            "The heading “Why” is at level 2, which the page's title and section headings take: "
            "make it “###”.",
        )
    ]


def test_level_1_headings_are_warned_of_however_they_are_written():
    for body in ("# Why", "Why\n===", "Why\n---"):
        assert len(body_problems(body)) == 1, body
        assert body_problems(body)[0].level == WARNING
    # The page shows it as a level-3 heading: a level-4 one after it is in order.
    assert len(body_problems("# Why\n\n#### Detail")) == 1


def test_heading_marks_in_code_are_not_headings():
    assert body_problems("```\n# not a heading\n##### nor this\n```\n\n    # indented code") == []


# Links


@pytest.mark.django_db
def test_a_link_to_a_draft_is_an_error_naming_the_article():
    ArticleFactory(title="Hip flexor basics", slug="hip-flexor-basics", draft=True)
    found = body_problems("Start with [the basics](/stretches/hip-flexor-basics/).")
    assert said(found) == [
        (ERROR, "body", "The link “the basics” goes to “Hip flexor basics”, which is a draft.")
    ]


@pytest.mark.django_db
def test_a_link_to_a_scheduled_article_is_an_error():
    ArticleFactory(title="Hip flexor basics", slug="hip-flexor-basics", future=True)
    found = body_problems("See <http://testserver/stretches/hip-flexor-basics/>.")
    assert said(found) == [
        (
            ERROR,
            "body",
            "The link to /stretches/hip-flexor-basics/ goes to “Hip flexor basics”, "
            "which is not published yet.",
        )
    ]


@pytest.mark.django_db
def test_a_link_to_a_live_article_passes():
    ArticleFactory(title="Hip flexor basics", slug="hip-flexor-basics")
    assert (
        body_problems("[Basics](/stretches/hip-flexor-basics/) and [again](/stretches/hip-flexor-basics)")
        == []
    )


@pytest.mark.django_db
def test_a_link_to_a_moved_address_is_a_warning_giving_the_new_one():
    ArticleFactory(slug="hip-flexors")
    Redirect.objects.create(old_path="/stretches/hip-flexor-basics/", new_path="/stretches/hip-flexors/")
    Redirect.objects.create(old_path="/stretches/topics/hip/", new_path="/stretches/topics/hips/")
    found = body_problems(
        "[Basics](/stretches/hip-flexor-basics/#warm-up) and [feed](/stretches/topics/hip/feed/)"
    )
    assert said(found) == [
        (
            WARNING,
            "body",
            "The link “Basics” goes to /stretches/hip-flexor-basics/, which has moved to "
            "/stretches/hip-flexors/: link there.",
        ),
        (
            WARNING,
            "body",
            "The link “feed” goes to /stretches/topics/hip/feed/, which has moved to "
            "/stretches/topics/hips/feed/: link there.",
        ),
    ]


@pytest.mark.django_db
def test_a_link_to_no_page_is_an_error():
    found = body_problems(
        "[Gone](/stretches/nowhere/), [lost](/nowhere/) and [stretch](/stretches/library/gone/)"
    )
    assert said(found) == [
        (ERROR, "body", "No page at /stretches/nowhere/ (the link “Gone”)."),
        (ERROR, "body", "No page at /nowhere/ (the link “lost”)."),
        (ERROR, "body", "No page at /stretches/library/gone/ (the link “stretch”)."),
    ]


@pytest.mark.django_db
def test_links_to_pages_that_are_there_pass(site):
    author = UserFactory(is_staff=True)
    AuthorProfile.objects.create(user=author, slug="edna")
    body = (
        f"[article]({site['article'].get_absolute_url()}), [stretch]({site['stretch'].get_absolute_url()}), "
        f"[topic]({site['topic'].get_absolute_url()}), [routine]({site['routine'].get_absolute_url()}), "
        f"[player]({site['routine'].get_absolute_url()}play/), [author](/authors/edna/), "
        "[library](/stretches/library/), [search](/search/?q=hips), [home](/)"
    )
    assert body_problems(body) == []


@pytest.mark.django_db
def test_links_that_are_not_to_the_sites_pages_are_not_followed():
    body = (
        "[another site](https://example.org/stretches/nowhere/), [protocol-relative](//example.org/x/), "
        "[mail](mailto:editors@example.com), [phone](tel:+441234), [above](#warm-up), "
        "[upload](/media/sections/gone.png), [style](/static/css/gone.css)"
    )
    assert body_problems(body) == []


@pytest.mark.django_db
def test_an_absolute_link_to_the_site_itself_is_followed(public_site):
    found = body_problems(
        f"[Gone]({PUBLIC_SITE}/stretches/nowhere/) and [other](https://other.example/nowhere/)"
    )
    assert messages(found) == ["No page at /stretches/nowhere/ (the link “Gone”)."]


@pytest.mark.django_db
def test_relative_links_are_followed_from_the_articles_address():
    ArticleFactory(slug="hip-flexor-basics")
    ArticleFactory(title="Draft", slug="knee-basics", draft=True)
    assert body_problems("[Basics](../hip-flexor-basics/)") == []
    assert messages(body_problems("[Knees](../knee-basics/)")) == [
        "The link “Knees” goes to “Draft”, which is a draft."
    ]
    assert messages(body_problems("[Sub](sub-page/)")) == [
        "No page at /stretches/page/sub-page/ (the link “Sub”)."
    ]


@pytest.mark.django_db
def test_link_like_text_in_code_is_not_a_link():
    code = "Write `[text](/stretches/nowhere/)` like this:\n\n```\n[text](/stretches/nowhere/)\n```"
    assert body_problems(code) == []
    assert len(body_problems("Write [text](/stretches/nowhere/) like this.")) == 1


@pytest.mark.django_db
def test_a_link_to_a_routine_signed_out_readers_cannot_open_is_an_error():
    members_only = RoutineFactory(name="Members' flow", slug="members-flow", steps=1)
    SectionFactory(article=ArticleFactory(members_only=True), routine=members_only)
    in_a_draft = RoutineFactory(name="Draft flow", slug="draft-flow", steps=1)
    SectionFactory(article=ArticleFactory(draft=True), routine=in_a_draft)
    found = body_problems(
        "[Members](/stretches/routines/members-flow/) [draft](/stretches/routines/draft-flow/)"
    )
    assert messages(found) == [
        "The link “Members” goes to the routine “Members' flow”, which signed-out readers cannot open: "
        "it is in no published article they can read.",
        "The link “draft” goes to the routine “Draft flow”, which signed-out readers cannot open: "
        "it is in no published article they can read.",
    ]


@pytest.mark.django_db
def test_a_page_may_link_to_itself_and_to_the_routine_it_shows_before_it_is_published():
    routine = RoutineFactory(slug="desk-flow", steps=1)
    article = Article(title="Desk hips", slug="desk-hips", standfirst="Short.", status=Article.Status.DRAFT)
    sections = [
        Section(heading="Routine", routine=routine, body="[Play it](/stretches/routines/desk-flow/play/)"),
        Section(heading="More", body="[Top](/stretches/desk-hips/), [here](./) and [there](../desk-hips/)"),
    ]
    assert problems(article, sections) == []
    members_only = Article(title="Desk hips", slug="desk-hips", standfirst="Short.", members_only=True)
    assert len(problems(members_only, sections)) == 1


# A whole page


def test_section_problems_are_named_by_their_place_in_the_page():
    article = Article(title="Hips", slug="hips", standfirst="Short.")
    sections = [Section(heading="Warm up", body="Text."), Section(heading="Cool down"), Section(heading=" ")]
    found = problems(article, sections)
    assert [(p.field, p.where) for p in found] == [
        ("sections-1-body", "Section “Cool down”"),
        ("sections-2-body", "Section 3"),
    ]
    assert str(found[0]).startswith("Section “Cool down”: The section is empty")


def test_the_admins_form_prefix_names_a_sections_fields():
    """Formset rows are numbered as the form has them, which need not be page order."""
    first, second = Section(heading="Warm up"), Section(heading="Cool down", body="Text.")
    first.form_prefix = "sections-3"
    found = problems(Article(title="Hips", slug="hips", standfirst="Short."), [first, second])
    assert [p.field for p in found] == ["sections-3-body"]


def test_an_article_needs_a_section_and_its_own_problems_come_too():
    article = Article(title="Hips", slug="hips", standfirst="x" * 200, hero_image=uploaded_png())
    assert said(problems(article, [])) == [
        (ERROR, "hero_alt", "Describe the picture, or tick “decorative” if it adds nothing to the text."),
        (WARNING, "standfirst", "The standfirst has 200 characters; search engines show about 160."),
        (ERROR, "", "An article needs at least one section."),
    ]
    assert [p.field for p in blocking(problems(article, []))] == ["hero_alt", ""]


@pytest.mark.django_db
def test_a_saved_article_is_checked_section_by_section_in_page_order():
    article = ArticleFactory()
    SectionFactory(article=article, order=2, heading="Last", body="[Gone](/stretches/nowhere/)")
    SectionFactory(article=article, order=1, heading="First", body="", routine=RoutineFactory())
    found = for_saved_article(article)
    assert [(p.field, p.where) for p in found] == [
        ("sections-0-routine", "Section “First”"),
        ("sections-1-body", "Section “Last”"),
    ]


# The library


@pytest.mark.django_db
def test_a_routine_needs_a_step():
    routine = RoutineFactory(steps=1)
    assert said(routine_problems(Routine(name="New"), [])) == [
        (ERROR, "", "A routine needs at least one step.")
    ]
    assert routine_problems(Routine(name="New"), [RoutineStep(stretch=routine.steps.get().stretch)]) == []


def test_a_stretch_picture_needs_a_description():
    bare = Stretch(name="Figure four", image=uploaded_png(), image_alt=" ")
    assert said(stretch_problems(bare)) == [
        (ERROR, "image_alt", "Describe the picture for someone who cannot see it.")
    ]
    assert stretch_problems(Stretch(name="Figure four", image=uploaded_png(), image_alt="A knee.")) == []
    assert stretch_problems(Stretch(name="Figure four")) == []


# The whole site


@pytest.mark.django_db
def test_articles_with_problems_lists_only_those_with_some(site):
    broken = ArticleFactory(title="Broken", sections=1)
    SectionFactory(article=broken, body="[Gone](/stretches/nowhere/)")
    ArticleFactory(title="No sections")
    listed = {article.title: messages(found) for article, found in articles_with_problems()}
    assert listed == {
        "Broken": ["No page at /stretches/nowhere/ (the link “Gone”)."],
        "No sections": ["An article needs at least one section."],
    }
    drafts = Article.objects.filter(status=Article.Status.DRAFT)
    assert list(articles_with_problems(drafts)) == []


def _articles_with_links(count):
    """`count` articles, each with a routine and links of every kind that needs looking up."""
    topic = TopicFactory()
    draft = ArticleFactory(draft=True)
    stretch = StretchFactory()
    moved = f"/stretches/old-{draft.slug}/"
    Redirect.objects.create(old_path=moved, new_path=draft.get_absolute_url())
    hidden = RoutineFactory(steps=1)
    for number in range(count):
        article = ArticleFactory(topic=topic)
        body = (
            f"[draft]({draft.get_absolute_url()}) [live](/stretches/{article.slug}/) "
            f"[stretch]({stretch.get_absolute_url()}) [topic]({topic.get_absolute_url()}) "
            f"[hidden]({hidden.get_absolute_url()}) [moved]({moved}) "
            f"[gone](/nowhere-{number}/)\n\n"
            "### Sub\n\n##### Skipped"
        )
        SectionFactory(article=article, body=body, routine=RoutineFactory(steps=2))
        SectionFactory(article=article, routine=RoutineFactory())


def _queries_to_check_every_article():
    with CaptureQueriesContext(connection) as queries:
        found = list(articles_with_problems(Article.objects.live()))
    return len(queries), found


@pytest.mark.django_db
def test_checking_every_article_costs_the_same_queries_however_many_there_are(django_assert_num_queries):
    _articles_with_links(1)
    one, found = _queries_to_check_every_article()
    assert len(found) == 1 and len(found[0][1]) == 6  # 4 links, a heading, an empty routine
    _articles_with_links(4)
    # The articles, their sections, the routines' steps; then once each: live articles, all articles,
    # stretches, topics, routines signed-out readers can open, all routines, redirects.
    with django_assert_num_queries(10):
        found = list(articles_with_problems(Article.objects.live()))
    assert len(found) == 5
    five, _ = _queries_to_check_every_article()
    assert five == one


# The nightly command


def check_content(*args):
    out = io.StringIO()
    call_command("check_content", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_check_content_prints_nothing_when_the_site_is_fine(site):
    ArticleFactory(draft=True, sections=1)
    assert check_content() == ""
    assert check_content("--drafts") == ""


@pytest.mark.django_db
def test_check_content_prints_each_problem_and_fails_on_errors_in_published_pages(site):
    ArticleFactory(title="Knee basics", slug="knee-basics", draft=True, sections=1)
    article = ArticleFactory(slug="desk-hips", standfirst="x" * 170)
    SectionFactory(article=article, heading="Why", body="See [knees](/stretches/knee-basics/).")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 error") as failed:
        call_command("check_content", stdout=out)
    assert failed.value.returncode == 1
    assert out.getvalue().splitlines() == [
        "WARNING /stretches/desk-hips/ The standfirst has 170 characters; search engines show about 160.",
        "ERROR /stretches/desk-hips/ Section “Why”: "
        "The link “knees” goes to “Knee basics”, which is a draft.",
    ]


@pytest.mark.django_db
def test_check_content_reports_routines_and_stretches_of_published_pages(site):
    empty = RoutineFactory(slug="empty-flow")
    SectionFactory(article=site["article"], routine=empty)
    Stretch.objects.filter(pk=site["stretch"].pk).update(image_alt="")
    out = io.StringIO()
    with pytest.raises(CommandError, match="3 error"):
        call_command("check_content", stdout=out)
    lines = out.getvalue().splitlines()
    assert "ERROR /stretches/routines/empty-flow/ A routine needs at least one step." in lines
    assert (
        f"ERROR {site['stretch'].get_absolute_url()} Describe the picture for someone who cannot see it."
        in lines
    )
    assert len(lines) == 3  # and the article showing the empty routine


@pytest.mark.django_db
def test_check_content_warnings_alone_do_not_fail_and_can_be_left_out(site):
    Article.objects.filter(pk=site["article"].pk).update(standfirst="x" * 170)
    assert check_content().startswith("WARNING /stretches/hip-stretches/ The standfirst has 170")
    assert check_content("--no-warnings") == ""


@pytest.mark.django_db
def test_check_content_checks_drafts_only_when_asked_and_they_never_fail_it(site):
    ArticleFactory(slug="unfinished", draft=True)  # no sections
    RoutineFactory(slug="unused")  # no steps, in no published article
    assert check_content() == ""
    assert check_content("--drafts").splitlines() == [
        "ERROR /stretches/unfinished/ (not published) An article needs at least one section.",
        "ERROR /stretches/routines/unused/ (not published) A routine needs at least one step.",
    ]


@pytest.mark.django_db
def test_scheduled_articles_count_as_published(site):
    ArticleFactory(slug="soon", future=True)  # no sections
    with pytest.raises(CommandError, match="1 error"):
        check_content()
