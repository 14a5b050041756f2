"""Publishing checks: what is wrong with a page before readers see it.

Pure functions over model instances, saved or not: the admin calls them with the objects an
unsaved form builds (an article, and its sections in page order), so nothing here reads `pk` or a
related manager of what it is given. Each returns `desk.checks.Problem`s: ERRORs block publishing,
WARNINGs are said. Fields are named as the form has them, so the admin can put a message beside
its field ("hero_alt", "sections-2-body").

The checks answer “what would be wrong if this page went out as it stands”: the page checked
counts as published, so links to itself and to the routines it shows are fine.

Links to the site's own pages are followed: a `Links` looks up each kind of page once (lazily)
and is shared by every page checked, so checking the whole site costs the same few queries.
"""

from dataclasses import replace

from django.db.models import Prefetch

from desk.checks import ERROR, WARNING, Problem
from stretches.text import _markdown
from web.sharing import DESCRIPTION_LENGTH

from .links import Links
from .models import Article, Section
from .models.library import steps_prefetch

# What search engines show of a page's description: the standfirst is the article's.
META_DESCRIPTION_LENGTH = DESCRIPTION_LENGTH
# The page's title is its h1 and each section's heading an h2: headings in a section's text start here.
FIRST_BODY_HEADING = 3

DESCRIBE_PICTURE = "Describe the picture, or tick “decorative” if it adds nothing to the text."


def blocking(problems):
    """The problems that stop a page being published."""
    return [problem for problem in problems if problem.blocks]


# One object at a time


def article_problems(article):
    """The article's own fields."""
    found = []
    if article.hero_image and not (article.hero_alt or "").strip() and not article.hero_decorative:
        found.append(Problem(ERROR, DESCRIBE_PICTURE, field="hero_alt"))
    length = len(" ".join((article.standfirst or "").split()))  # as a description shows it
    if length > META_DESCRIPTION_LENGTH:
        found.append(
            Problem(
                WARNING,
                f"The standfirst has {length} characters; search engines show about "
                f"{META_DESCRIPTION_LENGTH}.",
                field="standfirst",
            )
        )
    return found


def section_problems(section, links=None):
    """One section, its fields named as in its own form ("image_alt", "body", "routine")."""
    links = links if links is not None else Links()
    found = []
    body = section.body or ""
    has_video = bool(section.video_provider and (section.video_id or "").strip())
    if section.image and not (section.image_alt or "").strip() and not section.image_decorative:
        found.append(Problem(ERROR, DESCRIBE_PICTURE, field="image_alt"))
    if not body.strip() and not section.image and not has_video and not section.routine_id:
        found.append(
            Problem(
                ERROR,
                "The section is empty: give it some text, a picture, a video or a routine.",
                field="body",
            )
        )
    tokens = _markdown.parse(body) if body.strip() else []
    found += [replace(problem, field="body") for problem in _heading_problems(tokens)]
    seen = set()
    for href, text in _links_in(tokens):
        if href in seen:
            continue
        seen.add(href)
        problem = links.check(href, text)
        if problem is not None:
            found.append(replace(problem, field="body"))
    if section.routine_id:
        routine = section.routine  # what the form chose, or select_related: no query
        if not routine.steps.all():  # prefetched when checking saved articles
            found.append(
                Problem(
                    ERROR,
                    f"The routine “{routine.name}” has no steps: add some, or choose another routine.",
                    field="routine",
                )
            )
    return found


def routine_problems(routine, steps):
    """A routine, with its steps as the form has them (unsaved, deleted ones left out)."""
    if not list(steps):
        return [Problem(ERROR, "A routine needs at least one step.")]
    return []


def stretch_problems(stretch):
    if stretch.image and not (stretch.image_alt or "").strip():
        return [Problem(ERROR, "Describe the picture for someone who cannot see it.", field="image_alt")]
    return []


# A whole page


def problems(article, sections, links=None):
    """Everything wrong with an article page: the article, and its `sections` in page order.

    A section's problems get the field `sections-<index>-<name>`, `index` being its place in
    `sections`, unless the section has a `form_prefix` (the admin's formset prefix, "sections-3"),
    which is used instead; and `where` says which section it is.
    """
    sections = list(sections)
    links = (links if links is not None else Links()).on_page(article, sections)
    found = article_problems(article)
    if not sections:
        found.append(Problem(ERROR, "An article needs at least one section."))
    for index, section in enumerate(sections):
        prefix = getattr(section, "form_prefix", None) or f"sections-{index}"
        heading = (section.heading or "").strip()
        where = f"Section “{heading}”" if heading else f"Section {index + 1}"
        for problem in section_problems(section, links):
            field = f"{prefix}-{problem.field}" if problem.field else ""
            found.append(replace(problem, field=field, where=where))
    return found


def _sections_prefetch():
    """An article's sections in page order, with their routines and the routines' steps."""
    return Prefetch(
        "sections",
        queryset=Section.objects.select_related("routine").prefetch_related(steps_prefetch("routine__")),
    )


def for_saved_article(article, links=None):
    """`problems` for an article as it is stored."""
    sections = Section.objects.filter(article=article).select_related("routine")
    return problems(article, sections.prefetch_related(steps_prefetch("routine__")), links)


def articles_with_problems(queryset=None, links=None):
    """(article, problems) for each article of `queryset` (every article by default) with any
    problem, in a fixed number of queries however many there are."""
    queryset = Article.objects.all() if queryset is None else queryset
    links = links if links is not None else Links()
    for article in queryset.prefetch_related(_sections_prefetch()):
        found = problems(article, article.sections.all(), links)
        if found:
            yield article, found


# Markdown


def _links_in(tokens):
    """(href, link text) of every link in parsed Markdown; code spans and code blocks have none."""
    for token in tokens:
        children = token.children or []
        for position, child in enumerate(children):
            if child.type != "link_open":
                continue
            text, depth = [], 0
            for inner in children[position + 1 :]:
                if inner.type == "link_open":
                    depth += 1
                elif inner.type == "link_close":
                    if depth == 0:
                        break
                    depth -= 1
                elif inner.type in ("text", "code_inline"):
                    text.append(inner.content)
            yield child.attrGet("href") or "", "".join(text).strip()


def _heading_problems(tokens):
    """Headings that skip a level, or take the title's or the sections' level."""
    found = []
    previous = FIRST_BODY_HEADING - 1  # the section's own heading
    for position, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1])
        text = tokens[position + 1].content.strip() if position + 1 < len(tokens) else ""
        if level < FIRST_BODY_HEADING:
            found.append(
                Problem(
                    WARNING,
                    f"The heading “{text}” is at level {level}, which the page's title and section "
                    f"headings take: make it “{'#' * FIRST_BODY_HEADING}”.",
                )
            )
            level = FIRST_BODY_HEADING  # the page shows it as one
        elif level > previous + 1:
            found.append(
                Problem(
                    WARNING,
                    f"The heading “{text}” jumps from level {previous} to level {level}: "
                    f"make it “{'#' * (previous + 1)}”.",
                )
            )
        previous = level
    return found


# Links
