"""manage.py tag_themes: tag answers with codebook themes, learning from coded examples."""

from django.core.management.base import BaseCommand, CommandError

from analysis.themes import files
from analysis.themes.csvio import CsvProblem, write_rows
from analysis.themes.tagger import ThemeTagger

OUTPUT_COLUMNS = ["id", "themes", "scores", "flag"]


class Command(BaseCommand):
    help = "Tag answers (id,text) with codebook themes; writes id,themes,scores,flag."

    def add_arguments(self, parser):
        parser.add_argument("--codebook", required=True, help="CSV: theme,description[,keywords]")
        parser.add_argument("--examples", help="CSV of coded answers: id,text,themes (';'-separated)")
        parser.add_argument("--input", required=True, help="CSV of answers to tag: id,text")
        parser.add_argument("--output", required=True, help="CSV to write: id,themes,scores,flag")
        parser.add_argument("--save-model", help="also save the fitted tagger (joblib) here")

    def handle(self, *args, **options):
        try:
            themes, notes = files.read_codebook(options["codebook"])
            texts, labels = [], []
            if options["examples"]:
                texts, labels, more = files.read_examples(options["examples"], themes)
                notes += more
            ids, answers, more = files.read_answers(options["input"])
            notes += more
        except CsvProblem as exc:
            raise CommandError(str(exc)) from exc
        for note in notes:
            self.stderr.write(self.style.WARNING(note))
        tagger = ThemeTagger(themes).fit(texts, labels, unlabelled=answers)
        result = tagger.predict(answers)
        write_rows(options["output"], OUTPUT_COLUMNS, files.tagged_rows(ids, answers, result))
        if options["save_model"]:
            tagger.save(options["save_model"])
        self.stdout.write(f"Tagged {len(ids)} answers with {len(themes)} themes -> {options['output']}")
