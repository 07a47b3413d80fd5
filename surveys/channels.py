"""Channels: what brought a respondent (a community group, a QR poster, a campaign).

A respondent who opens ``/s/<survey>/?c=<code>`` has the channel stored with their response,
so reach can be counted by channel. Channels with no programme are shared by every programme
(the authority's directory of community groups); who may manage which channel is decided in
``engagement.access``.
"""

import io
import re
from dataclasses import dataclass

import segno
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse

from engagement import access
from engagement.audit import audit_record
from engagement.models import Role

from .models import Channel, Survey
from .tabular import TableError, cell_text, read_table

CODE = re.compile(r"^(?!(?:new|import)$)[a-z0-9][a-z0-9_-]{0,59}$")  # 'new', 'import' are staff URLs
IMPORT_COLUMNS = ("code", "name", "kind")


class ChannelImportError(Exception):
    """Rows that stopped a channel import, as (row number, message); nothing was saved."""

    def __init__(self, problems: list[tuple[int, str]]):
        super().__init__("; ".join(f"row {row}: {message}" for row, message in problems[:20]))
        self.problems = problems


def can_manage_channel(user, channel: Channel) -> bool:
    """Authors manage their programmes' channels, and the shared ones (no programme)."""
    return access.can_edit_surveys(user, channel.programme)


def channel_list_for_user(user, *, query: str = "", kind: str = "") -> QuerySet:
    """Channels ``user`` may manage, optionally searched (name or code) and filtered by kind."""
    channels = Channel.objects.filter(Q(programme__isnull=True)
                                      | Q(programme__in=access.programmes_for(user, Role.AUTHOR)))
    if query:
        channels = channels.filter(Q(name__icontains=query) | Q(code__icontains=query))
    if kind:
        channels = channels.filter(kind=kind)
    return channels.select_related("programme").order_by("-active", "name")


def channel_save(*, channel: Channel, user) -> Channel:
    """Create or update a channel (validated by the form); recorded in the audit log."""
    created = channel.pk is None
    channel.save()
    audit_record(actor=user, action="channel.create" if created else "channel.update", target=channel.code,
                 name=channel.name, kind=channel.kind, active=channel.active)
    return channel


def channel_deactivate(*, channel: Channel, user) -> None:
    """Stop recording the channel for new respondents. Responses keep it; links fall back to none."""
    channel.active = False
    channel.save(update_fields=["active"])
    audit_record(actor=user, action="channel.deactivate", target=channel.code)


@dataclass
class ImportResult:
    created: int
    updated: int


@transaction.atomic
def channels_import(*, uploaded, filename: str, user, programme=None) -> ImportResult:
    """Create or update channels from a CSV/XLSX with columns code, name, kind: all rows or none.

    Existing codes get the new name and kind. Raises TableError for an unreadable file and
    ChannelImportError naming every bad row.
    """
    table = read_table(uploaded, filename)
    missing = [c for c in IMPORT_COLUMNS if c not in table.header]
    if missing:
        raise TableError(f"The file needs the columns code, name and kind (missing: {', '.join(missing)})")
    existing = {c.code: c for c in Channel.objects.filter(code__in=[cell_text(r.get("code")).lower()
                                                                   for _, r in table.rows])}
    seen, problems, rows = {}, [], []
    for number, row in table.rows:
        code, name, kind = (cell_text(row.get(c)) for c in IMPORT_COLUMNS)
        code, problem = code.lower(), _row_problem(code.lower(), name, kind, seen, existing, user)
        if problem:
            problems.append((number, problem))
        else:
            rows.append((code, name, _kind(kind)))
        seen.setdefault(code, number)
    if problems:
        raise ChannelImportError(problems)
    for code, name, kind in rows:
        if code in existing:
            Channel.objects.filter(pk=existing[code].pk).update(name=name, kind=kind)
        else:
            Channel.objects.create(code=code, name=name, kind=kind, programme=programme)
    updated = sum(code in existing for code, _, _ in rows)
    audit_record(actor=user, action="channel.import", target=filename[:200], created=len(rows) - updated,
                 updated=updated)
    return ImportResult(created=len(rows) - updated, updated=updated)


def _kind(text: str) -> str | None:
    """A kind given as its code or its label, in any case; blank means 'other'."""
    wanted = text.strip().lower() or Channel.Kind.OTHER
    return next((value for value, label in Channel.Kind.choices if wanted in (value, label.lower())), None)


def _row_problem(code, name, kind, seen, existing, user) -> str | None:
    if not CODE.match(code):
        return "code must be lower-case letters, digits, - or _ (at most 60), starting with a letter or digit"
    if code in seen:
        return f"code '{code}' is already used on row {seen[code]}"
    if not name or len(name) > 200:
        return "name must be given, in at most 200 characters"
    if _kind(kind) is None:
        return f"kind '{kind}' is not one of {', '.join(Channel.Kind.values)}"
    if code in existing and not can_manage_channel(user, existing[code]):
        return f"code '{code}' belongs to a channel of a programme you do not manage"
    return None


def surveys_for_channel(channel: Channel, user) -> QuerySet:
    """Open surveys a channel's links and posters can point at, as this user sees them."""
    surveys = Survey.objects.filter(status=Survey.Status.OPEN, current_version__isnull=False,
                                    programme__in=access.programmes_for(user, Role.AUTHOR))
    if channel.programme_id:
        surveys = surveys.filter(programme_id=channel.programme_id)
    return surveys.select_related("programme").order_by("title")


def share_path(survey: Survey, channel: Channel) -> str:
    """The survey's start page with the channel code: ``/s/<survey>/?c=<code>``."""
    return f"{reverse('surveys:start', kwargs={'slug': survey.slug})}?c={channel.code}"


def qr_svg(url: str) -> bytes:
    """A QR code for ``url`` as SVG, made here (no third-party service sees the link).

    Error correction level M survives a little wear on a printed poster; the 4-module quiet
    zone is the minimum scanners need. A viewBox without a fixed size lets a poster scale it.
    """
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", scale=10, border=4, dark="#0b0c0c", light="#ffffff", xmldecl=False,
        title=url, svgclass=None, lineclass=None, omitsize=True)
    return buffer.getvalue()
