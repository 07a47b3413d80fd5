"""python manage.py breakdown <slug> --question <code> --by <characteristic> [--by <second>]
   [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--channel CODE] [--where code:value[,value]]
   [--correction holm|bh] [--positive VALUE] --format csv|json
python manage.py breakdown <slug> --list-questions

The same gated table as the API and exports (``analysis.breakdown``); the output is
audit-logged as an export.
"""

import argparse
import csv
import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from analysis import frames
from analysis.breakdown import breakdown
from analysis.exports.safe import safe_cell
from analysis.filters import FilterError, Filters, parse_where
from analysis.questions import closed_questions
from engagement.audit import audit_record
from surveys.definition import for_version


class Command(BaseCommand):
    help = "Break a closed question down by one or two characteristics (disclosure-controlled)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--list-questions", action="store_true", help="Print closed question codes")
        parser.add_argument("--question")
        parser.add_argument("--by", action="append", default=[])
        parser.add_argument("--from", dest="date_from", type=_date)
        parser.add_argument("--to", dest="date_to", type=_date)
        parser.add_argument("--channel", action="append", default=[])
        parser.add_argument("--where", action="append", default=[])
        parser.add_argument("--correction", choices=["holm", "bh"], default="holm")
        parser.add_argument("--positive", action="append", default=[])
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, **options):
        survey = frames.survey_get(options["slug"])
        if survey is None:
            raise CommandError(f"No published survey has the slug ‘{options['slug']}’")
        if options["list_questions"]:
            for question in closed_questions(for_version(survey.current_version_id)):
                self.stdout.write(question.code)
            return
        if not options["question"]:
            raise CommandError("Give --question (see --list-questions)")
        try:
            filters = Filters(date_from=options["date_from"], date_to=options["date_to"],
                              channels=tuple(options["channel"]),
                              where=tuple(parse_where(text) for text in options["where"]))
            table = breakdown(survey, question=options["question"], by=options["by"], filters=filters,
                              correction=options["correction"], positive=options["positive"] or None)
        except FilterError as exc:
            raise CommandError("; ".join(f"{field}: {message}" for field, message in exc.errors.items())) from exc
        audit_record(actor=None, action="analysis.breakdown_cli", target=survey.slug, question=table.question,
                     by=list(table.by), filters=table.filters, format=options["format"])
        self._write(table, options["format"])

    def _write(self, table, fmt):
        if fmt == "json":
            self.stdout.write(json.dumps(table.to_dict(), indent=2, default=str))
            return
        records = table.to_records()
        columns = list(dict.fromkeys(key for record in records for key in record))
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([_csv(record.get(column)) for column in columns])


def _csv(value):
    return "" if value is None else safe_cell(value)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"‘{text}’ is not a date (YYYY-MM-DD)") from exc
