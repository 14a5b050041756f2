from django.apps import AppConfig


class WebConfig(AppConfig):
    """What every page and response shares: security headers and CSP, readers' addresses behind
    proxies, sharing tags and structured data, the error views, admin safeguards, and the
    `{% load limber %}` template tags."""

    name = "web"
    verbose_name = "Web"
