"""Variants of a survey (an Easy Read version) published beside the standard one.

A variant asks some of the standard survey's questions in plainer words. It must use the
standard survey's codes (and the same option codes and scale), so analysis can pool both:
``survey_family`` gives the surveys to pool, ``family_responses`` their responses.
"""

from django.db.models import F, Q, QuerySet

from .models import Response, Survey
from .question_types import kind_for


def survey_family(survey: Survey) -> QuerySet:
    """The standard survey and all its variants, standard first; analyse their responses as one."""
    main_id = survey.variant_of_id or survey.pk
    return Survey.objects.filter(Q(pk=main_id) | Q(variant_of_id=main_id)).order_by(
        F("variant_of_id").asc(nulls_first=True), "slug")


def family_responses(survey: Survey) -> QuerySet:
    return Response.objects.filter(survey__in=survey_family(survey))


def open_variant(survey: Survey, kind: str = Survey.Variant.EASY_READ) -> Survey | None:
    return survey.variants.filter(variant_kind=kind, status=Survey.Status.OPEN,
                                  current_version__isnull=False).first()


def variant_problems(variant: dict, main: dict) -> list[str]:
    """Why a variant's definition cannot be analysed with the standard one (empty: it can).

    Every question must exist in the standard survey with the same type; choice questions
    must offer the same option codes, scales the same points, grids a subset of its items.
    """
    main_questions = {q["code"]: q for page in main["pages"] for q in page["questions"]}
    problems = []
    for page in variant["pages"]:
        for q in page["questions"]:
            other = main_questions.get(q["code"])
            if other is None:
                problems.append(f"question '{q['code']}' is not in the standard survey")
            else:
                problems += _question_differences(q, other)
    return problems


def _question_differences(q: dict, other: dict) -> list[str]:
    where = f"question '{q['code']}'"
    if q["type"] != other["type"]:
        return [f"{where} is {q['type']} here but {other['type']} in the standard survey"]
    problems = []
    codes, main_codes = [o["code"] for o in q.get("options") or []], [o["code"] for o in other.get("options") or []]
    if set(codes) != set(main_codes):
        problems.append(f"{where} must offer the option codes {', '.join(main_codes)} (it has {', '.join(codes)})")
    scale, main_scale = q.get("scale") or {}, other.get("scale") or {}
    if (scale.get("min"), scale.get("max")) != (main_scale.get("min"), main_scale.get("max")):
        problems.append(f"{where} must use the scale {main_scale.get('min')} to {main_scale.get('max')}")
    extra_items = set(kind_for(q).value_codes(q)) - set(kind_for(other).value_codes(other))
    if q["type"] == "grid" and extra_items:
        problems.append(f"{where} has items not in the standard survey: {', '.join(sorted(extra_items))}")
    extra_special = set(q.get("special", ())) - set(other.get("special", ()))
    if extra_special:
        problems.append(f"{where} offers {', '.join(sorted(extra_special))}, which the standard survey does not")
    return problems


def publish_problems(survey: Survey, definition: dict) -> list[str]:
    """Problems publishing ``definition`` for ``survey`` would cause within its family."""
    if survey.variant_of_id:
        main = survey.variant_of
        if main.variant_of_id:
            return [f"'{main.slug}' is itself a variant; a variant must point at the standard survey"]
        if main.programme_id != survey.programme_id:
            return [f"a variant must be in the same programme as '{main.slug}'"]
        if not main.current_version_id:
            return [f"publish the standard survey '{main.slug}' first"]
        return [f"Easy Read variant: {p}" for p in variant_problems(definition, main.current_version.definition)]
    problems = []
    for variant in survey.variants.exclude(current_version=None).select_related("current_version"):
        problems += [f"variant '{variant.slug}' would no longer match: {p}"
                     for p in variant_problems(variant.current_version.definition, definition)]
    return problems
