"""Load population reference shares from a CSV file (or the built-in LCR age profile)."""

import csv

from django.core.management.base import BaseCommand, CommandError

from analysis.population import (
    COLUMNS,
    PopulationRowErrors,
    population_load,
    population_load_builtin,
)


class Command(BaseCommand):
    help = ("Load population shares from a CSV with columns name,characteristic,group,share,source "
            "(share as 0.183 or 18.3%). All rows or none; each (name, characteristic) set in the "
            "file replaces the stored one. --builtin loads the LCR Equality Strategy age profile.")

    def add_arguments(self, parser):
        parser.add_argument("csv_path", nargs="?")
        parser.add_argument("--builtin", action="store_true", help="Load analysis/fixtures/lcr_population.json")

    def handle(self, *args, csv_path=None, builtin=False, **options):
        if bool(csv_path) == builtin:
            raise CommandError("Give a CSV file or --builtin (not both).")
        try:
            count = population_load_builtin() if builtin else population_load(self._rows(csv_path))
        except PopulationRowErrors as exc:
            lines = "\n".join(f"  row {row}: {message}" for row, message in exc.problems)
            raise CommandError(f"Nothing loaded; fix these rows:\n{lines}") from exc
        self.stdout.write(self.style.SUCCESS(f"Loaded {count} population shares."))

    def _rows(self, path):
        try:
            with open(path, newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                missing = set(COLUMNS[:4]) - set(reader.fieldnames or ())
                if missing:
                    raise CommandError(f"The header needs the columns {', '.join(COLUMNS)}; "
                                       f"missing {', '.join(sorted(missing))}.")
                return list(reader)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
