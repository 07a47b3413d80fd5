"""The demo definitions in the order seed_demo must load them, with their translations.

Standard surveys come before their variants (an Easy Read file names its standard survey in
``survey.variant_of``, which must exist first). Translations live beside the definitions in
``translations/<survey slug>.<language>.json`` so translators and question writers never edit
the same file; keys the definition no longer has are left out, so the demo still loads.
"""

import json
from pathlib import Path

from surveys.translations import translatable_texts


def demo_definitions(directory: Path) -> list[dict]:
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
