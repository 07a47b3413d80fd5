"""Authenticated encryption (AES-256-GCM) of answers, padded so a ciphertext's length says nothing.

Used for sealed ballots (key in the ballot key store) and for staff survey drafts (key held
only in the respondent's browser). Padding matters: the write-ahead log pairs each
ciphertext with a participant, so a ciphertext as long as one released response's answers
would point to it. Every plaintext is padded up to a multiple of PAD_BYTES, which holds a
complete staff survey with its longest open answer.
"""

import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PAD_BYTES = 32 * 1024
NONCE_BYTES = 12


class SealBroken(Exception):
    """The key is wrong or the ciphertext was changed."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def seal(key: bytes, payload: dict, *, context: str) -> bytes:
    """``payload`` encrypted under ``key``; ``context`` (e.g. which wave) is authenticated too,
    so a ciphertext cannot be moved to another wave or draft."""
    data = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    size = -(-(len(data) + 1) // PAD_BYTES) * PAD_BYTES
    padded = data + b"\x80" + bytes(size - len(data) - 1)  # ISO/IEC 7816-4: 0x80 then zeros
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, padded, context.encode())


def unseal(key: bytes, sealed: bytes, *, context: str) -> dict:
    sealed = bytes(sealed)
    try:
        padded = AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], context.encode())
    except (InvalidTag, ValueError) as exc:
        raise SealBroken(context) from exc
    return json.loads(padded.rstrip(b"\0")[:-1])
