"""What site search looks in: one row per thing a reader can find, with its text flattened.

The full-text index over these rows is the database's own (see migrations/0002): an FTS5 table
kept in step by triggers on SQLite, a generated tsvector column on PostgreSQL. Neither is a
model field, so the ORM reads and writes rows as usual and the index follows.
"""

from django.db import models


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        STRETCH = "stretch", "Stretch"
        TOPIC = "topic", "Topic"

    class Part(models.TextChoices):
        # What every reader may read of an article: its title and standfirst.
        TEASER = "teaser", "Teaser"
        # Everything: for an article, its sections too.
        FULL = "full", "Full text"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    part = models.CharField(max_length=10, choices=Part.choices, default=Part.FULL)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "part"], name="one_search_entry_per_part")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.part})"
