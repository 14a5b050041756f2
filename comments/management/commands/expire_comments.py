from django.core.management.base import BaseCommand

from comments import services


class Command(BaseCommand):
    help = "Delete guest comments never confirmed by email (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        count = services.expire_unconfirmed()
        self.stdout.write(f"Deleted {count} unconfirmed guest comment(s).")
