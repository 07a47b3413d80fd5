from functools import cache

from django.conf import settings
from django.shortcuts import render
from django.utils.safestring import mark_safe

from .prose import render_document

STATEMENT = settings.BASE_DIR / "docs" / "accessibility.md"


@cache
def _statement_html() -> str:
    return render_document(STATEMENT, contact=settings.ACCESSIBILITY_CONTACT_EMAIL)


def accessibility_statement(request):
    """The statement kept in docs/accessibility.md, linked from every page's footer."""
    return render(request, "frontend/accessibility.html", {"statement": mark_safe(_statement_html())})
