from django.apps import AppConfig


class DeskConfig(AppConfig):
    """The editor's desk: what the admin's change pages add for people who write the site (a live
    preview, writing help, ordering by hand, revisions). It knows no content model: the apps that
    register their admins with it say how their pages are previewed and checked."""

    name = "desk"
    verbose_name = "Editor's desk"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from .signout import remember

        user_logged_out.connect(remember, dispatch_uid="desk-forget-copies")
