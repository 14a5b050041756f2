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
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from desk.checks import ERROR, WARNING, Problem
from pages.models import Redirect
from pages.sharing import DESCRIPTION_LENGTH
from stretches.text import _markdown

from .models import Article, AuthorProfile, Routine, Section, Stretch, Topic
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


class Links:
    """Where links to the site's own pages lead. Each kind of page is looked up once, when a link
    first needs it, and kept: share one `Links` across every page checked."""

    # Views whose page is there only if the object named by the address is.
    KINDS = {
        "stretches:article": "article",
        "stretches:stretch": "stretch",
        "stretches:topic": "topic",
        "stretches:topic_feed": "topic",
        "stretches:routine": "routine",
        "stretches:routine_play": "routine",
        "stretches:routine_card": "routine",
        "authors:detail": "author",
    }

    def __init__(self):
        self._found = {}  # shared by the copies `on_page` makes
        self.page_slug = None
        self.page_routines = frozenset()

    def on_page(self, article, sections):
        """The same lookups, for links on `article`'s page: as it is checked for publishing, links
        to itself and to the routines it shows (in text signed-out readers get) are fine."""
        page = object.__new__(type(self))
        page.__dict__.update(self.__dict__)
        page.page_slug = article.slug
        if article.members_only:
            page.page_routines = frozenset()
        else:
            page.page_routines = frozenset(s.routine.slug for s in sections if s.routine_id)
        return page

    # What is there, each looked up once

    def _lookup(self, name, query):
        if name not in self._found:
            self._found[name] = query()
        return self._found[name]

    def live_articles(self):
        return self._lookup("live", lambda: set(Article.objects.live().values_list("slug", flat=True)))

    def articles(self):
        """{slug: (title, status)} of every article."""
        return self._lookup("articles", self._all_articles)

    @staticmethod
    def _all_articles():
        rows = Article.objects.values_list("slug", "title", "status")
        return {slug: (title, status) for slug, title, status in rows}

    def stretches(self):
        return self._lookup("stretches", lambda: set(Stretch.objects.values_list("slug", flat=True)))

    def topics(self):
        return self._lookup("topics", lambda: set(Topic.objects.values_list("slug", flat=True)))

    def authors(self):
        return self._lookup("authors", lambda: set(AuthorProfile.objects.values_list("slug", flat=True)))

    def routines(self):
        """{slug: name} of every routine."""
        return self._lookup("routines", lambda: dict(Routine.objects.values_list("slug", "name")))

    def readable_routines(self):
        readable = Routine.objects.readable_by(AnonymousUser())
        return self._lookup("readable", lambda: set(readable.values_list("slug", flat=True)))

    def redirects(self):
        return self._lookup("redirects", lambda: dict(Redirect.objects.values_list("old_path", "new_path")))

    # Following one link

    def check(self, href, text=""):
        """A Problem (with no field) if the link `href` leads nowhere a reader can go, else None."""
        path = self.local_path(href)
        if path is None:
            return None
        shown = _shorten(path, 100)
        name = f"The link “{_shorten(text)}”" if text and text != href else f"The link to {shown}"
        match, path = _resolve(path)
        if match is not None:
            kind = self.KINDS.get(match.view_name)
            slug = match.kwargs.get("slug", "")
            if kind is None:
                return None  # a page of its own (a list, search, sign-in): it is there
            if kind == "article":
                if slug == self.page_slug or slug in self.live_articles():
                    return None
                if slug in self.articles():
                    title, status = self.articles()[slug]
                    state = "is a draft" if status == Article.Status.DRAFT else "is not published yet"
                    return Problem(ERROR, f"{name} goes to “{title}”, which {state}.")
            elif kind == "routine":
                if slug in self.page_routines or slug in self.readable_routines():
                    return None
                if slug in self.routines():
                    return Problem(
                        ERROR,
                        f"{name} goes to the routine “{self.routines()[slug]}”, which signed-out "
                        "readers cannot open: it is in no published article they can read.",
                    )
            elif slug in {"stretch": self.stretches, "topic": self.topics, "author": self.authors}[kind]():
                return None
        moved = self.moved_to(path)
        if moved:
            return Problem(WARNING, f"{name} goes to {shown}, which has moved to {moved}: link there.")
        return Problem(ERROR, f"No page at {shown} ({name[0].lower()}{name[1:]}).")

    def local_path(self, href):
        """The decoded path of a link to one of the site's pages, or None for anything else:
        another site, an anchor on the same page, mail and phone links, uploads and static files."""
        href = (href or "").strip()
        if not href or href.startswith(("#", "?")):
            return None
        try:
            split = urlsplit(href)
            port = split.port
        except ValueError:  # not an address at all ("http://[x"): the page shows it as text
            return None
        scheme = split.scheme.lower()
        if scheme not in ("", "http", "https"):
            return None
        if split.netloc:
            site = urlsplit(settings.LIMBER["SITE_URL"])
            if (split.hostname or "") != (site.hostname or "").lower() or port != site.port:
                return None
            path = split.path or "/"
        elif scheme:
            return None  # "http:foo": nowhere
        elif split.path:  # relative to the page's address
            path = urljoin(self._page_url(), split.path)
        else:
            return None
        path = unquote(path)
        if any(prefix and path.startswith(prefix) for prefix in (settings.MEDIA_URL, settings.STATIC_URL)):
            return None
        return path

    def _page_url(self):
        """The checked article's address; any article's will do (they all have the same depth)."""
        try:
            return reverse("stretches:article", args=[self.page_slug or "page"])
        except NoReverseMatch:  # an unsaved form's slug may be anything
            return reverse("stretches:article", args=["page"])

    def moved_to(self, path):
        """Where the redirects send a reader asking for `path` (as pages.redirects does), or None."""
        redirects = self.redirects()
        if path in redirects:
            return redirects[path]
        segments = path.split("/")[1:-1]
        for count in range(len(segments), 0, -1):  # the longest moved address above it
            above = "/" + "/".join(segments[:count]) + "/"
            new = redirects.get(above)
            if new is not None:
                return new + path[len(above) :] if new.endswith("/") and "?" not in new else None
        return None


def _resolve(path):
    """(the view, the path) at `path`, or at `path/` where the site sends an address without its
    slash; (None, path) where no view answers."""
    candidates = [path] if path.endswith("/") or not settings.APPEND_SLASH else [path, path + "/"]
    for candidate in candidates:
        try:
            return resolve(candidate), candidate
        except Resolver404:
            continue
    return None, path


def _shorten(text, length=60):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
