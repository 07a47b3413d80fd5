"""The ballot key store: AES keys that seal a wave's ballots, in files, never in the database.

A wave has one live key (``<wave>-<id>.key``) that seals new ballots. Releasing a batch
first retires its key (renamed ``.retired``, so no new ballot uses it) inside the release
transaction, and destroys it once the release has committed; a retired key no sealed
ballot needs any more (a crash between commit and destruction) is destroyed by the next
release. Files are written with mode 0600 and fsynced, so a restart or deploy loses no key.

``settings.BALLOT_KEY_DIR`` must be on the application server, outside the database, its
backups and its WAL archive, and should not be in the server's own backups either: a key
copied into a backup outlives its destruction here.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings

from .sealing import new_key

LIVE, RETIRED = ".key", ".retired"


def _directory() -> Path:
    directory = Path(settings.BALLOT_KEY_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _path(wave_id: int, key_id: str, suffix: str) -> Path:
    return _directory() / f"{wave_id}-{key_id}{suffix}"


def _sync_directory() -> None:
    fd = os.open(_directory(), os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def key_for_sealing(wave_id: int) -> tuple[str, bytes]:
    """(key id, key) of the wave's live key, made now if it has none. Call with the wave locked."""
    live = sorted(_directory().glob(f"{wave_id}-*{LIVE}"))
    if live:
        return live[0].name.removeprefix(f"{wave_id}-").removesuffix(LIVE), live[0].read_bytes()
    key_id, key = secrets.token_hex(16), new_key()
    temporary = _path(wave_id, key_id, ".new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temporary, _path(wave_id, key_id, LIVE))
    _sync_directory()
    return key_id, key


def key_read(wave_id: int, key_id: str) -> bytes | None:
    """The key, live or retired; None if it has been destroyed (or the key store was lost)."""
    for suffix in (LIVE, RETIRED):
        path = _path(wave_id, key_id, suffix)
        if path.exists():
            return path.read_bytes()
    return None


def key_retire(wave_id: int, key_id: str) -> None:
    live = _path(wave_id, key_id, LIVE)
    if live.exists():
        os.replace(live, _path(wave_id, key_id, RETIRED))
        _sync_directory()


def key_ids(wave_id: int) -> set[str]:
    """Every key of the wave still in the store, live or retired."""
    return {p.name.removeprefix(f"{wave_id}-").rsplit(".", 1)[0]
            for suffix in (LIVE, RETIRED) for p in _directory().glob(f"{wave_id}-*{suffix}")}


def key_destroy(wave_id: int, key_id: str) -> None:
    """Overwrite and delete the key. (On copy-on-write or journalled storage the old blocks may
    survive an overwrite: keep the key store on storage that is not snapshotted.)"""
    for suffix in (LIVE, RETIRED):
        path = _path(wave_id, key_id, suffix)
        if path.exists():
            with open(path, "r+b") as handle:
                handle.write(bytes(path.stat().st_size))
                handle.flush()
                os.fsync(handle.fileno())
            path.unlink()
    _sync_directory()
