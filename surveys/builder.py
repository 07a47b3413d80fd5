"""The survey builder's domain: every change an author makes to a draft from the staff pages.

Authors never type JSON: pages, questions, options, grid items and routes are made from form
fields here, and each change is audited ("survey.edit" with what changed). Publishing goes
through ``publishing.survey_publish`` after ``changes_since_published`` has told the author what
changed since the last version and which changes break comparability with earlier responses.
"""

import json
import re

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from engagement.audit import audit_record

from .definition import Definition
from .definition_checks import CHOICE_TYPES, SCALE_TYPES
from .equality.block import equality_pages
from .models import Choice, Page, Question, Survey
from .publishing import page_from_definition, survey_definition_from_draft

DEMO_DIR = settings.BASE_DIR / "surveys" / "demo"


class BuilderError(ValueError):
    """A change the draft cannot take; the message is for the author."""


def _demo_pages(name: str, keys=None) -> list[dict]:
    pages = json.loads((DEMO_DIR / name).read_text())["pages"]
    return [p for p in pages if (p["key"] in keys if keys else not p["key"].startswith("eq-"))]


# The question bank: sets a new survey can start from (standards.md wording).
BANK = {
    "equality": ("Equality monitoring questions (GSS harmonised wording)", lambda: equality_pages()),
    "staff_edi": ("Staff EDI items (scored 1 to 7)", lambda: _demo_pages("staff-engagement.json", {"edi"})),
    "passenger_safety": ("Passenger safety set", lambda: _demo_pages("passenger-safety.json")),
}


def code_from(text: str, taken: set[str]) -> str:
    """A stable code from a label ("Very satisfied" -> "very_satisfied"), unique among ``taken``."""
    base = re.sub(r"[^a-z0-9_]", "", slugify(text).replace("-", "_"))[:50] or "item"
    if not base[0].isalpha():
        base = f"q_{base}"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code


def _codes_in(survey: Survey) -> set[str]:
    codes = set(Question.objects.filter(page__survey=survey).values_list("code", flat=True))
    for items in Question.objects.filter(page__survey=survey, type="grid").values_list("items", flat=True):
        codes |= {item["code"] for item in items}
    return codes


def _edited(actor, survey: Survey, change: str, **detail) -> None:
    audit_record(actor=actor, action="survey.edit", target=survey.slug, change=change, **detail)
    survey.save(update_fields=["updated_at"])


@transaction.atomic
def survey_create(*, actor, programme, title: str, slug: str, description: str, bank: list[str]) -> Survey:
    if Survey.objects.filter(slug=slug).exists():
        raise BuilderError("A survey with that web address already exists")
    survey = Survey.objects.create(programme=programme, title=title, slug=slug, description=description)
    pages = [page for key in bank for page in BANK[key][1]()]
    for position, page in enumerate(pages):
        page_from_definition(survey, position, page)
    audit_record(actor=actor, action="survey.create", target=slug, bank=bank)
    return survey


def _next_position(queryset) -> int:
    return (queryset.aggregate(n=Max("position"))["n"] or 0) + 1


@transaction.atomic
def page_add(*, actor, survey: Survey, title: str) -> Page:
    keys = set(survey.pages.values_list("key", flat=True))
    key = code_from(title, keys).replace("_", "-")
    page = Page.objects.create(survey=survey, key=key, title=title, position=_next_position(survey.pages))
    _edited(actor, survey, "page.add", page=key)
    return page


@transaction.atomic
def move(*, actor, obj: Page | Question, direction: str) -> None:
    """Swap a page or question with its neighbour ("up" or "down"); positions are renumbered."""
    siblings = list(obj.survey.pages.all() if isinstance(obj, Page) else obj.page.questions.all())
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings):
        type(sibling).objects.filter(pk=sibling.pk).update(position=position)
    survey = obj.survey if isinstance(obj, Page) else obj.page.survey
    _edited(actor, survey, f"{type(obj).__name__.lower()}.move", item=obj.key if isinstance(obj, Page) else obj.code,
            direction=direction)


@transaction.atomic
def remove(*, actor, obj: Page | Question) -> None:
    survey = obj.survey if isinstance(obj, Page) else obj.page.survey
    name = obj.key if isinstance(obj, Page) else obj.code
    obj.delete()
    _edited(actor, survey, f"{type(obj).__name__.lower()}.remove", item=name)


def _apply_settings(question: Question, *, text, help_text, required, prefer_not_to_say, scale, bounds,
                    max_length) -> None:
    """Set a question's own settings: a scale for scales and grids, bounds for numbers, a length for text."""
    question.text, question.help_text, question.required = text, help_text, required
    question.allow_prefer_not_to_say = prefer_not_to_say
    if question.type in SCALE_TYPES:
        question.scale_min, question.scale_max, question.scale_min_label, question.scale_max_label = scale
    if question.type == "number":
        question.min_value, question.max_value = bounds
    if question.type in ("text", "long_text"):
        question.max_length = max_length


def _set_options(question: Question, labels: list[str]) -> None:
    """Make the question's answers these labels, in order. A label it already had keeps its code,
    so answers collected with it still mean the same; a new label gets a new code."""
    existing = {choice.label: choice for choice in question.choices.all()}
    codes = {existing[label].code for label in labels if label in existing}
    question.choices.exclude(label__in=labels).delete()
    for position, label in enumerate(labels):
        if label in existing:
            Choice.objects.filter(pk=existing[label].pk).update(position=position)
        else:
            code = code_from(label, codes)
            codes.add(code)
            Choice.objects.create(question=question, position=position, code=code, label=label)


@transaction.atomic
def question_add(*, actor, page: Page, type: str, text: str, help_text: str = "", required: bool = False,
                 prefer_not_to_say: bool = False, options: list[str] = (), scale: tuple | None = None,
                 bounds: tuple = (None, None), max_length: int | None = None) -> Question:
    """Add a question with only the settings of its type: options for choices, a scale for
    scales and grids (whose items are added one by one with ``grid_item_add``), bounds for numbers."""
    survey = page.survey
    question = Question(page=page, position=_next_position(page.questions), type=type,
                        code=code_from(text, _codes_in(survey)))
    _apply_settings(question, text=text, help_text=help_text, required=required,
                    prefer_not_to_say=prefer_not_to_say, scale=scale, bounds=bounds, max_length=max_length)
    question.save()
    if type in CHOICE_TYPES:
        _set_options(question, list(options or ()))
    _edited(actor, survey, "question.add", question=question.code, type=type)
    return question


def has_fixed_answers(question: Question) -> bool:
    """An equality block question keeps the GSS answers its characteristic (and routes) depend on."""
    return bool(question.characteristic) or question.page.key.startswith("eq-")


@transaction.atomic
def question_edit(*, actor, question: Question, text: str, help_text: str = "", required: bool = False,
                  prefer_not_to_say: bool = False, options: list[str] | None = None, scale: tuple | None = None,
                  bounds: tuple = (None, None), max_length: int | None = None) -> None:
    """Change a question's settings; its code and type stay, so its answers stay comparable.
    ``options`` None leaves the answers as they are (an equality question keeps its GSS answers)."""
    _apply_settings(question, text=text, help_text=help_text, required=required,
                    prefer_not_to_say=prefer_not_to_say, scale=scale, bounds=bounds, max_length=max_length)
    question.save()
    if question.type in CHOICE_TYPES and options is not None:
        _set_options(question, options)
    _edited(actor, question.page.survey, "question.edit", question=question.code)


@transaction.atomic
def page_rename(*, actor, page: Page, title: str) -> None:
    """A page's title changes; its key (in its web address and routes) stays."""
    before, page.title = page.title, title
    page.save(update_fields=["title"])
    _edited(actor, page.survey, "page.rename", page=page.key, before=before, title=title)


@transaction.atomic
def grid_item_add(*, actor, question: Question, text: str) -> str:
    code = code_from(text, _codes_in(question.page.survey))
    question.items = [*question.items, {"code": code, "text": text}]
    question.save(update_fields=["items"])
    _edited(actor, question.page.survey, "grid.item_add", question=question.code, item=code)
    return code


@transaction.atomic
def grid_item_edit(*, actor, question: Question, code: str, text: str) -> None:
    """Reword one statement of a grid; its code (where its answers are stored) stays."""
    if code not in {item["code"] for item in question.items}:
        raise BuilderError("That statement is not in this grid")
    question.items = [dict(item, text=text) if item["code"] == code else item for item in question.items]
    question.save(update_fields=["items"])
    _edited(actor, question.page.survey, "grid.item_edit", question=question.code, item=code)


@transaction.atomic
def grid_item_remove(*, actor, question: Question, code: str) -> None:
    if code not in {item["code"] for item in question.items}:
        raise BuilderError("That statement is not in this grid")
    question.items = [item for item in question.items if item["code"] != code]
    question.save(update_fields=["items"])
    _edited(actor, question.page.survey, "grid.item_remove", question=question.code, item=code)


def route_choices(page: Page) -> list[tuple[Question, list[tuple[str, str]]]]:
    """Questions on earlier pages whose answers can decide whether ``page`` is shown."""
    earlier = Question.objects.filter(page__survey=page.survey, page__position__lt=page.position,
                                      type__in=["single", "multiple"]).prefetch_related("choices")
    return [(q, [(c.code, c.label) for c in q.choices.all()]) for q in earlier]


@transaction.atomic
def route_set(*, actor, page: Page, question_code: str, answer_code: str) -> None:
    """Show ``page`` only if the answer to an earlier question is (or includes) ``answer_code``."""
    allowed = {q.code: {code for code, _ in answers} for q, answers in route_choices(page)}
    if answer_code not in allowed.get(question_code, set()):
        raise BuilderError("Choose a question on an earlier page and one of its answers")
    page.condition = {"question": question_code, "equals": answer_code}
    page.save(update_fields=["condition"])
    _edited(actor, page.survey, "route.set", page=page.key, condition=page.condition)


@transaction.atomic
def route_clear(*, actor, page: Page) -> None:
    page.condition = None
    page.save(update_fields=["condition"])
    _edited(actor, page.survey, "route.clear", page=page.key)


def describe_condition(condition: dict | None, questions: dict[str, dict]) -> str:
    """A route in words for the author ("the answer to “How do you travel?” is “Bus”"), from
    a condition (surveys/logic.py) and the survey's questions by code."""
    if not condition:
        return ""
    for joiner, word in (("all", " and "), ("any", " or ")):
        if joiner in condition:
            return word.join(f"({describe_condition(part, questions)})" for part in condition[joiner])
    if "not" in condition:
        return f"not ({describe_condition(condition['not'], questions)})"
    q = questions.get(condition["question"], {"text": condition["question"]})
    labels = {o["code"]: o["label"] for o in q.get("options", [])}

    def answers(codes):
        return " or ".join(f"“{labels.get(code, code)}”" for code in codes)

    subject = f"the answer to “{q['text']}”"
    if "equals" in condition:
        return f"{subject} is {answers([condition['equals']])}"
    if "in" in condition:
        return f"{subject} is {answers(condition['in'])}"
    if "not_in" in condition:
        return f"{subject} is given and is not {answers(condition['not_in'])}"
    if "answered" in condition:
        return f"{subject} is {'given' if condition['answered'] else 'not given'}"
    if "age_gte" in condition:
        return f"{subject} shows an age of at least {condition['age_gte']}"
    return f"{subject} is {'at least' if 'gte' in condition else 'at most'} {condition.get('gte', condition.get('lte'))}"


def preview(survey: Survey, language: str = "en") -> dict:
    """The draft as respondents would see it in ``language`` (English when the draft has no such
    translation): every page, each with its route in words for the author (in English)."""
    english = Definition(survey_definition_from_draft(survey))
    languages = ["en", *sorted(english.data.get("translations", {}))]
    language = language if language in languages else "en"
    shown, questions = english.translated(language), english.question_by_code
    pages = [(page, describe_condition(page.get("condition"), questions),
              [(q, describe_condition(q.get("condition"), questions)) for q in page["questions"]])
             for page in shown.pages]
    return {"meta": shown.data["survey"], "pages": pages, "languages": languages, "language": language}


def _questions(definition: dict) -> dict[str, dict]:
    return {q["code"]: q for page in definition.get("pages", []) for q in page["questions"]}


def _meaning(q: dict) -> tuple:
    """What a stored answer to ``q`` means: change it and earlier answers no longer compare."""
    return (q["type"], [o["code"] for o in q.get("options", [])], q.get("scale"),
            [i["code"] for i in q.get("items", [])])


def changes_since_published(survey: Survey) -> tuple[list[str], list[str]]:
    """(what changed, what of it breaks comparability with responses already collected)."""
    draft = _questions(survey_definition_from_draft(survey))
    published = _questions(survey.current_version.definition) if survey.current_version_id else {}
    changes, breaking = [], []
    for code, q in draft.items():
        before = published.get(code)
        if before is None:
            changes.append(f"New question: {q['text']}")
        elif _meaning(before) != _meaning(q):
            changes.append(f"Answers changed: {q['text']}")
            if survey.current_version_id:
                breaking.append(f"“{q['text']}” now has different answers, so its results will not "
                                "compare with earlier responses")
        elif before["text"] != q["text"]:
            changes.append(f"Wording changed: {q['text']}")
            breaking.append(f"“{q['text']}” is worded differently; check earlier results still compare")
    for code, q in published.items():
        if code not in draft:
            changes.append(f"Removed question: {q['text']}")
            breaking.append(f"“{q['text']}” is removed: trends for it stop at this version")
    return changes, breaking
