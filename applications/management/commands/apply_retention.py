from django.conf import settings
from django.core.management.base import BaseCommand

from applications.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise declined and withdrawn citizen-diplomat applications and delete their CVs "
        "once they have been closed for APPLICATION_RETENTION_DAYS days. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Override the retention period (default {settings.APPLICATION_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is due without changing anything."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        references = apply_retention(days=days, dry_run=dry_run)
        verb = "Due" if dry_run else "Anonymised"
        for reference in references:
            self.stdout.write(f"{verb}: {reference}")
        self.stdout.write(f"{verb}: {len(references)} application(s).")
