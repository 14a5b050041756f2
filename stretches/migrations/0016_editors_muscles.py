"""Editors keep the list of muscles too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_muscle" for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="stretches", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    editors = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if editors:
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="stretches", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("stretches", "0015_remove_stretch_muscle_text")]

    operations = [migrations.RunPython(grant, revoke)]
