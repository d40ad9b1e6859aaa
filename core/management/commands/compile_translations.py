from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile every locale/*/LC_MESSAGES/*.po to .mo (pure Python, no GNU gettext needed). "
        "With --check, fail on untranslated, fuzzy or obsolete entries instead of compiling them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Report incomplete catalogues and exit non-zero if any entry needs work.",
        )

    def handle(self, *args, check=False, **options):
        catalogues = sorted(
            po for directory in settings.LOCALE_PATHS for po in Path(directory).glob("*/*/*.po")
        )
        if not catalogues:
            raise CommandError("No .po files found under LOCALE_PATHS.")
        problems = []
        for path in catalogues:
            catalogue = polib.pofile(str(path))
            untranslated = catalogue.untranslated_entries()
            fuzzy = catalogue.fuzzy_entries()
            obsolete = catalogue.obsolete_entries()
            for label, entries in (
                ("untranslated", untranslated),
                ("fuzzy", fuzzy),
                ("obsolete", obsolete),
            ):
                problems += [
                    f"{path}:{entry.linenum}: {label}: {entry.msgid!r}" for entry in entries
                ]
            if not check:
                catalogue.save_as_mofile(str(path.with_suffix(".mo")))
                self.stdout.write(f"compiled {path} ({catalogue.percent_translated()}% translated)")
        if check:
            if problems:
                raise CommandError("Translations need work:\n" + "\n".join(problems))
            self.stdout.write(self.style.SUCCESS(f"{len(catalogues)} catalogue(s) complete."))
