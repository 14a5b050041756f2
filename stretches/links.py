"""Which of the site's own pages a link in an article reaches, and whether readers can open it:
each kind of page is looked up once (lazily) and shared by every page checked, so checking the
whole site costs the same few queries."""

from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from desk.checks import ERROR, WARNING, Problem
from redirects.models import Redirect

from .models import Article, AuthorProfile, Routine, Stretch, Topic


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
        """Where the redirects send a reader asking for `path` (as redirects.renames does), or None."""
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
