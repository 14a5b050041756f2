"""Signing out forgets the desk's autosaved copies in that browser, whichever way it was done
(the site's menu, the admin's button, allauth's page, a password change elsewhere): they hold
unsaved text of pages, in the browser's localStorage, and the next person at a shared computer
must not find them. The response that signs a staff member out says `Clear-Site-Data:
"storage"`, which empties this site's storage in that browser (members' own, such as the
player's settings, stay: only staff get it)."""


def remember(sender, request, user, **kwargs):
    """`user_logged_out`: mark the request, for the middleware below."""
    if request is not None and user is not None and user.is_staff:
        request.forget_site_storage = True


class ClearStorageOnSignOutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "forget_site_storage", False):
            response["Clear-Site-Data"] = '"storage"'
        return response
