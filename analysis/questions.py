"""What analysis needs to know about a survey's closed questions and characteristics.

Pure: reads a frozen ``Definition`` only. A grid's items are questions in their own right
here (each has its own stored code), sharing the grid's scale.
"""

from dataclasses import dataclass

from surveys.definition import Definition
from surveys.equality import CHARACTERISTICS
from surveys.question_types import SPECIAL_ANSWERS

from .disclosure import NOT_ANSWERED, PREFER_NOT_TO_SAY

CLOSED_TYPES = ("single", "multiple", "scale", "grid")
GROUP_LABELS = {PREFER_NOT_TO_SAY: "Prefer not to say", NOT_ANSWERED: "Not answered"}


@dataclass(frozen=True)
class ClosedQuestion:
    code: str
    type: str  # "scale" (grid items too), "single" or "multiple"
    text: str
    options: tuple[tuple[str, str], ...] = ()  # (code, label), choice questions
    scale: dict | None = None  # {"min", "max", "min_label", "max_label"}
    special: tuple[str, ...] = ()

    def default_positive(self) -> tuple[str, ...]:
        """Answers counted as positive (§4.1, §4.2): 6-7 on 1-7, 4-5 on 1-5, 7-10 on 0-10,
        otherwise the top two points. Choice questions have no default."""
        if self.scale is None:
            return ()
        low, high = self.scale["min"], self.scale["max"]
        first = 7 if (low, high) == (0, 10) else high - 1
        return tuple(str(v) for v in range(max(first, low), high + 1))

    def answer_values(self) -> list[str]:
        """Every stored answer code, as text, in display order (special answers last)."""
        if self.scale is not None:
            points = [str(v) for v in range(self.scale["min"], self.scale["max"] + 1)]
        else:
            points = [code for code, _ in self.options]
        return [*points, *self.special]

    def value_label(self, value: str) -> str:
        if value in SPECIAL_ANSWERS:
            return SPECIAL_ANSWERS[value]
        if self.scale is not None:
            ends = {str(self.scale["min"]): self.scale.get("min_label"),
                    str(self.scale["max"]): self.scale.get("max_label")}
            return f"{value} ({ends[value]})" if ends.get(value) else value
        return dict(self.options).get(value, value)


def closed_questions(definition: Definition) -> list[ClosedQuestion]:
    """Every closed question and grid item, in survey order."""
    found = []
    for q in definition.questions:
        if q["type"] not in CLOSED_TYPES:
            continue
        special = tuple(q.get("special") or ())
        if q["type"] == "grid":
            found += [ClosedQuestion(item["code"], "scale", f"{q['text']}: {item['text']}",
                                     scale=q["scale"], special=special) for item in q["items"]]
        else:
            options = tuple((o["code"], o["label"]) for o in q.get("options") or ())
            found.append(ClosedQuestion(q["code"], q["type"], q["text"], options,
                                        q.get("scale") if q["type"] == "scale" else None, special))
    return found


def closed_question(definition: Definition, code: str) -> ClosedQuestion | None:
    return next((q for q in closed_questions(definition) if q.code == code), None)


def declared_characteristics(definition: Definition) -> list[str]:
    """Characteristics the survey's own questions record, in survey order."""
    return list(dict.fromkeys(q["characteristic"] for q in definition.questions if q.get("characteristic")))


def group_order(definition: Definition, characteristic: str) -> dict[str, str]:
    """Known groups of a characteristic, code -> label, in reporting order.

    The survey's own question (its options) wins; the equality block's labels fill in.
    """
    labels = dict(CHARACTERISTICS.get(characteristic, {}).get("groups", {}))
    for q in definition.questions:
        if q.get("characteristic") == characteristic and q.get("options"):
            own = {o["code"]: o["label"] for o in q["options"]}
            labels = {**own, **{k: v for k, v in labels.items() if k not in own}}
    labels.pop(PREFER_NOT_TO_SAY, None)
    return {**labels, **GROUP_LABELS}


def characteristic_label(characteristic: str) -> str:
    if characteristic == "channel":
        return "Channel"
    return CHARACTERISTICS.get(characteristic, {}).get("label") or characteristic.replace("_", " ").capitalize()
