from django.core.management.base import BaseCommand

from practice.sending import send_due


class Command(BaseCommand):
    help = (
        "Email the practice reminders that have come due (run every few minutes from cron; "
        "overlapping runs send each reminder once)."
    )

    def handle(self, *args, **options):
        result = send_due()
        line = f"Sent {result.sent} reminder{'' if result.sent == 1 else 's'}."
        if result.skipped:
            plural = "" if result.skipped == 1 else "s"
            line += f" Skipped {result.skipped} missed occurrence{plural} (a later one was sent)."
        self.stdout.write(line)
