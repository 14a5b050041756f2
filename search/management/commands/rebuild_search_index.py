from django.core.management.base import BaseCommand

from search import index


class Command(BaseCommand):
    help = (
        "Index every article, stretch and topic again. Saves and deletes keep the index current by "
        "themselves; run this after changing text with QuerySet.update() or loading data with signals off."
    )

    def handle(self, *args, **options):
        written = index.rebuild()
        self.stdout.write(f"Indexed {written} search entries.")
