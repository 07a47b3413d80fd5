"""The programme survey definitions as shipped in surveys/demo."""

import json

from django.conf import settings

DEMO_DIR = settings.BASE_DIR / "surveys" / "demo"


def demo(name: str) -> dict:
    return json.loads((DEMO_DIR / f"{name}.json").read_text())
