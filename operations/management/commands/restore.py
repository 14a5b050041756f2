from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, restore


class Command(BaseCommand):
    help = "Put a backup's database and uploaded files back, into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz written by manage.py backup.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that has tables (what is there is lost)."
        )

    def handle(self, *args, **options):
        try:
            differences = restore(options["archive"], force=options["force"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        if differences:
            raise CommandError(f"Restored, but these tables differ from the backup: {differences}")
        self.stdout.write(self.style.SUCCESS("Restored: every table has the rows it had in the backup."))
