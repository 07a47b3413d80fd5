"""Raw responses as CSV, streamed row by row: served by no route (row-level data leaves only as
analysis/microdata.py's k-anonymous file); kept as the streaming baseline of bench/export_bench.py.

Memory stays flat as responses grow: rows come from the database in chunks through
``QuerySet.iterator`` and each CSV line is yielded as soon as it is written. Columns are
every answer code of every version that has responses (current version first), then the
profile characteristics. No suppression here, which is why nothing serves these rows;
``csv_lines`` and ``spreadsheet_value`` also write the microdata file.
"""

import csv
from collections.abc import Iterable, Iterator

from surveys.definition import for_version
from surveys.models import Response, SurveyVersion

from .safe import safe_cell

CHUNK_SIZE = 2000
FIXED = ["response_id", "submitted_on", "version", "channel", "language", "source"]


class _Line:
    """A file-like object whose write() hands back the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def raw_columns(survey) -> tuple[list[str], list[str]]:
    """(answer codes, profile codes) across every version of ``survey`` with responses."""
    version_ids = list(SurveyVersion.objects.filter(survey=survey).order_by("-number").values_list("pk", flat=True))
    used = set(Response.objects.filter(survey=survey).values_list("version_id", flat=True).distinct())
    answers: dict[str, None] = {}
    profile: dict[str, None] = {}
    for version_id in sorted(version_ids, key=lambda v: v != survey.current_version_id):
        if version_id not in used and version_id != survey.current_version_id:
            continue
        definition = for_version(version_id)
        answers.update(dict.fromkeys(definition.value_codes))
        profile.update(dict.fromkeys(q["characteristic"] for q in definition.questions if q.get("characteristic")))
    return list(answers), list(profile)


def raw_records(survey, queryset=None) -> Iterator[list]:
    """The header, then one list of cell values per response to ``survey``, oldest day first.

    Values are ready for a spreadsheet: lists joined with ";", missing answers "", and text
    neutralised by ``safe_cell`` (done here, once per cell, as this loop is the export's cost).
    """
    answer_codes, profile_codes = raw_columns(survey)
    yield FIXED + answer_codes + [f"profile_{code}" for code in profile_codes]
    queryset = queryset if queryset is not None else Response.objects.filter(survey=survey)
    rows = queryset.order_by("submitted_on", "id").values_list(
        "id", "submitted_on", "version__number", "channel__code", "language", "source", "answers", "profile")
    for rid, day, version, channel, language, source, answers, profile in rows.iterator(chunk_size=CHUNK_SIZE):
        values = [spreadsheet_value(answers.get(code)) for code in answer_codes]
        values += [spreadsheet_value(profile.get(code)) for code in profile_codes]
        yield [str(rid), day.isoformat(), version, channel or "", language, source, *values]


def raw_csv_lines(survey, queryset=None) -> Iterator[str]:
    """``raw_records`` as CSV lines."""
    return csv_lines(raw_records(survey, queryset))


def csv_lines(records: Iterable[list]) -> Iterator[str]:
    """Each record (cells already through ``spreadsheet_value``) as one CSV line, as it is written."""
    writer = csv.writer(_Line())
    for record in records:
        yield writer.writerow(record)


def spreadsheet_value(value):
    """A stored answer as a cell: lists joined with ";", missing "", text neutralised."""
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_cell(value)
    if isinstance(value, list):
        return safe_cell(";".join(str(v) for v in value))
    return value
