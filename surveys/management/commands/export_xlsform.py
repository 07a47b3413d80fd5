"""Write a survey's draft definition as an XLSForm .xlsx file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys.models import Survey
from surveys.xlsform import survey_export_xlsform


class Command(BaseCommand):
    help = "Export a survey as an XLSForm (.xlsx) for ODK, KoboToolbox or re-import."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("file", type=Path)

    def handle(self, *args, slug, file, **options):
        survey = Survey.objects.filter(slug=slug).first()
        if survey is None:
            raise CommandError(f"No survey '{slug}'")
        try:
            file.write_bytes(survey_export_xlsform(survey=survey))
        except OSError as exc:
            raise CommandError(f"Cannot write {file}: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Wrote {file}"))
