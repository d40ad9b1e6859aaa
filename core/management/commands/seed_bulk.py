import time

from django.core.management.base import BaseCommand
from django.db import transaction

from core import bulk, page_cache


class Command(BaseCommand):
    help = (
        "Add a large sample site on top of the demo content (run seed_demo first), in Persian "
        "and English, for benchmarks. Safe to run again: it creates only what is missing. Each "
        "app's seeders add their own size options."
    )

    def add_arguments(self, parser):
        for size in bulk.sizes():
            parser.add_argument(
                f"--{size.name}",
                type=int,
                default=size.default,
                metavar="N",
                help=f"{size.help} (default {size.default})",
            )

    def handle(self, *args, **options):
        wanted = {size.name: max(0, options[size.name]) for size in bulk.sizes()}
        started = time.monotonic()

        def log(message):
            self.stdout.write(f"{message}  [{time.monotonic() - started:.1f} s]")

        with transaction.atomic():
            bulk.run_seeders(wanted, log)
            # Pages made here are saved, not published: a site running on the same cache must
            # forget what it cached and memoised (core/page_cache.py, core/memo.py).
            page_cache.purge()
        self.stdout.write(self.style.SUCCESS("Bulk content is in place."))
