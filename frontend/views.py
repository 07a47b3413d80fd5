from functools import cache

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

from .prose import render_document

STATEMENT = settings.BASE_DIR / "docs" / "accessibility.md"


@cache
def _statement_html() -> str:
    return render_document(STATEMENT, contact=settings.ACCESSIBILITY_CONTACT_EMAIL)


def accessibility_statement(request):
    """The statement kept in docs/accessibility.md, linked from every page's footer."""
    return render(request, "frontend/accessibility.html", {"statement": mark_safe(_statement_html())})


def csrf_failure(request, reason=""):
    """A form refused because its security cookie was missing or stale (cookies blocked, a page
    left open for days): a page of the service, in the language the person reads, that says
    their earlier answers are kept and takes them back to the form to send it again."""
    language = translation.get_language_from_request(request)
    translation.activate(language)
    path = request.path
    if path.endswith("/begin/"):
        path = path.removesuffix("begin/")  # the survey's start page
    elif not path.startswith("/s/"):
        referer = request.headers.get("Referer", "")
        path = referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}) else "/"
    context = {"again_url": path, "page_lang": language, "page_dir": "rtl" if translation.get_language_bidi() else "ltr"}
    return render(request, "403_csrf.html", context, status=403)
