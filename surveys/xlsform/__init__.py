"""XLSForm (ODK / KoboToolbox spreadsheet forms) to and from our survey definitions.

``xlsform_to_definition`` reads a workbook with pyxform and reports what it could not keep;
``definition_to_xlsform`` writes one. The two services below add saving and the audit log.
"""

from django.db import transaction

from engagement import access
from engagement.audit import audit_record

from ..definition import DefinitionError
from ..models import Survey
from ..publishing import survey_definition_from_draft, survey_import_definition, survey_publish
from .reader import XLSFormImport, xlsform_to_definition
from .source import XLSFormError
from .writer import definition_to_xlsform

__all__ = ["SkippedParts", "XLSFormError", "XLSFormImport", "definition_to_xlsform", "survey_export_xlsform",
           "survey_import_xlsform", "xlsform_to_definition"]


class SkippedParts(XLSFormError):
    """The form is usable, but parts of it cannot be kept: the author must agree to leave them out."""

    def __init__(self, result: XLSFormImport):
        super().__init__([f"Skipped: {line}" for line in result.skipped])
        self.result = result


def survey_import_xlsform(*, raw: bytes, programme, user=None, slug: str | None = None, publish: bool = False,
                          skip_unsupported: bool = False) -> tuple[Survey, XLSFormImport]:
    """Create a survey (or replace the draft of the survey with the same slug) from an XLSForm,
    and publish it if asked. Raises XLSFormError listing every problem, or SkippedParts when
    parts cannot be kept and ``skip_unsupported`` is not given; nothing is saved then.

    With a ``user``, a survey of another programme, or one they cannot edit, is never replaced.
    """
    result = xlsform_to_definition(raw, slug=slug)
    existing = Survey.objects.filter(slug=result.definition["survey"]["slug"]).select_related("programme").first()
    if user is not None and existing is not None and (
            existing.programme_id != programme.pk or not access.can_edit_surveys(user, existing.programme)):
        where = existing.programme
        raise XLSFormError([f"A survey called '{existing.slug}' already exists in {where}; choose another name"])
    if result.skipped and not skip_unsupported:
        raise SkippedParts(result)
    try:
        with transaction.atomic():
            survey = survey_import_definition(data=result.definition, programme=programme, user=user)
            if publish:
                survey_publish(survey=survey, user=user)
    except DefinitionError as exc:
        raise XLSFormError(exc.problems) from exc
    audit_record(actor=user, action="survey.import_xlsform", target=survey.slug, skipped=result.skipped,
                 notes=result.notes, warnings=result.warnings, languages=result.languages, published=publish)
    survey.refresh_from_db()
    return survey, result


def survey_export_xlsform(*, survey: Survey, user=None) -> bytes:
    """The survey's draft as an XLSForm workbook (.xlsx bytes)."""
    audit_record(actor=user, action="survey.export_xlsform", target=survey.slug)
    return definition_to_xlsform(survey_definition_from_draft(survey))
