from django.core.management.base import BaseCommand
from django.db import transaction

from core import demo


class Command(BaseCommand):
    help = (
        "Build the demo site (Isfahan's international office) in Persian and English. "
        "Safe to run again: it creates only what is missing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            demo.run_seeders(lambda message: self.stdout.write(message))
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
