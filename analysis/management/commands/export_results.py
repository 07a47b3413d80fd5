"""python manage.py export_results <slug> --by <characteristic> [--by <second>] [--question CODE ...]
   [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--channel CODE] [--where code:value[,value]]
   --format csv|xlsx|html --output FILE
python manage.py export_results <slug> --raw --output FILE   (every response, CSV, streamed)

The same export service as the staff download and the API: suppression applied, formula
injection neutralised, audit-logged (actor empty: the command line).
"""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from analysis import frames
from analysis.exports.raw import raw_csv_lines
from analysis.exports.services import FORMATS, export_results
from analysis.filters import FilterError, Filters, parse_where
from engagement.audit import audit_record


class Command(BaseCommand):
    help = "Export results tables (CSV, XLSX or HTML report) or, with --raw, every response as CSV."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--question", action="append", default=[], help="Repeatable; none: every question")
        parser.add_argument("--by", action="append", default=[])
        parser.add_argument("--from", dest="date_from", type=datetime.date.fromisoformat)
        parser.add_argument("--to", dest="date_to", type=datetime.date.fromisoformat)
        parser.add_argument("--channel", action="append", default=[])
        parser.add_argument("--where", action="append", default=[])
        parser.add_argument("--format", choices=list(FORMATS), default="csv")
        parser.add_argument("--raw", action="store_true", help="Raw responses (microdata: handle with care)")
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, **options):
        survey = frames.survey_get(options["slug"])
        if survey is None:
            raise CommandError(f"No published survey has the slug ‘{options['slug']}’")
        if options["raw"]:
            return self._raw(survey, options["output"])
        try:
            filters = Filters(date_from=options["date_from"], date_to=options["date_to"],
                              channels=tuple(options["channel"]),
                              where=tuple(parse_where(text) for text in options["where"]))
            export = export_results(survey, fmt=options["format"], questions=options["question"],
                                    by=options["by"], filters=filters, via="command")
        except FilterError as exc:
            raise CommandError("; ".join(f"{field}: {message}" for field, message in exc.errors.items())) from exc
        options["output"].write_bytes(export.content)
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(export.tables)} tables to {options['output']}"))
        return None

    def _raw(self, survey, output: Path):
        audit_record(actor=None, action="export.raw_responses", target=survey.slug, survey=survey.slug,
                     format="csv", via="command", tables=["raw responses"], filters={})
        rows = -1  # the header is not a response
        with output.open("w", encoding="utf-8", newline="") as handle:
            for line in raw_csv_lines(survey):
                handle.write(line)
                rows += 1
        self.stdout.write(self.style.SUCCESS(f"Wrote {rows} responses to {output}"))
