"""Published theme shares for everyone: reviewed answers as coded, the rest corrected for the
tagger's measured error (``prevalence``), with a 95% interval and how many were reviewed.

Only the "everyone" figure is corrected; group breakdowns stay as counted and go through
the disclosure gate in ``counts``. Nothing is shown when the whole question has fewer
answers than the survey's minimum group size.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from .models import AnswerTag, Codebook, Coding, TextAnswer
from .prevalence import Share, theme_share

Source = AnswerTag.Source


@dataclass
class ThemeShares:
    answers: int
    reviewed: int
    shares: list[tuple[str, Share]] = field(default_factory=list)  # empty when too few answers

    def rows(self) -> list[dict]:
        """Per theme: estimate, interval and counted share as percentages (one decimal)."""
        return [{"theme": name, "estimate": _pct(s.estimate), "low": _pct(s.low), "high": _pct(s.high),
                 "counted": _pct(s.counted), "corrected": s.corrected} for name, s in self.shares]


def _pct(value: float) -> float:
    return round(100 * value, 1)


def theme_shares(codebook: Codebook) -> ThemeShares:
    answers = TextAnswer.objects.filter(survey=codebook.survey_id, question_code=codebook.question_code,
                                        non_answer=False)
    total = answers.count()
    coded = Coding.objects.filter(codebook=codebook, answer__non_answer=False)
    reviewed = coded.count()
    result = ThemeShares(total, reviewed)
    model = codebook.models.first()
    if total < codebook.survey.min_group_size or model is None:
        return result
    errors = model.metrics.get("error_counts", {})
    tags = AnswerTag.objects.filter(theme__codebook=codebook, answer__non_answer=False)
    coded_ids = coded.values("answer_id")
    truth = _by_theme(tags.filter(answer__in=coded_ids, source__in=(Source.ACCEPTED, Source.HUMAN)))
    predicted = _by_theme(tags.exclude(answer__in=coded_ids).exclude(source=Source.REJECTED))
    for pk, name in codebook.themes.values_list("pk", "name"):
        share = theme_share(reviewed=reviewed, reviewed_with=truth.get(pk, 0), unreviewed=total - reviewed,
                            predicted=predicted.get(pk, 0), errors=errors.get(name, (0, 0, 0, 0)))
        result.shares.append((name, share))
    return result


def _by_theme(tags) -> dict[int, int]:
    return dict(tags.values_list("theme").annotate(n=Count("answer", distinct=True)).values_list("theme", "n"))
