"""Editors write author profiles and sources too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["authorprofile", "reference"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="stretches", codename__in=codenames))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors:
        codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
        editors.permissions.remove(*Permission.objects.filter(content_type__app_label="stretches", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("stretches", "0010_authors_reviews_sources")]

    operations = [migrations.RunPython(grant, revoke)]
