from django.core.management.base import BaseCommand
from django.db.models import Q

from applications.emails import enqueue
from applications.models import OutgoingEmail


class Command(BaseCommand):
    help = (
        "Queue again every applicant email that has not been sent: after an email outage longer "
        "than the automatic retries, or after the worker was down. Sent emails are never resent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--include-abandoned",
            action="store_true",
            help="Also retry emails whose automatic retries were used up.",
        )

    def handle(self, *args, include_abandoned=False, **options):
        pending = OutgoingEmail.objects.filter(sent_at__isnull=True)
        if include_abandoned:
            pending.filter(gave_up=True).update(gave_up=False)
        else:
            pending = pending.filter(Q(gave_up=False))
        count = 0
        for email_id in pending.values_list("pk", flat=True):
            enqueue(email_id)
            count += 1
        self.stdout.write(f"Queued {count} email(s).")
