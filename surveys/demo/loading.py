"""The demo definitions in the order seed_demo must load them, with their translations.

Standard surveys come before their variants (an Easy Read file names its standard survey in
``survey.variant_of``, which must exist first). Translations live beside the definitions in
``translations/<survey slug>.<language>.json`` so translators and question writers never edit
the same file; keys the definition no longer has are left out, so the demo still loads.
"""

import json
from pathlib import Path

from engagement.models import Programme
from surveys.models import Survey
from surveys.publishing import survey_import_definition, survey_publish
from surveys.translations import translatable_texts

DEMO_DIR = Path(__file__).resolve().parent


def demo_definitions(directory: Path = DEMO_DIR) -> list[dict]:
    definitions = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.json"))]
    for data in definitions:
        tables = _translation_tables(directory / "translations", data)
        if tables:
            data["translations"] = {**data.get("translations", {}), **tables}
    return sorted(definitions, key=lambda data: bool(data["survey"].get("variant_of")))


def _translation_tables(folder: Path, data: dict) -> dict[str, dict]:
    known = {key for key, _ in translatable_texts(data)}
    tables = {}
    for path in sorted(folder.glob(f"{data['survey']['slug']}.*.json")):
        content = json.loads(path.read_text(encoding="utf-8"))
        tables[content["language"]] = {k: v for k, v in content["translations"].items() if k in known}
    return tables


def demo_surveys_publish(directory: Path = DEMO_DIR) -> dict[str, Survey]:
    """Every demo survey published in its programme (created if missing), by slug, standard
    surveys first; a survey already published is left as it is."""
    surveys = {}
    for data in demo_definitions(directory):
        meta = data["survey"]
        survey = Survey.objects.filter(slug=meta["slug"], current_version__isnull=False).first()
        if survey is None:
            programme, _ = Programme.objects.get_or_create(
                slug=meta["programme"], defaults={"name": meta["programme"].replace("-", " ").capitalize()})
            survey = survey_import_definition(data=data, programme=programme)
            survey_publish(survey=survey)
            survey.refresh_from_db()
        surveys[meta["slug"]] = survey
    return surveys
