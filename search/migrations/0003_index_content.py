"""Index what exists already. Historical models and the same row builders as the live code
(search.documents, attribute access only), so the index holds what a save would have put there."""

from django.db import migrations
from django.db.models import Prefetch
from django.urls import reverse

from search import documents

BATCH = 500


def index_content(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    Article = apps.get_model("stretches", "Article")
    Section = apps.get_model("stretches", "Section")
    Stretch = apps.get_model("stretches", "Stretch")
    Topic = apps.get_model("stretches", "Topic")
    db = schema_editor.connection.alias
    sections = Section.objects.using(db).order_by("order", "id")
    rows = []
    articles = Article.objects.using(db).prefetch_related(Prefetch("sections", queryset=sections))
    for article in articles.iterator(chunk_size=BATCH):
        url = reverse("stretches:article", args=[article.slug])
        rows += documents.article_rows(article, article.sections.all(), url)
    for stretch in Stretch.objects.using(db).iterator(chunk_size=BATCH):
        url = reverse("stretches:stretch", args=[stretch.slug])
        rows += documents.stretch_rows(stretch, stretch.muscles, url)
    for topic in Topic.objects.using(db).iterator(chunk_size=BATCH):
        rows += documents.topic_rows(topic, reverse("stretches:topic", args=[topic.slug]))
    SearchEntry.objects.using(db).bulk_create([SearchEntry(**row) for row in rows], batch_size=BATCH)


def forget_content(apps, schema_editor):
    apps.get_model("search", "SearchEntry").objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_index"),
        ("stretches", "0006_image_widths"),
    ]
    # Muscles were a line of text here; 0004 indexes them again once they are a list.
    run_before = [("stretches", "0013_muscle")]

    operations = [migrations.RunPython(index_content, forget_content)]
