from django.core.management.base import BaseCommand

from stretches.reviews import send_digest


class Command(BaseCommand):
    help = "Email the editors the articles due for review (run it weekly from cron)."

    def handle(self, *args, **options):
        count = send_digest()
        self.stdout.write(f"{count} article(s) due for review." if count else "No article is due for review.")
