"""Reads for the theme pages and API: codebooks a person may see, the review queue, and
answers with their tags. Everything returned carries redacted text only."""

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q

from engagement import access
from engagement.models import Role
from surveys.models import Survey

from .models import APPLIES, AnswerTag, Codebook, Coding, TextAnswer

QUEUE_LENGTH = 200


def surveys_for(user):
    """Published surveys of the programmes ``user`` analyses."""
    return (Survey.objects.filter(programme__in=access.programmes_for(user, Role.ANALYST),
                                  current_version__isnull=False)
            .select_related("programme").order_by("title"))


def codebooks_for(user, survey: Survey | None = None):
    books = Codebook.objects.filter(survey__programme__in=access.programmes_for(user, Role.ANALYST))
    if survey is not None:
        books = books.filter(survey=survey)
    return books.select_related("survey").annotate(
        n_themes=Count("themes", distinct=True), n_coded=Count("codings", distinct=True))


def codebook_answers(codebook: Codebook):
    """The codebook's question's answers, each with this codebook's tags prefetched."""
    tags = AnswerTag.objects.filter(theme__codebook=codebook).select_related("theme").order_by(
        "theme__position", "theme_id")
    return (TextAnswer.objects.filter(survey=codebook.survey_id, question_code=codebook.question_code)
            .annotate(coded=Exists(Coding.objects.filter(codebook=codebook, answer=OuterRef("pk"))))
            .prefetch_related(Prefetch("tags", queryset=tags, to_attr="codebook_tags")).order_by("id"))


def answers_with_theme(codebook: Codebook, theme_id: int | None):
    answers = codebook_answers(codebook)
    if theme_id:
        answers = answers.filter(tags__theme_id=theme_id, tags__source__in=APPLIES)
    return answers


def review_queue(codebook: Codebook, model=None) -> list[int]:
    """Answer ids to review, best first: the tagger's "code next" picks, then answers with
    undecided suggestions (least confident first), then answers with no tags at all."""
    open_answers = (TextAnswer.objects.filter(survey=codebook.survey_id, question_code=codebook.question_code,
                                              non_answer=False)
                    .exclude(codings__codebook=codebook))
    picks = list(model.next_to_code) if model else []
    open_ids = set(open_answers.filter(pk__in=picks).values_list("pk", flat=True)) if picks else set()
    queue = [pk for pk in picks if pk in open_ids]
    pending = (open_answers.annotate(weakest=Min("tags__confidence", filter=Q(
        tags__theme__codebook=codebook, tags__source=AnswerTag.Source.SUGGESTED)))
        .filter(weakest__isnull=False).order_by("weakest", "pk").values_list("pk", flat=True))
    queue += [pk for pk in pending[:QUEUE_LENGTH] if pk not in open_ids]
    if len(queue) < QUEUE_LENGTH:
        untouched = open_answers.exclude(tags__theme__codebook=codebook).order_by("pk")
        queue += list(untouched.values_list("pk", flat=True)[:QUEUE_LENGTH - len(queue)])
    return queue[:QUEUE_LENGTH]


def queue_size(codebook: Codebook) -> int:
    """Answers not coded yet (non-answers never need coding)."""
    return (TextAnswer.objects.filter(survey=codebook.survey_id, question_code=codebook.question_code,
                                      non_answer=False).exclude(codings__codebook=codebook).count())


def tag_rows(answer: TextAnswer) -> list[AnswerTag]:
    """Tags prefetched by ``codebook_answers``, suggestions and decisions alike."""
    return getattr(answer, "codebook_tags", [])
