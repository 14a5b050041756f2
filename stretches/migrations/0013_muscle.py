"""Muscles become one shared list: the Muscle model, and a many-to-many field from stretches. The
old comma-separated text is kept under another name until 0014 has read it."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stretches", "0012_section_picture_decorative")]

    operations = [
        migrations.CreateModel(
            name="Muscle",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="As readers see it, with a capital first letter: “Hip rotators”.", max_length=80
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="Used in the library filter's address.", max_length=80, unique=True
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        django.db.models.functions.text.Lower("name"),
                        name="stretches_muscle_name_ci_unique",
                        violation_error_message="That muscle is on the list already (names ignore case).",
                    )
                ],
            },
        ),
        migrations.RenameField(model_name="stretch", old_name="muscles", new_name="muscle_text"),
        migrations.AddField(
            model_name="stretch",
            name="muscles",
            field=models.ManyToManyField(
                help_text="What it stretches. Pick from the list; add a muscle only when none of it fits.",
                related_name="stretches",
                to="stretches.muscle",
            ),
        ),
    ]
