"""The ballot box: staff answers are sealed when given and released only in shuffled batches of k.

Why (docs/programmes.md, threat model): the transaction that records that someone took
part is, in the write-ahead log and in row versions, next to whatever else it writes. So
it writes no readable answers: only a ballot sealed with a key from the key store
(keys.py), which is never in the database. When at least k ballots wait (k = the survey's
minimum group size, never below the platform's), ``ballots_release`` opens them all,
shuffles them and stores them as ordinary responses dated with the day of release in one
transaction, deletes the sealed copies and destroys their key. From then on the log pairs
each participant with a ciphertext no one can open, and the responses carry nothing of
the order they arrived in: each of the batch's participants is equally likely to have
given each of its responses.
"""

import logging
import secrets

from django.conf import settings
from django.db import transaction

from engagement.audit import audit_record
from engagement.jobs import job_kind, job_start

from ..characteristics import minimise
from ..definition import for_version
from ..models import Response, Source
from ..services import response_build
from . import keys
from .models import SealedBallot, Wave
from .sealing import SealBroken, seal, unseal

logger = logging.getLogger(__name__)
RELEASE_JOB = "ballots.release"


def release_threshold(wave: Wave) -> int:
    """k: how many ballots a release needs."""
    return max(wave.survey.min_group_size, settings.MIN_GROUP_SIZE_DEFAULT)


def _context(wave_id: int) -> str:
    return f"ballot:{wave_id}"


def ballot_seal(*, wave: Wave, draft) -> None:
    """Seal ``draft``'s answers (checked and minimised as a response would be) into the ballot
    box. Call inside the transaction that records participation, with the wave locked."""
    definition = for_version(draft.version_id)
    answers = minimise(definition, definition.clean_complete(definition.prune(draft.answers)))
    key_id, key = keys.key_for_sealing(wave.pk)
    payload = {"version": draft.version_id, "language": draft.language, "answers": answers}
    SealedBallot.objects.create(wave=wave, key_id=key_id, sealed=seal(key, payload, context=_context(wave.pk)))


def release_when_ready(wave: Wave) -> None:
    """Start a release job if enough ballots wait. The job names no one (no user)."""
    if SealedBallot.objects.filter(wave=wave).count() >= release_threshold(wave):
        job_start(kind=RELEASE_JOB, params={"wave": wave.pk})


@job_kind(RELEASE_JOB)
def _release_job(job, *, wave: int) -> dict:
    return ballots_release(Wave.objects.select_related("survey").get(pk=wave))


def ballots_release(wave: Wave) -> dict:
    """Release every waiting ballot of ``wave`` if there are at least k; otherwise nothing.

    Safe to run at any time and again after a crash: the responses and the deletion of the
    sealed copies commit together, and a key is destroyed only after that commit.
    Returns {"released": n, "lost": ballots whose key was missing}.
    """
    k = release_threshold(wave)
    with transaction.atomic():
        Wave.objects.select_for_update().get(pk=wave.pk)  # no ballot is sealed meanwhile
        ballots = list(SealedBallot.objects.filter(wave=wave))
        _keys_destroy(wave.pk, keys.key_ids(wave.pk) - {b.key_id for b in ballots})
        if len(ballots) < k:
            return {"released": 0, "lost": 0}
        opened = _open(wave, ballots)
        lost = len(ballots) - len(opened)
        if len(opened) < k:
            logger.error("Wave %s: %s ballots could not be opened; fewer than %s left", wave.pk, lost, k)
            return {"released": 0, "lost": lost}
        responses = [_response(wave, payload) for payload in opened]
        secrets.SystemRandom().shuffle(responses)
        spent = {b.key_id for b in ballots}
        for key_id in spent:
            keys.key_retire(wave.pk, key_id)
        Response.objects.bulk_create(responses, batch_size=500)
        SealedBallot.objects.filter(wave=wave).delete()
        if lost:
            audit_record(actor=None, action="people.ballots_lost", target=str(wave), lost=lost)
        transaction.on_commit(lambda: _keys_destroy(wave.pk, spent))
    return {"released": len(responses), "lost": lost}


def _open(wave: Wave, ballots: list[SealedBallot]) -> list[dict]:
    """The payloads of the ballots whose key is still in the store."""
    store = {key_id: keys.key_read(wave.pk, key_id) for key_id in {b.key_id for b in ballots}}
    opened = []
    for ballot in ballots:
        try:
            opened.append(unseal(store[ballot.key_id], ballot.sealed, context=_context(wave.pk)))
        except (SealBroken, TypeError):  # TypeError: key missing from the store
            continue
    return opened


def _response(wave: Wave, payload: dict) -> Response:
    """An ordinary web response, dated today, with a fresh random submission key."""
    return response_build(definition=for_version(payload["version"]), answers=payload["answers"],
                          survey_id=wave.survey_id, version_id=payload["version"], channel_id=None,
                          submission_key=secrets.token_hex(16), language=payload["language"],
                          source=Source.WEB)


def ballots_discard(wave: Wave) -> int:
    """Destroy a closed wave's ballots that never reached k (and their keys): they are never
    released, only counted as participation."""
    with transaction.atomic():
        Wave.objects.select_for_update().get(pk=wave.pk)
        count, _ = SealedBallot.objects.filter(wave=wave).delete()
        transaction.on_commit(lambda: _keys_destroy(wave.pk, keys.key_ids(wave.pk)))
    return count


def _keys_destroy(wave_id: int, key_ids) -> None:
    for key_id in key_ids:
        keys.key_destroy(wave_id, key_id)
