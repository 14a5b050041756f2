from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What an operator needs to run the site in public: a health check, request ids in the
    logs, backups and restores."""

    name = "operations"
    verbose_name = "Operations"
