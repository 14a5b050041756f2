from django import template
from django.utils.safestring import mark_safe

from stretches import structured_data
from stretches.text import sanitise
from web.sharing import absolute

register = template.Library()


@register.filter
def sanitised(html):
    """Stored HTML through the allowlist once more as it is shown: rows written without
    Section.save() (fixtures, bulk updates, an older allowlist) cannot slip past it."""
    return mark_safe(sanitise(html))  # noqa: S308 - nh3 has just cleaned it


@register.filter
def person_page(profile):
    return structured_data.person_page(profile)


@register.filter
def howto(routine):
    """A routine on its own page as structured data; each step links to its card there."""
    url = absolute(routine.get_absolute_url())
    return structured_data.howto(routine, url, f"routine-{routine.slug}")


@register.simple_tag(takes_context=True)
def articles_due_for_review(context):
    """How many articles are due for review, for editors who may change them (else None)."""
    from stretches import reviews  # admin pages only: the site's pages never need it

    if not context["request"].user.has_perm("stretches.change_article"):
        return None
    return reviews.due().count()
