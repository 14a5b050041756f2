from django.http import HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.template import loader

# Django reads at most 1,024 bytes of a file part's headers, its name included.
LONG_FILE_NAME = (
    "The name of the file you chose is too long for us to read. Please rename it to something "
    "shorter (under 200 characters), then go back and choose it again."
)


def bad_request(request, exception):
    """400 in the site's look, saying what was wrong where we can tell.

    Django's own handler checks the CSRF token first, which reads the request body again: a body
    in a charset nobody can decode (utf-16, say) then fails once more, as a 500. This one never
    reads the request."""
    long_name = isinstance(exception, MultiPartParserError) and "header size" in str(exception)
    return HttpResponseBadRequest(
        loader.render_to_string("400.html", {"reason": LONG_FILE_NAME if long_name else ""})
    )
