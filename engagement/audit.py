"""Recording what staff did. Call ``audit_record`` from the service that does the thing."""

from .models import AuditEvent


def audit_record(*, actor, action: str, target: str = "", **detail) -> AuditEvent:
    actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(actor=actor, action=action, target=target[:200], detail=detail)
