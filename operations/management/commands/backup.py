from django.core.management.base import BaseCommand

from operations.backups import backup


class Command(BaseCommand):
    help = "Write the database and uploaded files to a dated archive (run it daily, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--to", default="backups", help="The folder for the archive (default: backups).")

    def handle(self, *args, **options):
        archive = backup(options["to"])
        self.stdout.write(str(archive))
