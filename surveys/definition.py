"""Survey definitions as plain JSON: the frozen form of a version, and the import/export format.

    {"schema": 1, "survey": {...}, "pages": [{"key", "title", "intro", "condition",
      "questions": [{"code", "type", "text", "help", "required", "special", "options",
                     "scale", "items", "min", "max", "max_length", "condition",
                     "characteristic", "error"}]}],
     "translations": {"cy": {"<code>.text": "...", ...}}}

``Definition`` wraps a validated document with the lookups the journey and analysis need.
"""

from functools import cached_property, lru_cache

from . import logic
from .question_types import AnswerErrors, kind_for

SCHEMA_VERSION = 1
CODE_PATTERN = r"^[a-z][a-z0-9_]{0,59}$"


class DefinitionError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class Definition:
    def __init__(self, data: dict):
        self.data = data

    @cached_property
    def pages(self) -> list[dict]:
        return self.data["pages"]

    @cached_property
    def questions(self) -> list[dict]:
        return [q for page in self.pages for q in page["questions"]]

    @cached_property
    def question_by_code(self) -> dict[str, dict]:
        return {q["code"]: q for q in self.questions}

    @cached_property
    def page_by_key(self) -> dict[str, dict]:
        return {page["key"]: page for page in self.pages}

    @cached_property
    def value_codes(self) -> dict[str, dict]:
        """Every stored answer code -> the question that writes it (grid items included)."""
        return {code: q for q in self.questions for code in kind_for(q).value_codes(q)}

    def visible_pages(self, answers: dict) -> list[dict]:
        return [p for p in self.pages if logic.evaluate(p.get("condition"), answers)]

    def visible_questions(self, page: dict, answers: dict) -> list[dict]:
        return [q for q in page["questions"] if logic.evaluate(q.get("condition"), answers)]

    def questions_to_show(self, page: dict, answers: dict) -> list[dict]:
        """Questions a page displays: the visible ones, plus any whose condition depends on
        another question on the same page. Without JavaScript nothing can reveal them as the
        respondent answers, so they are shown (as GOV.UK conditional reveals are) and only
        checked if their condition holds when the page is sent; with JavaScript they are
        revealed as the condition comes to hold (surveys/static/surveys/reveal.js)."""
        revealed = self.revealed_by_page[page["key"]]
        return [q for q in page["questions"]
                if q["code"] in revealed or logic.evaluate(q.get("condition"), answers)]

    @cached_property
    def revealed_by_page(self) -> dict[str, set[str]]:
        """Page key -> codes of its questions whose condition looks at an answer on the same page."""
        revealed = {}
        for page in self.pages:
            on_page = {code for q in page["questions"] for code in kind_for(q).value_codes(q)}
            revealed[page["key"]] = {q["code"] for q in page["questions"]
                                     if logic.referenced_codes(q.get("condition")) & on_page}
        return revealed

    def page_after(self, key: str, answers: dict) -> dict | None:
        """The next page shown after ``key``, given the answers so far (None: the end)."""
        keys = [p["key"] for p in self.pages]
        for page in self.pages[keys.index(key) + 1:]:
            if logic.evaluate(page.get("condition"), answers):
                return page
        return None

    def prune(self, answers: dict) -> dict:
        """Keep only answers to questions that are shown, given the other answers.

        Walks the survey in order so that hiding an early question also hides what
        depended on it.
        """
        kept: dict = {}
        for page in self.pages:
            if not logic.evaluate(page.get("condition"), kept):
                continue
            for q in page["questions"]:
                if logic.evaluate(q.get("condition"), kept):
                    for code in kind_for(q).value_codes(q):
                        if code in answers:
                            kept[code] = answers[code]
        return kept

    def clean_page(self, page: dict, raw: dict, answers: dict) -> dict:
        """Clean one page's raw input; raises AnswerErrors with every problem on the page."""
        cleaned, errors = {}, {}
        for q in page["questions"]:
            if not logic.evaluate(q.get("condition"), {**answers, **cleaned}):
                continue
            try:
                cleaned.update(kind_for(q).clean(q, raw, required=q.get("required", False)))
            except AnswerErrors as exc:
                errors.update(exc.errors)
        if errors:
            raise AnswerErrors(errors)
        return cleaned

    def clean_complete(self, answers: dict) -> dict:
        """Validate a whole response given at once (API, imports).

        Unknown codes are refused rather than ignored, so a client learns of its mistake.
        """
        unknown = [code for code in answers if code not in self.value_codes
                   and code not in self.question_by_code]
        errors = dict.fromkeys(unknown, "There is no question with this code")
        cleaned: dict = {}
        for page in self.pages:
            if not logic.evaluate(page.get("condition"), cleaned):
                continue
            for q in page["questions"]:
                if not logic.evaluate(q.get("condition"), cleaned):
                    continue
                kind = kind_for(q)
                try:
                    cleaned.update(kind.clean(q, kind.from_json(q, answers), required=q.get("required", False)))
                except AnswerErrors as exc:
                    errors.update(exc.errors)
        if errors:
            raise AnswerErrors(errors)
        return cleaned

    def translated(self, language: str) -> "Definition":
        """This definition with texts replaced from ``translations[language]`` where present."""
        table = self.data.get("translations", {}).get(language)
        if not table:
            return self
        return Definition(_apply_translation(self.data, table))


def _apply_translation(data: dict, table: dict) -> dict:
    def tr(key, default):
        return table.get(key) or default

    pages = []
    for page in data["pages"]:
        questions = []
        for q in page["questions"]:
            q = dict(q, text=tr(f"{q['code']}.text", q["text"]), help=tr(f"{q['code']}.help", q.get("help", "")))
            if q.get("options"):
                q["options"] = [dict(o, label=tr(f"{q['code']}.{o['code']}", o["label"])) for o in q["options"]]
            if q.get("items"):
                q["items"] = [dict(i, text=tr(f"{i['code']}.text", i["text"])) for i in q["items"]]
            if q.get("scale"):
                q["scale"] = dict(q["scale"], min_label=tr(f"{q['code']}.min_label", q["scale"].get("min_label", "")),
                                  max_label=tr(f"{q['code']}.max_label", q["scale"].get("max_label", "")))
            questions.append(q)
        pages.append(dict(page, title=tr(f"page.{page['key']}.title", page.get("title", "")),
                          intro=tr(f"page.{page['key']}.intro", page.get("intro", "")), questions=questions))
    survey = dict(data["survey"])
    for field in ("title", "description", "privacy_notice", "time_needed"):
        if field in survey:
            survey[field] = tr(f"survey.{field}", survey[field])
    return dict(data, survey=survey, pages=pages)


@lru_cache(maxsize=256)
def for_version(version_id: int, language: str = "en") -> Definition:
    """The compiled definition of a version. Versions never change, so caching is safe."""
    from .models import SurveyVersion

    definition = Definition(SurveyVersion.objects.values_list("definition", flat=True).get(pk=version_id))
    return definition.translated(language) if language != "en" else definition
