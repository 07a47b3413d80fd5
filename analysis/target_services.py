"""Saving and retiring targets: one transaction and one audit event each."""

from django.db import transaction
from django.utils import timezone

from engagement.audit import audit_record

from .models import Target

AUDITED = ("name", "measure", "question_codes", "direction", "threshold", "positive", "characteristics",
           "period_from", "period_to")


def _described(target: Target) -> dict:
    return {field: _jsonable(getattr(target, field)) for field in AUDITED}


def _jsonable(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


@transaction.atomic
def target_save(*, target: Target, user) -> Target:
    """Create or update ``target``; the audit event holds the values before and after."""
    before = _described(Target.objects.get(pk=target.pk)) if target.pk else None
    created = target.pk is None
    target.save()
    audit_record(actor=user, action="target.create" if created else "target.update", target=target.name,
                 programme=target.programme.slug, target_id=target.pk, before=before, after=_described(target))
    return target


@transaction.atomic
def target_retire(*, target: Target, user) -> Target:
    """Stop tracking ``target``; it is kept (and named in the audit log), never deleted."""
    target.retired_on = timezone.now()
    target.save(update_fields=["retired_on"])
    audit_record(actor=user, action="target.retire", target=target.name, programme=target.programme.slug,
                 target_id=target.pk)
    return target
