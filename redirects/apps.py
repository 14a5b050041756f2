from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    """Old addresses kept working: the redirects recorded when a page's address changes, or added
    by editors, and the middleware that answers with them."""

    name = "redirects"
    # The label these models were made under: their table, migrations, permissions and admin
    # addresses stay as they are.
    label = "pages"
    verbose_name = "Redirects"
