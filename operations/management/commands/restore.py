from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, restore


class Command(BaseCommand):
    help = "Put a backup's database and uploaded files back, into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz written by manage.py backup.")

    def handle(self, *args, **options):
        try:
            differences = restore(options["archive"])
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        if differences:
            raise CommandError(f"Restored, but these tables differ from the backup: {differences}")
        self.stdout.write(self.style.SUCCESS("Restored: every table has the rows it had in the backup."))
