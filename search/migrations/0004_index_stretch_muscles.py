"""Stretches again, now that their muscles are a shared list (merged names included), with the
same row builder as the live code."""

from django.db import migrations
from django.urls import reverse

from search import documents

BATCH = 500


def index_stretches(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    Stretch = apps.get_model("stretches", "Stretch")
    db = schema_editor.connection.alias
    rows = []
    for stretch in Stretch.objects.using(db).prefetch_related("muscles").iterator(chunk_size=BATCH):
        muscles = ", ".join(muscle.name for muscle in stretch.muscles.all())
        url = reverse("stretches:stretch", args=[stretch.slug])
        rows += documents.stretch_rows(stretch, muscles, url)
    SearchEntry.objects.using(db).bulk_create(
        [SearchEntry(**row) for row in rows],
        update_conflicts=True,
        unique_fields=["kind", "object_id", "part"],
        update_fields=["title", "body", "url"],
        batch_size=BATCH,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_index_content"),
        ("stretches", "0016_editors_muscles"),
    ]

    operations = [migrations.RunPython(index_stretches, migrations.RunPython.noop)]
