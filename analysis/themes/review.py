"""People's decisions on suggested tags: accept, reject, add, and finish an answer.

An answer counts as coded (a ``Coding``) once nothing suggested on it is left undecided;
its themes are then exactly the accepted and added ones. The next tagging job fits on the
coded answers, so decisions here change the tags of answers nobody has looked at.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import AnswerTag, Codebook, Coding, TextAnswer, Theme

Source = AnswerTag.Source
ACTIONS = ("accept", "reject", "add", "confirm", "none")
# What each per-theme action turns a tag into, from whatever it was.
_TARGET = {"accept": Source.ACCEPTED, "reject": Source.REJECTED}


@transaction.atomic
def review_apply(*, codebook: Codebook, answer: TextAnswer, action: str, theme: Theme | None = None,
                 user=None) -> bool:
    """Apply one decision; returns whether the answer is now coded.

    accept/reject/add need ``theme``; "confirm" accepts every undecided suggestion and
    "none" rejects every theme the answer has (no theme applies).
    """
    _check(codebook, answer, action, theme)
    decided = {"reviewed_by": user if user and user.is_authenticated else None, "reviewed_at": timezone.now()}
    tags = AnswerTag.objects.filter(answer=answer, theme__codebook=codebook)
    if action == "confirm":
        tags.filter(source=Source.SUGGESTED).update(source=Source.ACCEPTED, **decided)
    elif action == "none":
        tags.exclude(source=Source.REJECTED).update(source=Source.REJECTED, **decided)
    else:
        _decide(answer, theme, action, decided)
    return _settle_coding(codebook, answer, user, force=action in ("confirm", "none"))


def _check(codebook, answer, action, theme) -> None:
    if action not in ACTIONS:
        raise ValidationError({"action": f"Choose one of {', '.join(ACTIONS)}"})
    if answer.survey_id != codebook.survey_id or answer.question_code != codebook.question_code:
        raise ValidationError({"answer": "This answer is not to the codebook's question"})
    if answer.non_answer:
        raise ValidationError({"answer": "This is not an answer (for example “n/a”), so it has no themes"})
    needs_theme = action in _TARGET or action == "add"
    if needs_theme and (theme is None or theme.codebook_id != codebook.pk):
        raise ValidationError({"theme": "Choose a theme from this codebook"})


def _decide(answer, theme, action, decided) -> None:
    tag = AnswerTag.objects.select_for_update().filter(answer=answer, theme=theme).first()
    if tag is None:
        source = Source.HUMAN if action == "add" else _TARGET[action]
        AnswerTag.objects.create(answer=answer, theme=theme, source=source, **decided)
        return
    if action == "add":
        # Adding a theme the tagger had suggested is the same as accepting it.
        tag.source = Source.ACCEPTED if tag.suggested else Source.HUMAN
    else:
        tag.source = _TARGET[action]
        if action == "accept" and not tag.suggested:
            tag.source = Source.HUMAN
    tag.reviewed_by, tag.reviewed_at = decided["reviewed_by"], decided["reviewed_at"]
    tag.save()


def _settle_coding(codebook, answer, user, force: bool) -> bool:
    tags = AnswerTag.objects.filter(answer=answer, theme__codebook=codebook)
    pending = tags.filter(source=Source.SUGGESTED).exists()
    if pending or not (force or tags.exists()):
        return False
    Coding.objects.update_or_create(codebook=codebook, answer=answer,
                                    defaults={"coded_by": user if user and user.is_authenticated else None})
    return True


def coded_examples(codebook: Codebook) -> list[tuple[int, str, list[str]]]:
    """(answer id, redacted text, theme names) for every coded answer, oldest coding first."""
    names = dict(codebook.themes.values_list("pk", "name"))
    applied: dict[int, list[str]] = {}
    for answer_id, theme_id in AnswerTag.objects.filter(
            theme__codebook=codebook, source__in=(Source.ACCEPTED, Source.HUMAN),
            answer__codings__codebook=codebook).values_list("answer_id", "theme_id"):
        applied.setdefault(answer_id, []).append(names[theme_id])
    codings = Coding.objects.filter(codebook=codebook).order_by("coded_at", "pk")
    return [(answer_id, text, sorted(applied.get(answer_id, [])))
            for answer_id, text in codings.values_list("answer_id", "answer__text")]
