"""manage.py redact: remove personal details from any CSV of answers before sharing it."""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from analysis.themes.csvio import CsvProblem, read_rows, write_rows
from analysis.themes.redact import PLACEHOLDERS, find_personal_details, redact

OUTPUT_COLUMNS = ["id", "text", "kinds"]


def redacted_rows(rows) -> list[dict]:
    """``id,text,kinds``: the text redacted, the kinds found (';'-separated, in text order)."""
    out = []
    for _, row in rows:
        kinds = dict.fromkeys(span.kind for span in find_personal_details(row["text"]))
        out.append({"id": row["id"], "text": redact(row["text"]), "kinds": ";".join(kinds)})
    return out


class Command(BaseCommand):
    help = (
        "Redact personal details in a CSV of answers (id,text); writes id,text,kinds. Kinds: "
        + ", ".join(PLACEHOLDERS)
        + ". Other columns are not copied, so nothing unredacted leaves with the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="CSV with columns id,text")
        parser.add_argument("--output", required=True, help="CSV to write: id,text,kinds")

    def handle(self, *args, **options):
        source, target = Path(options["input"]), Path(options["output"])
        if target.exists() and source.exists() and target.resolve() == source.resolve():
            raise CommandError(f"{target}: the output would overwrite the input; name another file")
        if not target.parent.is_dir():
            raise CommandError(f"{target}: the folder {target.parent} does not exist")
        try:
            rows, notes = read_rows(source, ["id", "text"])
        except CsvProblem as exc:
            raise CommandError(str(exc)) from exc
        extra = sorted({c for _, row in rows for c in row} - {"id", "text"} - {""})
        if extra:
            notes.append(f"{source}: column(s) {', '.join(extra)} not copied to the output")
        for note in notes:
            self.stderr.write(self.style.WARNING(note))
        result = redacted_rows(rows)
        # Write beside the target and rename, so a failure never leaves a half-written file.
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=".redact-", suffix=".csv")
        os.close(handle)
        try:
            write_rows(partial, OUTPUT_COLUMNS, result)
            os.replace(partial, target)
        finally:
            Path(partial).unlink(missing_ok=True)
        found = sum(1 for row in result if row["kinds"])
        self.stdout.write(f"Redacted {len(result)} answers ({found} had personal details) -> {target}")
