from django.core.management.base import BaseCommand
from django.db import transaction

from core import demo, page_cache


class Command(BaseCommand):
    help = (
        "Build the demo site (Isfahan's international office) in Persian and English. "
        "Safe to run again: it creates only what is missing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            demo.run_seeders(lambda message: self.stdout.write(message))
            # Pages made here are saved, not published: a site running on the same cache must
            # forget what it cached and memoised (core/page_cache.py, core/memo.py).
            page_cache.purge()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
