"""Translations of a survey's own text, kept on the draft and published with the definition.

A translation table maps keys to text, one table per language:
  survey.title / survey.description / survey.time_needed / survey.privacy_notice
  page.<key>.title / page.<key>.intro
  <code>.text / <code>.help / <code>.<option code> / <code>.min_label / <code>.max_label
  <grid item code>.text
(the keys ``Definition.translated`` reads). Untranslated keys fall back to English, so a
partial translation still works. Answers are stored as codes whatever the language, so
responses in every language are analysed together.
"""

import json

from django.conf import settings
from django.db import transaction

from engagement.audit import audit_record

from .definition import DefinitionError
from .models import Survey
from .tabular import TableError, read_table

SURVEY_TEXTS = ("title", "description", "time_needed", "privacy_notice")
MAX_TEXT = 5000


def translation_languages() -> dict[str, str]:
    """Languages a survey may be translated into: the site's languages except English."""
    return {code: name for code, name in settings.LANGUAGES if code != "en"}


def translatable_texts(data: dict) -> list[tuple[str, str]]:
    """(key, English text) for every non-empty text of a definition, in reading order."""
    texts = [(f"survey.{field}", data.get("survey", {}).get(field) or "") for field in SURVEY_TEXTS]
    for page in data.get("pages", []):
        texts += [(f"page.{page['key']}.title", page.get("title") or ""),
                  (f"page.{page['key']}.intro", page.get("intro") or "")]
        for q in page.get("questions", []):
            texts += _question_texts(q)
    return [(key, str(text)) for key, text in texts if text]


def _question_texts(q: dict) -> list[tuple[str, str]]:
    code = q["code"]
    texts = [(f"{code}.text", q.get("text")), (f"{code}.help", q.get("help"))]
    texts += [(f"{code}.{o['code']}", o.get("label")) for o in q.get("options") or []]
    texts += [(f"{item['code']}.text", item.get("text")) for item in q.get("items") or []]
    scale = q.get("scale") or {}
    texts += [(f"{code}.min_label", scale.get("min_label")), (f"{code}.max_label", scale.get("max_label"))]
    return texts


def current_translations(translations: dict, data: dict) -> dict:
    """The draft's translations that still fit the definition. A key for a question since
    removed stays in the draft store (it comes back if the question does) but is not published."""
    known = {key for key, _ in translatable_texts(data)}
    kept = {language: {k: v for k, v in table.items() if k in known} for language, table in translations.items()}
    return {language: table for language, table in kept.items() if table}


def check_translations(translations, data: dict) -> list[str]:
    """Problems with a {language: {key: text}} store for this definition (empty list: fine)."""
    if not isinstance(translations, dict):
        return ["'translations' must map language codes to tables of text"]
    problems = []
    for language, table in translations.items():
        problems += check_table(language, table, data)
    return problems


def check_table(language: str, table, data: dict) -> list[str]:
    languages = translation_languages()
    if language not in languages:
        offered = ", ".join(sorted(languages))
        return [f"translations: '{language}' is not a language this site offers (offered: {offered})"]
    if not isinstance(table, dict):
        return [f"translations.{language}: must map keys to text"]
    known = {key for key, _ in translatable_texts(data)}
    problems = [f"translations.{language}: there is no text with the key '{key}'"
                for key in table if key not in known]
    problems += [f"translations.{language}.{key}: must be text of at most {MAX_TEXT} characters"
                 for key, text in table.items() if not isinstance(text, str) or len(text) > MAX_TEXT]
    return problems


def table_from_file(uploaded, filename: str) -> dict[str, str]:
    """A {key: text} table from an uploaded CSV/XLSX (columns key and translation) or JSON.

    Raises DefinitionError naming each bad row. Rows with an empty translation are left out,
    so English shows for them.
    """
    if filename.lower().endswith(".json"):
        return _table_from_json(uploaded.read())
    try:
        table = read_table(uploaded, filename)
    except TableError as exc:
        raise DefinitionError([str(exc)]) from exc
    missing = {"key", "translation"} - set(table.header)
    if missing:
        names = ", ".join(sorted(missing))
        raise DefinitionError([f"The file needs the columns key and translation (missing: {names})"])
    result, problems = {}, []
    for number, row in table.rows:
        key, text = (row.get("key") or "").strip(), (row.get("translation") or "").strip()
        if text and not key:
            problems.append(f"row {number}: the key is empty")
        elif key in result:
            problems.append(f"row {number}: the key '{key}' is used twice")
        elif text:
            result[key] = text
    if problems:
        raise DefinitionError(problems)
    return result


def _table_from_json(raw: bytes) -> dict[str, str]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DefinitionError([f"The file is not valid JSON: {exc}"]) from exc
    # Either a bare {key: text} table, or {"language": ..., "note": ..., "translations": {...}}.
    table = data.get("translations") if isinstance(data, dict) and "translations" in data else data
    if not isinstance(table, dict):
        raise DefinitionError(["The JSON must be an object mapping keys to text"])
    return {key: text.strip() if isinstance(text, str) else text for key, text in table.items() if text}


def draft_definition(survey: Survey) -> dict:
    from .publishing import survey_definition_from_draft

    return survey_definition_from_draft(survey)


@transaction.atomic
def survey_translation_set(*, survey: Survey, language: str, table: dict, user=None) -> int:
    """Replace one language's translations of the draft. Publish to show them to respondents.

    Raises DefinitionError listing unknown keys or a language the site does not offer.
    Returns how many texts are translated.
    """
    problems = check_table(language, table, draft_definition(survey))
    if problems:
        raise DefinitionError(problems)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    survey.translations = {**survey.translations, language: dict(table)}
    survey.save(update_fields=["translations", "updated_at"])
    audit_record(actor=user, action="survey.translation_set", target=survey.slug, language=language,
                 texts=len(table))
    return len(table)


@transaction.atomic
def survey_translation_delete(*, survey: Survey, language: str, user=None) -> None:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    survey.translations = {lang: t for lang, t in survey.translations.items() if lang != language}
    survey.save(update_fields=["translations", "updated_at"])
    audit_record(actor=user, action="survey.translation_delete", target=survey.slug, language=language)


def translation_rows(survey: Survey, language: str) -> list[list[str]]:
    """A sheet for translators: key, English, current translation (empty where missing)."""
    table = survey.translations.get(language, {})
    return [["key", "english", "translation"]] + [
        [key, english, table.get(key, "")] for key, english in translatable_texts(draft_definition(survey))]
