"""python manage.py export_results <slug> --by <characteristic> [--by <second>] [--question CODE ...]
   [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--channel CODE] [--where code:value[,value]]
   --format csv|xlsx|html --output FILE
python manage.py export_results <slug> --microdata --user EMAIL --output FILE

The same export service as the staff download and the API: suppression applied, formula
injection neutralised, audit-logged (actor empty: the command line). ``--microdata`` writes the
k-anonymous row-level file, only for a person holding a microdata grant for the survey
(analysis/microdata.py), and is audit-logged as theirs.
"""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from analysis import frames, microdata
from analysis.exports.services import FORMATS, export_results
from analysis.filters import FilterError, Filters, parse_where


class Command(BaseCommand):
    help = "Export results tables (CSV, XLSX or HTML report) or, with --microdata, a grantee's k-anonymous rows."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--question", action="append", default=[], help="Repeatable; none: every question")
        parser.add_argument("--by", action="append", default=[])
        parser.add_argument("--from", dest="date_from", type=datetime.date.fromisoformat)
        parser.add_argument("--to", dest="date_to", type=datetime.date.fromisoformat)
        parser.add_argument("--channel", action="append", default=[])
        parser.add_argument("--where", action="append", default=[])
        parser.add_argument("--format", choices=list(FORMATS), default="csv")
        parser.add_argument("--microdata", action="store_true", help="k-anonymous rows, for a grantee (--user)")
        parser.add_argument("--user", help="Email of the person holding the microdata grant")
        parser.add_argument("--output", required=True, type=Path)

    def handle(self, *args, **options):
        survey = frames.survey_get(options["slug"])
        if survey is None:
            raise CommandError(f"No published survey has the slug ‘{options['slug']}’")
        if options["microdata"]:
            return self._microdata(survey, options["user"], options["output"])
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

    def _microdata(self, survey, email, output: Path):
        user = get_user_model().objects.filter(email__iexact=email or "").first()
        try:
            data = microdata.microdata_for(user, survey, via="command")
        except microdata.MicrodataRefused as exc:
            raise CommandError(str(exc)) from exc
        with output.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(microdata.csv_lines(data))
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(data.rows)} rows (k = {data.k}) to {output}"))
