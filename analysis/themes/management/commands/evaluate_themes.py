"""manage.py evaluate_themes: score the tagger on the public NHS FFT file (README protocol)."""

import time
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analysis.themes import evaluation
from analysis.themes.text import is_non_answer

DEFAULT_DATA = Path("..") / "shared" / "data" / "v6framework_230831.csv"


class Command(BaseCommand):
    help = "Evaluate theme tagging on the NHS FFT v6 file: full split, few-shot curve, published figures."

    def add_arguments(self, parser):
        parser.add_argument("--data", help=f"CSV path (default: <project>/{DEFAULT_DATA.as_posix()})")
        parser.add_argument("--skip-few-shot", action="store_true", help="only the full split")

    def handle(self, *args, **options):
        path = Path(options["data"]) if options["data"] else Path(settings.BASE_DIR) / DEFAULT_DATA
        if not path.is_file():
            raise CommandError(f"{path}: evaluation data not found (pass --data)")
        split = evaluation.load_split(path)
        self.stdout.write(
            f"{path.name}: {len(split.train_texts)} train / {len(split.test_texts)} test answers, "
            f"{len(split.names)} themes (inferred v7, 'Labelling not possible' excluded)"
        )
        predicted = self._full_split(split)
        self._non_answer_gate(split, predicted)
        if not options["skip_few_shot"]:
            self._few_shot(split)
        self._published()

    def _full_split(self, split) -> np.ndarray:
        started = time.perf_counter()
        predicted = evaluation.run_tagger(split, np.arange(len(split.train_texts)))
        result = evaluation.scores(split.Y_test, predicted)
        self.stdout.write(
            f"\nFull training split: micro F1 {result['micro']:.3f}, macro F1 {result['macro']:.3f} "
            f"(fit + predict {time.perf_counter() - started:.0f} s)"
        )
        self.stdout.write(f"\n{'F1':>5} {'test n':>6}  theme")
        support = split.Y_test.sum(axis=0)
        for j in np.argsort(-support, kind="stable"):
            self.stdout.write(f"{result['per_label'][j]:5.2f} {support[j]:6d}  {split.names[j]}")
        return predicted

    def _non_answer_gate(self, split, predicted: np.ndarray) -> None:
        # tag_themes leaves non-answers ("nothing", "none") unthemed; in this file
        # such replies to "what could we do better?" are coded as praise.
        gated = predicted.copy()
        gated[[is_non_answer(t) for t in split.test_texts]] = 0
        result = evaluation.scores(split.Y_test, gated)
        self.stdout.write(
            f"\nWith tag_themes' non-answer gate: micro F1 {result['micro']:.3f}, "
            f"macro F1 {result['macro']:.3f}"
        )

    def _few_shot(self, split) -> None:
        self.stdout.write("\nFew-shot curve (N coded answers per theme + as many random ones):")
        for per_label in evaluation.FEW_SHOT_SIZES:
            rows = evaluation.few_shot_rows(split.Y_train, per_label)
            result = evaluation.scores(split.Y_test, evaluation.run_tagger(split, rows))
            self.stdout.write(
                f"  N={per_label:<3} ({len(rows):4d} coded): micro F1 {result['micro']:.3f}, "
                f"macro F1 {result['macro']:.3f}"
            )

    def _published(self) -> None:
        self.stdout.write("\nPublished figures for comparison (micro / macro F1):")
        for name, micro, macro in evaluation.PUBLISHED:
            self.stdout.write(f"  {micro:.2f} / {macro:.2f}  {name}")
