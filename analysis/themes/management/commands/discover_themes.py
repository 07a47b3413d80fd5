"""manage.py discover_themes: find themes in answers without a codebook."""

from django.core.management.base import BaseCommand, CommandError

from analysis.themes import files
from analysis.themes.csvio import CsvProblem, write_rows
from analysis.themes.discover import THEME_RANGE, discover_themes

OUTPUT_COLUMNS = ["theme", "label", "top_terms", "size", "example_ids"]


class Command(BaseCommand):
    help = "Discover themes in answers (id,text); writes theme,label,top_terms,size,example_ids."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="CSV of answers: id,text")
        parser.add_argument("--output", required=True, help="CSV to write")
        parser.add_argument(
            "--themes", type=int, help=f"number of themes (default: chosen in {THEME_RANGE.start}..{THEME_RANGE.stop - 1})"
        )

    def handle(self, *args, **options):
        if options["themes"] is not None and options["themes"] < 1:
            raise CommandError("--themes must be at least 1")
        try:
            ids, texts, notes = files.read_answers(options["input"])
        except CsvProblem as exc:
            raise CommandError(str(exc)) from exc
        for note in notes:
            self.stderr.write(self.style.WARNING(note))
        discovery = discover_themes(texts, ids, n_themes=options["themes"])
        write_rows(options["output"], OUTPUT_COLUMNS, files.discovery_rows(discovery))
        skipped = sum(discovery.non_answer)
        self.stdout.write(
            f"Found {len(discovery.themes)} themes in {len(ids)} answers "
            f"({skipped} non-answers set aside) -> {options['output']}"
        )
