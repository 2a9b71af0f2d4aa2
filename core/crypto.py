"""Encryption at rest for identity data, and blind indexes for exact lookups.

Keys come from FIELD_ENCRYPTION_KEYS (Fernet keys, newest first), never from
SECRET_KEY. Old keys stay readable so that rotation can happen row by row
(`manage.py rotate_encryption_keys`). Blind indexes are HMAC-SHA256 of a
normalised value under BLIND_INDEX_KEY, so records link without decryption.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from functools import lru_cache

import phonenumbers
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TOKEN_PREFIX = "enc1:"  # noqa: S105 - a format marker, not a secret


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is empty: generate one with `manage.py generate_keys` (see docs/configuration.md)."
        )
    return MultiFernet([Fernet(k.encode()) for k in keys])


def fernet() -> MultiFernet:
    """All configured keys: encrypts with the first, decrypts with any."""
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    """Ciphertext for storage: a prefix (so raw reads are recognisable) and a Fernet token."""
    return TOKEN_PREFIX + fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(stored: str) -> str:
    """Plaintext of a stored value; a clear error if no configured key opens it."""
    if not stored.startswith(TOKEN_PREFIX):
        raise ValueError("value is not a CTIMS ciphertext")
    try:
        return fernet().decrypt(stored[len(TOKEN_PREFIX):].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("no configured key can decrypt this value (was a key removed too early?)") from exc


def rotate(stored: str) -> str:
    """The same plaintext under the newest key; unchanged if already there."""
    token = stored[len(TOKEN_PREFIX):].encode("ascii")
    return TOKEN_PREFIX + fernet().rotate(token).decode("ascii")


def is_current_key(stored: str) -> bool:
    """True when the newest key decrypts the value: rotation can skip it."""
    try:
        Fernet(settings.FIELD_ENCRYPTION_KEYS[0].encode()).decrypt(stored[len(TOKEN_PREFIX):].encode("ascii"))
    except InvalidToken:
        return False
    return True


def blind_index(kind: str, normalised: str) -> str:
    """Keyed hash of an already-normalised value. `kind` separates namespaces (phone, plate...)."""
    key = settings.BLIND_INDEX_KEY
    if not key:
        raise ImproperlyConfigured("BLIND_INDEX_KEY is empty: see docs/configuration.md.")
    msg = f"{kind}:{normalised}".encode()
    return hmac.new(key.encode("utf-8"), msg, hashlib.sha256).hexdigest()


# --- normalisers: what counts as "the same" identifier -------------------------------------


def normalise_phone(raw: str, regions: list[str] | None = None) -> str | None:
    """E.164 form of a phone number, trying each default region (Poland, then Ukraine).

    Returns None when the text is not a possible number in any of them.
    """
    raw = (raw or "").strip()
    if not raw:
        return None
    candidates: list[str | None] = [None] if raw.startswith(("+", "00")) else []
    candidates += list(regions or settings.PHONE_DEFAULT_REGIONS)
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    for region in candidates:
        try:
            parsed = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return None


# Cyrillic letters that look like Latin ones on plates (Ukrainian plates use only these).
_PLATE_HOMOGLYPHS = str.maketrans("АВЕІКМНОРСТХУ", "ABEIKMHOPCTXY")


# Spaces, dashes, dots and other separators: everything but letters and digits (of any script,
# so that a letter with no Latin look-alike is kept rather than silently dropped).
_SEPARATORS = re.compile(r"[\W_]+")


def normalise_plate(raw: str, country: str = "") -> str | None:
    """Canonical plate: upper case, Cyrillic look-alikes to Latin, no spaces or dashes, with country."""
    text = unicodedata.normalize("NFKC", raw or "").upper().translate(_PLATE_HOMOGLYPHS)
    text = _SEPARATORS.sub("", text)
    if not text:
        return None
    return f"{country.upper()}:{text}" if country else text


def normalise_document(raw: str) -> str | None:
    """Document numbers compare without spaces, dashes or case; Cyrillic look-alikes read as Latin."""
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw or "").upper().translate(_PLATE_HOMOGLYPHS))
    return text or None


def normalise_handle(raw: str, service: str = "") -> str | None:
    """Online account handles: lower case, no leading @, per service."""
    text = (raw or "").strip().lstrip("@").lower()
    if not text:
        return None
    return f"{service.lower()}:{text}" if service else text
