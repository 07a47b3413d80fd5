"""The question types. Each module defines one type with the same small interface
(see ``base.QuestionKind``); ``kind_for`` finds the one for a question.

Adding a type: write ``<type>.py`` with a QuestionKind subclass, register it below, add its
template partial to ``frontend/templates/surveys/question_types.html`` and a test.
"""

from .base import DONT_KNOW, PREFER_NOT_TO_SAY, SPECIAL_ANSWERS, AnswerErrors, QuestionKind
from .choice import MultipleChoice, SingleChoice
from .date import DateQuestion
from .number import NumberQuestion
from .scale import GridQuestion, ScaleQuestion
from .text import LongTextQuestion, TextQuestion

KINDS: dict[str, QuestionKind] = {
    kind.type: kind
    for kind in (SingleChoice(), MultipleChoice(), ScaleQuestion(), GridQuestion(), NumberQuestion(),
                 DateQuestion(), TextQuestion(), LongTextQuestion())
}


def kind_for(question: dict) -> QuestionKind:
    return KINDS[question["type"]]


__all__ = ["DONT_KNOW", "KINDS", "PREFER_NOT_TO_SAY", "SPECIAL_ANSWERS", "AnswerErrors",
           "QuestionKind", "kind_for"]
