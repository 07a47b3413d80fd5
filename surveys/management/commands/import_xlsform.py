"""Create a survey (or replace a survey's draft) from an XLSForm .xlsx file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from engagement.models import Programme
from surveys.xlsform import SkippedParts, XLSFormError, survey_import_xlsform


class Command(BaseCommand):
    help = "Import an XLSForm (ODK / KoboToolbox .xlsx) as a survey; lists anything it could not keep."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--programme", required=True, help="Slug of the programme the survey belongs to")
        parser.add_argument("--slug", help="Web address name (default: form_id from the settings sheet)")
        parser.add_argument("--publish", action="store_true", help="Publish the survey straight away")
        parser.add_argument("--skip-unsupported", action="store_true",
                            help="Import even though some parts (locations, repeats, calculations...) are left out")

    def handle(self, *args, file, programme, slug, publish, skip_unsupported, **options):
        programme_obj = Programme.objects.filter(slug=programme).first()
        if programme_obj is None:
            raise CommandError(f"No programme '{programme}'. Known: "
                               f"{', '.join(Programme.objects.values_list('slug', flat=True))}")
        try:
            survey, result = survey_import_xlsform(raw=file.read_bytes(), programme=programme_obj, slug=slug,
                                                   publish=publish, skip_unsupported=skip_unsupported)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        except SkippedParts as exc:
            raise CommandError("Not imported: these parts of the form cannot be kept:\n  "
                               + "\n  ".join(exc.result.skipped)
                               + "\nRun again with --skip-unsupported to import the rest.") from exc
        except XLSFormError as exc:
            raise CommandError("Not imported:\n  " + "\n  ".join(exc.problems)) from exc
        for line in result.skipped:
            self.stdout.write(self.style.WARNING(f"Skipped: {line}"))
        for line in result.notes:
            self.stdout.write(f"Note: {line}")
        for line in result.warnings:
            self.stdout.write(f"Warning: {line}")
        state = f"published as version {survey.current_version.number}" if publish else "saved as a draft"
        self.stdout.write(self.style.SUCCESS(f"Imported '{survey.slug}' ({survey.title}), {state}."))
