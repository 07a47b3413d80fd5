"""Row-level responses, only for holders of a microdata grant, and only k-anonymous.

Who: a person an administrator of the survey's programme has granted this survey's microdata
(``MicrodataGrant``, granted and revoked here, each audited), who is also an analyst of that
programme, and never for a staff survey while one of its waves is still open (a colleague's
answer could be told from the moment it appears). Everyone else gets ``MicrodataRefused``
(a 403 with the reason) and works from the protected tables.

What: one row per response, without its id or day. Quasi-identifiers (``quasi_identifiers``:
every profile characteristic such as age band, sex, ethnic group or directorate, the channel,
the language and the month of submission) are made k-anonymous with k = the survey's minimum
group size (never below the standard's 10): every combination of their values in the file is held by at least k rows. The
month is first recoded to quarter or year when that costs fewer suppressed values
(``DATE_LEVELS``); then, in the rows whose combination is still rarer than k, values are
replaced by "suppressed", the most varied quasi-identifier first, and rows still alone after
every quasi-identifier is suppressed are left out. Equality-monitoring answers (date of birth
among them) appear only as the derived profile values. Free text is left out: no reviewed
redaction of it is recorded (docs/exports.md).
"""

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from engagement import access
from engagement.audit import audit_record
from engagement.checks import STANDARD_MIN_GROUP_SIZE
from engagement.models import Role
from surveys.definition import for_version
from surveys.models import QuestionType, Response, SurveyVersion
from surveys.variants import survey_family
from surveys.waves.selectors import wave_open_for

from .exports import raw
from .exports.raw import spreadsheet_value
from .exports.services import EQUALITY_CODES
from .models import MicrodataGrant

SUPPRESSED = "suppressed"
MONTH, CHANNEL, LANGUAGE = "submitted_month", "channel", "language"
DATE_LEVELS = ("month", "quarter", "year")
FREE_TEXT = {QuestionType.TEXT, QuestionType.LONG_TEXT}
PROFILE_PREFIX = "profile_"


class MicrodataRefused(PermissionDenied):
    """Why this person may not have this survey's microdata (shown as the 403's message)."""


# -- who -------------------------------------------------------------------------------------------

def active_grant(user, survey) -> MicrodataGrant | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return (MicrodataGrant.objects.filter(survey=survey, user=user, revoked_at__isnull=True,
                                          expires_on__gte=timezone.localdate()).first())


def require_microdata(user, survey) -> MicrodataGrant:
    """The grant that lets ``user`` download ``survey``'s microdata now, or MicrodataRefused."""
    grant = active_grant(user, survey)
    if grant is None or not access.user_has_role(user, Role.ANALYST, survey.programme):
        raise MicrodataRefused("Row-level responses need a microdata grant for this survey from an administrator "
                               "of its programme; the results tables and exports need only the analyst role.")
    if any(wave_open_for(member) is not None for member in survey_family(survey)):
        raise MicrodataRefused("A wave of this staff survey is still open: its row-level responses are released "
                               "only after the wave closes.")
    return grant


def grant_microdata(*, survey, user, granted_by, expires_on) -> MicrodataGrant:
    """Give ``user`` this survey's microdata until ``expires_on`` (administrators of the programme)."""
    access.require_role(granted_by, Role.ADMINISTRATOR, survey.programme)
    grant = MicrodataGrant.objects.create(survey=survey, user=user, granted_by=granted_by, expires_on=expires_on)
    audit_record(actor=granted_by, action="microdata.grant", target=survey.slug, survey=survey.slug,
                 user=user.email, expires_on=expires_on.isoformat())
    return grant


def revoke_microdata(*, grant: MicrodataGrant, revoked_by) -> None:
    access.require_role(revoked_by, Role.ADMINISTRATOR, grant.survey.programme)
    if grant.revoked_at is not None:
        return
    grant.revoked_at, grant.revoked_by = timezone.now(), revoked_by
    grant.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(actor=revoked_by, action="microdata.revoke", target=grant.survey.slug, survey=grant.survey.slug,
                 user=grant.user.email)


def grants_for(user):
    """Grants of the surveys whose programmes ``user`` administers, newest first."""
    return (MicrodataGrant.objects.filter(survey__programme__in=access.programmes_for(user, Role.ADMINISTRATOR))
            .select_related("survey", "user", "granted_by", "revoked_by"))


# -- what ------------------------------------------------------------------------------------------

@dataclass
class Microdata:
    columns: list[str]
    quasi_identifiers: list[str]
    rows: list[dict]
    k: int
    date_level: str
    suppressed_values: int
    rows_left_out: int


def microdata_for(user, survey, *, via: str) -> Microdata:
    """The k-anonymous file for a grantee, audit-logged (MicrodataRefused for anyone else)."""
    require_microdata(user, survey)
    data = k_anonymous(survey)
    audit_record(actor=user, action="export.microdata", target=survey.slug, survey=survey.slug, via=via,
                 k=data.k, date_level=data.date_level, rows=len(data.rows),
                 suppressed_values=data.suppressed_values, rows_left_out=data.rows_left_out)
    return data


def k_anonymous(survey) -> Microdata:
    answer_codes = _answer_codes(survey)
    records, profile_codes = _records(survey, answer_codes)
    qis = [MONTH, CHANNEL, LANGUAGE, *(PROFILE_PREFIX + code for code in profile_codes)]
    k = max(survey.min_group_size, STANDARD_MIN_GROUP_SIZE)  # a threshold set below the standard never loosens it
    best = None
    for level in DATE_LEVELS:  # the finest date that costs no more suppression than a coarser one
        candidate = _suppress([{**r, MONTH: _coarsen(r[MONTH], level)} for r in records], qis, k)
        if best is None or _cost(candidate, qis) < _cost(best[1], qis):
            best = (level, candidate)
    level, (rows, suppressed, left_out) = best[0], best[1]
    rows.sort(key=lambda r: [str(r[c]) for c in (*qis, *answer_codes)])  # no order from arrival
    return Microdata(columns=[*qis[:3], "version", "source", *answer_codes, *qis[3:]], quasi_identifiers=qis,
                     rows=rows, k=k, date_level=level, suppressed_values=suppressed, rows_left_out=left_out)


def quasi_identifier_counts(data: Microdata) -> Counter:
    return Counter(tuple(row[q] for q in data.quasi_identifiers) for row in data.rows)


def csv_lines(data: Microdata) -> Iterator[str]:
    rows = ([spreadsheet_value(row.get(c)) for c in data.columns] for row in data.rows)
    return raw.csv_lines(itertools.chain([data.columns], rows))


def _cost(result, qis) -> int:
    _, suppressed, left_out = result
    return suppressed + left_out * len(qis)


def _suppress(rows: list[dict], qis: list[str], k: int) -> tuple[list[dict], int, int]:
    """Local suppression: (rows, values suppressed, rows left out), every QI combination ≥ k."""
    order = sorted(qis, key=lambda q: (-len({r[q] for r in rows}), q))  # most varied first
    suppressed = 0
    for column in [*order, None]:
        sizes = Counter(tuple(r[q] for q in qis) for r in rows)
        rare = [r for r in rows if sizes[tuple(r[q] for q in qis)] < k]
        if not rare:
            return rows, suppressed, 0
        if column is None:  # every QI already suppressed in these rows and still fewer than k
            return [r for r in rows if sizes[tuple(r[q] for q in qis)] >= k], suppressed, len(rare)
        for row in rare:
            if row[column] != SUPPRESSED:
                row[column] = SUPPRESSED
                suppressed += 1
    raise AssertionError("unreachable")


def _coarsen(month: str, level: str) -> str:
    year, number = month.split("-")
    if level == "month":
        return month
    return f"{year}-Q{(int(number) - 1) // 3 + 1}" if level == "quarter" else year


def _answer_codes(survey) -> list[str]:
    """Answer codes of every version with responses, current version first. Free text and
    equality-monitoring answers are not columns (see the module doc)."""
    family = survey_family(survey)
    used = set(Response.objects.filter(survey__in=family).values_list("version_id", flat=True).distinct())
    versions = SurveyVersion.objects.filter(survey__in=family, pk__in=used | {survey.current_version_id})
    codes: dict[str, None] = {}
    for version_id in sorted(versions.values_list("pk", flat=True), key=lambda v: v != survey.current_version_id):
        codes.update(dict.fromkeys(
            code for code, q in for_version(version_id).value_codes.items()
            if not q.get("characteristic") and q["code"] not in EQUALITY_CODES and q["type"] not in FREE_TEXT))
    return list(codes)


def _records(survey, answer_codes) -> tuple[list[dict], list[str]]:
    """(one dict per response, the profile codes any of them records)."""
    rows = Response.objects.filter(survey__in=survey_family(survey)).values_list(
        "submitted_on", "version__number", "channel__code", "language", "source", "answers", "profile")
    records, profiles, profile_codes = [], [], {}
    for day, version, channel, language, source, answers, profile in rows.iterator(chunk_size=2000):
        record = {MONTH: day.strftime("%Y-%m"), CHANNEL: channel or "none", LANGUAGE: language,
                  "version": version, "source": source}
        record.update({code: answers.get(code) for code in answer_codes})
        records.append(record)
        profiles.append(profile)
        profile_codes.update(dict.fromkeys(profile))
    for record, profile in zip(records, profiles, strict=True):
        record.update({PROFILE_PREFIX + code: str(profile.get(code) or "not_answered") for code in profile_codes})
    return records, sorted(profile_codes)
