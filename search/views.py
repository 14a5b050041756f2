from django.shortcuts import render
from django.utils.http import urlencode

from pagecache.cache import canonical_query, shared_page

from .engine import search
from .text import QUERY_MAX_LENGTH, clean_query


def _page_asked(request):
    asked = request.GET.get("page", "")
    return max(int(asked), 1) if asked.isascii() and asked.isdigit() and len(asked) < 7 else 1


@shared_page
def results(request):
    """Search results for ?q=, 20 a page. Only the bare page (the form) is kept by the page
    cache: results are rendered each time, since anyone could fill the cache with queries and
    push the real pages out. They are still the same bytes for every signed-out reader."""
    canonical_query(request)  # no query values: any ?q= is rendered, never stored
    query = clean_query(request.GET.get("q", ""))
    page = search(query, user=request.user, page=_page_asked(request)) if query else None
    context = {
        "query": query,
        "page": page,
        "max_length": QUERY_MAX_LENGTH,
        "query_string": urlencode({"q": query}),
    }
    return render(request, "search/results.html", context)
