from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: original articles, stretches and drawings, and `manage.py load_demo`."""

    name = "demo"
    verbose_name = "Demo content"
