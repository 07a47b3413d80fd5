"""manage.py evaluate_themes: score the tagger on the public NHS FFT file.

Prints the issue's table (5-fold cross-validation over the collapsed answers), per-theme
precision, recall, F1 and prevalence error, and sentiment against the labellers.
"""

import time
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analysis.themes import evaluation

DEFAULT_DATA = Path("..") / "shared" / "data" / "v6framework_230831.csv"
GOALS = {"micro": 0.80, "macro": 0.60, "prevalence": 0.01, "sentiment": 0.70}


def _met(value: float, goal: float, higher_is_better: bool = True) -> str:
    return "met" if (value >= goal if higher_is_better else value <= goal) else "NOT met"


class Command(BaseCommand):
    help = "Evaluate theme tagging on the NHS FFT v6 file: 5-fold CV table, per-theme figures, sentiment."

    def add_arguments(self, parser):
        parser.add_argument("--data", help=f"CSV path (default: <project>/{DEFAULT_DATA.as_posix()})")
        parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
        parser.add_argument("--few-shot", action="store_true", help="also the few-shot curve (fixed 80/20 split)")

    def handle(self, *args, **options):
        path = Path(options["data"]) if options["data"] else Path(settings.BASE_DIR) / DEFAULT_DATA
        if not path.is_file():
            raise CommandError(f"{path}: evaluation data not found (pass --data)")
        if options["folds"] < 2:
            raise CommandError("--folds must be at least 2")
        coded = evaluation.load_coded(path)
        self.stdout.write(
            f"{path.name}: {coded.rows_before_collapsing} coded rows -> {len(coded.texts)} distinct answers "
            f"(duplicates collapsed), {len(coded.names)} themes (inferred v7, 'Labelling not possible' excluded); "
            f"KFold({options['folds']}, shuffle=True, random_state=0)"
        )
        started = time.perf_counter()
        cv = evaluation.cross_validate(coded, options["folds"], lambda f: self.stderr.write(f"  fold {f} done"))
        self.stdout.write(f"(fit and tag, all folds: {time.perf_counter() - started:.0f} s)")
        feeling = evaluation.sentiment_accuracy(coded)
        self._table(coded, cv, feeling)
        self._per_theme(coded, cv)
        if options["few_shot"]:
            self._few_shot(evaluation.load_split(path))

    def _table(self, coded, cv, feeling) -> None:
        result = evaluation.scores(coded.Y, cv.predicted)
        counted = np.abs(cv.counted_share - cv.true_share).mean(axis=0)
        corrected = np.abs(cv.corrected_share - cv.true_share).mean(axis=0)
        covered = ((cv.corrected_low <= cv.true_share) & (cv.true_share <= cv.corrected_high)).mean()
        no_theme_true, no_theme_tagged = (coded.Y.sum(1) == 0).mean(), (cv.predicted.sum(1) == 0).mean()
        rows = [
            ("micro F1", f"{result['micro']:.3f}", f">= {GOALS['micro']:.2f}", _met(result["micro"], GOALS["micro"])),
            ("macro F1", f"{result['macro']:.3f}", f">= {GOALS['macro']:.2f}", _met(result["macro"], GOALS["macro"])),
            ("prevalence error, worst theme (as counted)", f"{100 * counted.max():.1f} pts", "", ""),
            ("prevalence error, worst theme (corrected)", f"{100 * corrected.max():.1f} pts", "<= 1 pt",
             _met(corrected.max(), GOALS["prevalence"], higher_is_better=False)),
            ("prevalence error, mean over themes (counted / corrected)",
             f"{100 * counted.mean():.2f} / {100 * corrected.mean():.2f} pts", "", ""),
            ("95% intervals covering the fold's true share", f"{100 * covered:.0f}%", "about 95%", ""),
            ("answers with no theme (tagged vs true)", f"{100 * no_theme_tagged:.1f}% vs {100 * no_theme_true:.1f}%",
             "", ""),
            (f"sentiment (VADER) accuracy, {feeling['answers']} answers",
             f"{feeling['accuracy']:.3f} (always '{feeling['majority_class']}': {feeling['majority_accuracy']:.3f})",
             ">= 0.70, or not shown",
             "not shown" if feeling["accuracy"] < GOALS["sentiment"] else "met"),
        ]
        self.stdout.write(f"\n{'measure':<58} {'value':<34} {'goal':<22} status")
        for measure, value, goal, status in rows:
            self.stdout.write(f"{measure:<58} {value:<34} {goal:<22} {status}")

    def _per_theme(self, coded, cv) -> None:
        figures = evaluation.per_theme(coded.Y, cv.predicted)
        error = 100 * np.abs(cv.corrected_share - cv.true_share).mean(axis=0)
        raw = 100 * np.abs(cv.counted_share - cv.true_share).mean(axis=0)
        support = coded.Y.sum(axis=0)
        self.stdout.write(f"\n{'n':>5} {'P':>5} {'R':>5} {'F1':>5} {'true%':>6} {'err counted':>11} "
                          f"{'err corr.':>9}  theme")
        for j in np.argsort(-support, kind="stable"):
            self.stdout.write(
                f"{support[j]:5d} {figures['precision'][j]:5.2f} {figures['recall'][j]:5.2f} {figures['f1'][j]:5.2f} "
                f"{100 * cv.true_share[:, j].mean():6.2f} {raw[j]:11.2f} {error[j]:9.2f}  {coded.names[j]}"
            )

    def _few_shot(self, split) -> None:
        self.stdout.write("\nFew-shot curve (fixed 80/20 split; N coded answers per theme + as many random ones):")
        for per_label in evaluation.FEW_SHOT_SIZES:
            rows = evaluation.few_shot_rows(split.Y_train, per_label)
            result = evaluation.scores(split.Y_test, evaluation.run_tagger(split, rows))
            self.stdout.write(
                f"  N={per_label:<3} ({len(rows):4d} coded): micro F1 {result['micro']:.3f}, "
                f"macro F1 {result['macro']:.3f}"
            )
