"""Measure the transferred weight of every respondent page and fail when one is over budget.

    manage.py page_weight [--survey SLUG ...] [--first-budget-kb 100] [--later-budget-kb 20] [--demo]

Budgets are standards.md §2.4: at most 100 KB on first load, 20 KB for each later page (its
static files are cached by then). How a page is weighed: frontend/weight.py. Everything runs
in a transaction that is rolled back, so the database is left as it was; ``--demo`` first
publishes the demo surveys inside it and measures only them, so the command gives the same
answer on any migrated database.
"""

from django.core.management.base import BaseCommand, CommandError

from frontend import weight
from surveys.demo.loading import demo_surveys_publish

KB = 1024


class Command(BaseCommand):
    help = "Measure the transferred weight of each respondent page; fail if any is over budget."

    def add_arguments(self, parser):
        parser.add_argument("--survey", action="append", dest="slugs", metavar="SLUG",
                            help="Measure only this survey (repeat for more); default: every open survey")
        parser.add_argument("--first-budget-kb", type=float, default=100, help="First page, assets included")
        parser.add_argument("--later-budget-kb", type=float, default=20, help="Every later page")
        parser.add_argument("--demo", action="store_true",
                            help="Publish the demo surveys first (rolled back with everything else) and "
                                 "measure only them, unless --survey names others")

    def handle(self, *args, slugs, first_budget_kb, later_budget_kb, demo, **options):
        first_budget, later_budget = round(first_budget_kb * KB), round(later_budget_kb * KB)
        results = []
        with weight.rolled_back():
            if demo:
                published = demo_surveys_publish()
                slugs = slugs or list(published)  # the demo surveys only, whatever else the database holds
            surveys = weight.open_surveys(slugs)
            unknown = sorted(set(slugs or []) - {s.slug for s in surveys})
            if unknown:
                raise CommandError(f"No open survey with the slug {', '.join(unknown)}")
            for survey in surveys:
                try:
                    results += weight.measure_survey(survey)
                except weight.NotMeasurable as exc:
                    self.stdout.write(f"Not measured: {exc}")
                except weight.WalkError as exc:
                    raise CommandError(f"The journey broke: {exc}") from exc
        for result in results:
            self.stdout.write(_table(result))
        self.stdout.write(_summary(results, first_budget, later_budget))
        problems = weight.budget_problems(results, first_budget, later_budget)
        if problems:
            raise CommandError(f"{len(problems)} problem(s):\n  " + "\n  ".join(problems))
        self.stdout.write(self.style.SUCCESS(f"Every page is within budget ({len(results)} survey walks)."))


def _table(result: weight.SurveyWeight) -> str:
    lines = [f"\n{result.slug} [{result.language}]",
             f"  {'page':<32} {'HTML':>8} {'gzip':>7} {'assets':>8} {'total':>8}  url"]
    lines += [f"  {page.label[:32]:<32} {page.html_bytes:>8,} {page.html_gzip_bytes:>7,} {page.asset_bytes:>8,} "
              f"{page.total:>8,}  {page.url}" for page in result.pages]
    return "\n".join(lines)


def _summary(results: list[weight.SurveyWeight], first_budget: int, later_budget: int) -> str:
    lines = [f"\nSummary (bytes transferred; budgets: first {first_budget:,}, later {later_budget:,})",
             f"  {'survey [language]':<42} {'pages':>5} {'first':>8} {'max later':>10}  heaviest later page"]
    for result in results:
        first = max(page.total for page in result.pages if page.first_load)  # start, or resuming elsewhere
        heaviest = max(result.later, key=lambda page: page.total)
        lines.append(f"  {f'{result.slug} [{result.language}]':<42} {len(result.pages):>5} "
                     f"{first:>8,} {heaviest.total:>10,}  {heaviest.label}")
    return "\n".join(lines)
