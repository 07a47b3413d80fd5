"""Turning the editable draft into a frozen version, and definitions to and from JSON."""

from django.db import transaction
from django.db.models import Max

from engagement.audit import audit_record

from .definition import SCHEMA_VERSION, DefinitionError
from .definition_checks import validate_definition
from .models import Choice, Page, Question, Survey, SurveyVersion
from .translations import check_translations, current_translations
from .variants import publish_problems

SURVEY_FIELDS = ("title", "description", "time_needed", "privacy_notice", "min_group_size")


def survey_definition_from_draft(survey: Survey) -> dict:
    """The survey's draft (pages, questions, choices) as a definition document."""
    pages = survey.pages.prefetch_related("questions__choices")
    data = {
        "schema": SCHEMA_VERSION,
        "survey": {"slug": survey.slug, "programme": survey.programme.slug,
                   **{field: getattr(survey, field) for field in SURVEY_FIELDS}},
        "pages": [_page_to_json(page) for page in pages],
    }
    if survey.variant_of_id:
        data["survey"].update(variant_of=survey.variant_of.slug, variant_kind=survey.variant_kind)
    translations = current_translations(survey.translations, data)
    if translations:
        data["translations"] = translations
    return data


def _page_to_json(page: Page) -> dict:
    return {"key": page.key, "title": page.title, "intro": page.intro, "condition": page.condition,
            "questions": [_question_to_json(q) for q in page.questions.all()]}


def _question_to_json(q: Question) -> dict:
    data = {"code": q.code, "type": q.type, "text": q.text, "help": q.help_text, "required": q.required,
            "special": [s for s, on in (("prefer_not_to_say", q.allow_prefer_not_to_say),
                                        ("dont_know", q.allow_dont_know)) if on],
            "condition": q.condition, "characteristic": q.characteristic}
    if q.type in ("single", "multiple"):
        data["options"] = [{"code": c.code, "label": c.label, "exclusive": c.exclusive} for c in q.choices.all()]
    if q.type in ("scale", "grid"):
        data["scale"] = {"min": q.scale_min, "max": q.scale_max,
                         "min_label": q.scale_min_label, "max_label": q.scale_max_label}
    if q.type == "grid":
        data["items"] = q.items
    for key, value in (("min", q.min_value), ("max", q.max_value), ("max_length", q.max_length)):
        if value is not None:
            # Bounds are stored as floats; give whole numbers back as written ("max": 50, not 50.0).
            data[key] = int(value) if isinstance(value, float) and value.is_integer() else value
    return data


@transaction.atomic
def survey_publish(*, survey: Survey, user=None) -> SurveyVersion:
    """Freeze the draft as the next version and open the survey to respondents."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    definition = validate_definition(survey_definition_from_draft(survey))
    problems = check_translations(definition.get("translations", {}), definition) + \
        publish_problems(survey, definition)
    if problems:
        raise DefinitionError(problems)
    number = (survey.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = SurveyVersion.objects.create(survey=survey, number=number, definition=definition,
                                           published_by=user if user and user.is_authenticated else None)
    survey.current_version = version
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["current_version", "status", "updated_at"])
    audit_record(actor=user, action="survey.publish", target=survey.slug, version=number)
    return version


@transaction.atomic
def survey_import_definition(*, data: dict, programme, user=None, slug: str | None = None) -> Survey:
    """Create a survey, or replace an existing survey's draft, from a definition document.

    Raises DefinitionError listing every problem; nothing is saved unless all is well.
    """
    validate_definition(data)
    meta = data.get("survey", {})
    slug = slug or meta.get("slug")
    if not slug:
        raise DefinitionError(["The definition needs survey.slug (or give a slug)"])
    translations = data.get("translations") or {}
    problems = check_translations(translations, data)
    if problems:
        raise DefinitionError(problems)
    fields = {field: meta[field] for field in SURVEY_FIELDS if meta.get(field) not in (None, "")}
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("description", "")
    fields.update(_variant_fields(meta, slug), translations=translations)
    survey, _ = Survey.objects.update_or_create(slug=slug, defaults={"programme": programme, **fields})
    survey.pages.all().delete()
    for position, page in enumerate(data["pages"]):
        page_from_definition(survey, position, page)
    audit_record(actor=user, action="survey.import_definition", target=slug)
    return survey


def _variant_fields(meta: dict, slug: str) -> dict:
    """survey.variant_of (a standard survey's slug) and variant_kind, as model fields."""
    main_slug = meta.get("variant_of")
    if not main_slug:
        return {"variant_of": None, "variant_kind": ""}
    main = Survey.objects.filter(slug=main_slug).first()
    if main is None or main_slug == slug:
        raise DefinitionError([f"survey.variant_of: there is no other survey '{main_slug}'; import it first"])
    kind = meta.get("variant_kind") or Survey.Variant.EASY_READ
    if kind not in Survey.Variant.values:
        raise DefinitionError([f"survey.variant_kind: must be one of {', '.join(Survey.Variant.values)}"])
    return {"variant_of": main, "variant_kind": kind}


def page_from_definition(survey: Survey, position: int, data: dict) -> None:
    """Create one page (with its questions and options) from its definition document."""
    page = Page.objects.create(survey=survey, position=position, key=data["key"], title=data.get("title", ""),
                               intro=data.get("intro", ""), condition=data.get("condition"))
    for q_position, q in enumerate(data["questions"]):
        scale = q.get("scale") or {}
        question = Question.objects.create(
            page=page, position=q_position, code=q["code"], type=q["type"], text=q["text"],
            help_text=q.get("help", ""), required=q.get("required", False),
            allow_prefer_not_to_say="prefer_not_to_say" in q.get("special", []),
            allow_dont_know="dont_know" in q.get("special", []),
            scale_min=scale.get("min"), scale_max=scale.get("max"),
            scale_min_label=scale.get("min_label", ""), scale_max_label=scale.get("max_label", ""),
            items=q.get("items", []), min_value=q.get("min"), max_value=q.get("max"),
            max_length=q.get("max_length"), condition=q.get("condition"),
            characteristic=q.get("characteristic", ""))
        Choice.objects.bulk_create(
            Choice(question=question, position=i, code=o["code"], label=o["label"], exclusive=o.get("exclusive", False))
            for i, o in enumerate(q.get("options", [])))
