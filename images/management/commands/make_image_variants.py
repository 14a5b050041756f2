"""Make every stored picture's smaller widths and WebP files again, for a site upgraded from a
version that made fewer (run once after upgrading; safe to run again)."""

from django.apps import apps
from django.core.management.base import BaseCommand

from images.variants import ImageVariantsMixin


class Command(BaseCommand):
    help = "(Re)make the smaller widths and WebP files of every stored picture."

    def handle(self, *args, **options):
        total = 0
        for model in apps.get_models():
            if not issubclass(model, ImageVariantsMixin) or not model.image_variants:
                continue
            made = 0
            for row in model._default_manager.order_by("pk").iterator(chunk_size=200):
                made += row.remake_variants()
            total += made
            if made and options["verbosity"]:
                self.stdout.write(f"{model._meta.verbose_name_plural}: {made} picture(s)")
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Made the variants of {total} picture(s)."))
