"""Import responses (paper forms typed up, another tool's export) from a CSV or XLSX file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys.imports import ImportErrors, responses_import
from surveys.models import Survey


class Command(BaseCommand):
    help = ("Import responses: one row per response, one column per question code (multiple choice as "
            "codes separated by ';'); optional columns id, channel, language, submitted_on. "
            "All rows or none are stored.")

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The survey's slug")
        parser.add_argument("file", type=Path, help="A .csv (UTF-8) or .xlsx file")

    def handle(self, *args, slug, file, **options):
        survey = Survey.objects.filter(slug=slug).first()
        if survey is None:
            raise CommandError(f"No survey '{slug}'")
        try:
            with file.open("rb") as uploaded:
                result = responses_import(survey=survey, uploaded=uploaded, filename=file.name)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        except ImportErrors as exc:
            lines = [f"row {row}: {message}" if row else message for row, message in exc.problems]
            raise CommandError("Nothing was imported:\n  " + "\n  ".join(lines)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Imported {result.created} responses into '{survey.slug}'"
            + (f"; {result.already_imported} were already imported" if result.already_imported else "")))
