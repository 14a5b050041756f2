"""Structured data for search engines, built from the same models and numbers the page shows:
an article, each routine on it as a HowTo (its total time from the same steps as "about 6 min"),
and the breadcrumbs."""

from web.sharing import absolute, breadcrumb_list, iso_duration, publisher

# Where on the page the part kept for members is; search engines read it as the paywalled part.
MEMBERS_ONLY_SELECTOR = ".members-only"


def _image(field):
    """The largest rendition: the picture as uploaded (smaller widths are made from it)."""
    return absolute(field.url) if field else None


def person(user):
    """A writer or reviewer: with their page and credentials where they have an author profile."""
    node = {"@type": "Person", "name": user.public_name}
    profile = getattr(user, "author_profile", None)
    if profile is not None:
        node["url"] = absolute(profile.get_absolute_url())
        if profile.credentials:
            node["jobTitle"] = profile.credentials
    return node


def person_page(profile):
    """An author's own page: a ProfilePage about them."""
    node = person(profile.user)
    node.update({"description": profile.bio} if profile.bio else {})
    if profile.photo:
        node["image"] = _image(profile.photo)
    if profile.link_list():
        node["sameAs"] = profile.link_list()
    return {"@type": "ProfilePage", "url": absolute(profile.get_absolute_url()), "mainEntity": node}


def web_page(article, url):
    """The page the article is on, with who checked it and when (schema.org puts review on pages)."""
    node = {
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": article.title,
        "mainEntity": {"@id": f"{url}#article"},
    }
    if article.reviewed_by and article.reviewed_on:
        node["reviewedBy"] = person(article.reviewed_by)
        node["lastReviewed"] = article.reviewed_on
    return node


def article(article, url):
    node = {
        "@type": "Article",
        "@id": f"{url}#article",
        "mainEntityOfPage": url,
        "headline": article.title,
        "description": article.standfirst,
        "articleSection": article.topic.name,
        "inLanguage": "en-GB",
        "publisher": publisher(),
        "isAccessibleForFree": not article.members_only,
    }
    if article.hero_image:
        node["image"] = {
            "@type": "ImageObject",
            "url": _image(article.hero_image),
            "width": article.hero_width,
            "height": article.hero_height,
        }
    if article.published_at:
        node["datePublished"] = article.published_at
        node["dateModified"] = article.last_changed
    if article.author:
        node["author"] = person(article.author)
    if article.members_only:
        node["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": MEMBERS_ONLY_SELECTOR,
        }
    return node


def _dose(step):
    text = f"{step.reps} repetition{'s' if step.reps != 1 else ''}, hold each for {step.hold} seconds"
    text += ", on each side." if step.both_sides else "."
    if step.rest_seconds:
        text += f" Rest {step.rest_seconds} seconds afterwards."
    return text


def howto(routine, url, anchor):
    """A routine as schema.org's HowTo; each step links to its card on the page."""
    steps = []
    for number, step in enumerate(routine.steps.all(), start=1):
        stretch = step.stretch
        node = {
            "@type": "HowToStep",
            "position": number,
            "name": stretch.name,
            "text": " ".join([_dose(step), *stretch.instruction_steps()]),
            "url": f"{url}#{anchor}--step-{number}",
        }
        if stretch.image:
            node["image"] = _image(stretch.image)
        steps.append(node)
    return {
        "@type": "HowTo",
        "name": routine.name,
        "description": routine.description or routine.summary(),
        "totalTime": iso_duration(routine.total_seconds()),
        "step": steps,
    }


def article_page(page_article, sections, crumbs):
    """Every node of an article page, with a HowTo for each routine in `sections`."""
    url = absolute(page_article.get_absolute_url())
    howtos = [howto(s.routine, url, f"routine-{s.anchor}") for s in sections if s.routine_id]
    return [web_page(page_article, url), article(page_article, url), *howtos, breadcrumb_list(crumbs)]
