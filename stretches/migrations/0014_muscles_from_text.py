"""Each stretch's comma-separated muscles become rows of the shared list, one per name whatever
its case, with the near-duplicates the text had merged into one name each."""

from django.db import migrations
from django.utils.text import slugify

# The same muscles under two names in the old text: the second name is kept.
MERGED = {
    "deep hip rotators": "Hip rotators",
    "lower back extensors": "Lower back",
    "mid and upper back": "Upper back",
}


def canonical(name):
    name = " ".join(name.split())
    name = MERGED.get(name.lower(), name)
    return name[:1].upper() + name[1:]


def muscles_from_text(apps, schema_editor):
    Muscle = apps.get_model("stretches", "Muscle")
    Stretch = apps.get_model("stretches", "Stretch")
    db = schema_editor.connection.alias
    by_key = {}  # lower-cased name: Muscle
    for stretch in Stretch.objects.using(db).order_by("pk"):
        chosen = []
        for part in stretch.muscle_text.split(","):
            name = canonical(part)
            if not slugify(name):
                continue
            muscle = by_key.get(name.lower())
            if muscle is None:
                slug, number = slugify(name)[:80], 2
                while Muscle.objects.using(db).filter(slug=slug).exists():
                    slug, number = f"{slugify(name)[:76]}-{number}", number + 1
                muscle = by_key[name.lower()] = Muscle.objects.using(db).create(name=name[:80], slug=slug)
            if muscle not in chosen:
                chosen.append(muscle)
        stretch.muscles.set(chosen)


def text_from_muscles(apps, schema_editor):
    Stretch = apps.get_model("stretches", "Stretch")
    db = schema_editor.connection.alias
    for stretch in Stretch.objects.using(db).prefetch_related("muscles"):
        stretch.muscle_text = ", ".join(muscle.name for muscle in stretch.muscles.all())[:200]
        stretch.save(update_fields=["muscle_text"])


class Migration(migrations.Migration):
    dependencies = [("stretches", "0013_muscle")]

    operations = [migrations.RunPython(muscles_from_text, text_from_muscles)]
