"""engagement/ is the ground floor: settings, programmes, people, roles, audit, jobs. It imports
nothing from the apps built on it, so none of them can pull it into an import circle."""

import ast
from pathlib import Path

from django.conf import settings

UPPER_FLOORS = ("surveys", "analysis")


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def test_engagement_imports_nothing_from_surveys_or_analysis():
    files = sorted((settings.BASE_DIR / "engagement").rglob("*.py"))
    assert len(files) > 20  # migrations included: they must not depend upwards by import either
    upward = {f"{path.relative_to(settings.BASE_DIR)}: {module}" for path in files
              for module in _imported_modules(path) if module.split(".")[0] in UPPER_FLOORS}
    assert not upward


def test_the_check_sees_an_upward_import(tmp_path):
    """The walk finds both import forms, so the test above can fail."""
    sample = tmp_path / "sample.py"
    sample.write_text("import analysis.stats\nfrom surveys.models import Survey\nfrom . import access\n")
    assert _imported_modules(sample) == {"analysis.stats", "surveys.models"}
