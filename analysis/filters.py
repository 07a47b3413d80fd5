"""Which responses a result describes: the filters every results path accepts.

Pure: parsing and description only. ``analysis.frames`` turns a ``Filters`` into SQL.
"""

import datetime
from dataclasses import dataclass, field


class FilterError(ValueError):
    """Bad input, as {field: message}: the API answers 400, the CLI a CommandError."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Filters:
    """Restrict a result to some responses.

    ``date_from``/``date_to`` filter ``submitted_on`` (inclusive) and are widened to whole
    calendar months before use (see docs/analysis.md, "Filters and differencing").
    ``where`` holds (question or grid item code, accepted values) pairs; values are compared
    as text, so ``("edi_1", ("6", "7"))`` keeps answers 6 and 7, and for a multiple-choice
    question a value matches when that option was ticked.
    """

    programme: str | None = None  # programme slug; a survey outside it gives no responses
    surveys: tuple[str, ...] = ()  # survey slugs (waves); empty means the survey asked about
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    channels: tuple[str, ...] = ()  # Channel.code values; "none" means no channel
    where: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.date_from or self.date_to or self.channels or self.where)

    def describe(self) -> dict:
        """A JSON-ready description, for table metadata and audit records."""
        return {"programme": self.programme, "surveys": list(self.surveys),
                "from": self.date_from.isoformat() if self.date_from else None,
                "to": self.date_to.isoformat() if self.date_to else None,
                "channels": list(self.channels),
                "where": {code: list(values) for code, values in self.where}}


def parse_where(text: str) -> tuple[str, tuple[str, ...]]:
    """``"edi_1:6,7"`` -> ``("edi_1", ("6", "7"))``; raises FilterError if malformed."""
    code, sep, values = text.partition(":")
    chosen = tuple(v.strip() for v in values.split(",") if v.strip())
    if not sep or not code.strip() or not chosen:
        raise FilterError({"where": f"‘{text}’ should look like question_code:value[,value]"})
    return code.strip(), chosen
