"""Staff survey waves: loading the staff list, inviting, and recording who took part.

Unlinkability rules every function here keeps (docs/programmes.md, standards.md §7):
- nothing written here names a response, and nothing written for a response names a person;
- answers are only ever stored sealed in the request that records participation (ballots.py);
- participation is written with no time at all, and the wave's participation rows are
  rewritten together, in key order, whenever one is added, so neither their values, their
  ids nor their physical order or row versions say who took part when;
- invitation tokens are random, emailed once and stored only as SHA-256 hashes.
"""

import hashlib
import io
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from engagement.audit import audit_record

from ..models import ResponseDraft
from ..services import RowErrors
from ..tabular import TableError, cell_text, read_table
from . import ballots
from .models import Participation, StaffMember, Wave
from .selectors import wave_counts

MAX_STAFF_ROWS = 50_000


class NotAllowed(Exception):
    """This person may not answer this wave (not invited, already taken part, closed)."""


class AlreadySubmitted(Exception):
    """This very draft was submitted a moment ago (a second tap on Submit)."""


@dataclass(frozen=True)
class Person:
    email: str
    directorate: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def person_key(wave: Wave, email: str) -> str:
    """Keyed with SECRET_KEY, so the database alone does not show who took part."""
    return salted_hmac("engagement.participation", f"{wave.pk}:{email.strip().lower()}",
                       algorithm="sha256").hexdigest()


def has_taken_part(wave: Wave, person: Person) -> bool:
    return Participation.objects.filter(key=person_key(wave, person.email)).exists()


def person_for_token(wave: Wave, token: str | None) -> Person | None:
    if not token or len(token) > 100:
        return None
    member = StaffMember.objects.filter(wave=wave, invitation_hash=token_hash(token)).first()
    return Person(member.email, member.directorate) if member else None


def person_for_user(wave: Wave, user) -> Person | None:
    """A signed-in member of staff: anyone with an account, or only those on the staff list
    once the wave has one."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    email = user.email.lower()
    if not wave.staff.exists():
        return Person(email, user.directorate)
    member = wave.staff.filter(email=email).first()
    return Person(email, member.directorate) if member else None


def participation_record(*, wave: Wave, person: Person) -> None:
    """Record that ``person`` took part; raises NotAllowed if they already have.

    Call inside the transaction that stores the response.
    """
    participations_record(wave=wave, people=[person])


def participations_record(*, wave: Wave, people: list[Person]) -> None:
    """Record that each of ``people`` took part; raises NotAllowed, recording nothing, if any
    already has.

    The wave row is locked so two submissions cannot both pass the check. Every participation
    row of the wave is then deleted and inserted again in key order, so all live rows share
    one row version (PostgreSQL xmin) and have a physical place that depends on the key,
    never on when the person took part.
    """
    Wave.objects.select_for_update().get(pk=wave.pk)  # serialises submissions to this wave
    rows = dict(Participation.objects.filter(wave=wave).values_list("key", "directorate"))
    for person in people:
        key = person_key(wave, person.email)
        if key in rows:
            raise NotAllowed("You have already taken part in this survey.")
        rows[key] = person.directorate
    Participation.objects.filter(wave=wave).delete()
    Participation.objects.bulk_create((Participation(key=k, wave=wave, directorate=rows[k]) for k in sorted(rows)),
                                      batch_size=1000)


def staff_response_submit(*, wave: Wave, person: Person, draft) -> None:
    """Submit a staff member's draft: participation and a sealed ballot, both or neither.

    No response row is written: the ballot waits, sealed, until at least k others have
    joined it (``ballots.ballots_release``, started here once there may be enough). Raises
    AlreadySubmitted if this draft was submitted already, NotAllowed if the person has
    taken part with another draft or the wave is closed.
    """
    if not wave.is_open:
        raise NotAllowed("This survey is not open for responses.")
    with transaction.atomic():
        Wave.objects.select_for_update().get(pk=wave.pk)  # submissions to a wave queue here
        if not ResponseDraft.objects.filter(pk=draft.pk).delete()[0]:
            raise AlreadySubmitted  # the first tap took it, and recorded participation
        participation_record(wave=wave, person=person)
        ballots.ballot_seal(wave=wave, draft=draft)
    ballots.release_when_ready(wave)


def staff_import(*, wave: Wave, content: bytes, actor=None) -> tuple[int, int]:
    """Load a CSV staff list (columns: email, optional directorate) into a wave.

    Adds new people and updates the directorate of people already listed. Raises RowErrors
    naming every bad row (header = row 1); nothing is stored unless every row is good.
    Returns (added, updated).
    """
    people = _read_staff_csv(content)
    existing = {m.email: m for m in wave.staff.all()}
    added = [StaffMember(wave=wave, email=e, directorate=d) for e, d in people.items() if e not in existing]
    changed = [existing[e] for e, d in people.items() if e in existing and existing[e].directorate != d]
    for member in changed:
        member.directorate = people[member.email]
    with transaction.atomic():
        StaffMember.objects.bulk_create(added, batch_size=1000)
        StaffMember.objects.bulk_update(changed, ["directorate"], batch_size=1000)
        audit_record(actor=actor, action="people.staff_import", target=str(wave), added=len(added),
                     updated=len(changed))
    return len(added), len(changed)


def _read_staff_csv(content: bytes) -> dict[str, str]:
    try:
        table = read_table(io.BytesIO(content), "staff.csv")
    except TableError as exc:
        raise RowErrors([(1, str(exc))]) from exc
    if "email" not in table.header:
        raise RowErrors([(1, "The first row must name the columns: email, and optionally directorate")])
    people, first_seen, problems = {}, {}, []
    for number, row in table.rows:
        email = cell_text(row.get("email")).lower()
        directorate = cell_text(row.get("directorate"))
        problem = _staff_row_problem(email, directorate, first_seen)
        if problem:
            problems.append((number, problem))
            continue
        first_seen[email] = number
        people[email] = directorate
    if len(people) > MAX_STAFF_ROWS:
        problems.append((1, f"A staff list can have at most {MAX_STAFF_ROWS:,} people"))
    if problems:
        raise RowErrors(problems)
    return people


def _staff_row_problem(email: str, directorate: str, first_seen: dict) -> str | None:
    if not email:
        return "Enter an email address"
    try:
        validate_email(email)
    except ValidationError:
        return f"‘{email[:80]}’ is not an email address"
    if email in first_seen:
        return f"{email} is listed twice (first on row {first_seen[email]})"
    if len(directorate) > 100:
        return "The directorate must be 100 characters or fewer"
    return None


def wave_erase_people(*, wave: Wave, actor=None) -> None:
    """After a wave closes, keep only the counts by directorate and erase the staff list
    (emails, invitation hashes) and the participation records (standards.md §7)."""
    if not wave.has_closed:
        raise NotAllowed("The staff list can be erased only after the wave has closed.")
    headcount, taken = wave_counts(wave)
    with transaction.atomic():
        wave.final_counts = {d: [headcount[d], taken[d]] for d in headcount}
        wave.save(update_fields=["final_counts"])
        wave.staff.all().delete()
        wave.participations.all().delete()
        ballots.ballots_discard(wave)  # fewer than k left when it closed: never released
        audit_record(actor=actor, action="people.wave_erase", target=str(wave))


def invitations_send(*, wave: Wave, link_for, reminders: bool = False, actor=None) -> int:
    """Email a personal single-response link: to each person never invited or, with
    ``reminders``, to everyone on the list, with a new link (the old one stops working).

    Reminders never single out those who have not taken part: a reminder sent only to them
    would split the wave into people who answered before it and people who answered after
    (docs/programmes.md). ``link_for(token)`` builds the absolute invitation URL. Returns how
    many were sent.
    """
    members = list(wave.staff.all() if reminders else wave.staff.filter(invited_on__isnull=True))
    messages = []
    for member in members:
        token = secrets.token_urlsafe(32)
        member.invitation_hash, member.invited_on = token_hash(token), timezone.localdate()
        messages.append(_invitation_email(wave, member.email, link_for(token), reminder=reminders))
    with transaction.atomic():
        StaffMember.objects.bulk_update(members, ["invitation_hash", "invited_on"], batch_size=1000)
        audit_record(actor=actor, action="people.invitations_send", target=str(wave), sent=len(members),
                     reminders=reminders)
    mailers.default.send_messages(messages)
    return len(messages)


def _invitation_email(wave: Wave, email: str, link: str, *, reminder: bool) -> EmailMessage:
    k = ballots.release_threshold(wave)
    opening = (f"A reminder: the {wave.survey.title} ({wave.name}) is open. If you have already "
               "answered, thank you: there is nothing more to do.") if reminder else \
        f"You are invited to take part in the {wave.survey.title} ({wave.name})."
    body = (
        f"{opening}\n\n"
        f"Your personal link: {link}\n\n"
        f"The survey closes on {wave.closes_on:%-d %B %Y}. The link lets you answer once; "
        "it replaces any link we sent you before.\n\n"
        "How your answers are kept apart from you: we record that you took part separately from "
        "your answers. Your answers are locked (encrypted) until at least "
        f"{k} people have answered, then unlocked together, shuffled and dated only with the day "
        "they were unlocked, and the key is destroyed. Until then no one, not even the people who "
        "run the database, can read them; after that they cannot tell which of those "
        f"{k} or more people gave which answers. We only report results for groups of {k} or more "
        "people. What you write in your own words, and answers that only you could give, can "
        "still say who you are.\n"
    )
    return EmailMessage(subject=f"{wave.survey.title}: your personal link", body=body,
                        from_email=settings.DEFAULT_FROM_EMAIL, to=[email])
