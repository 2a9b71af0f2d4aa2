"""Blind indexes for a person's identifiers: exact phone/document matches and close name/birth-date matches."""

from __future__ import annotations

import datetime

from core.crypto import blind_index, normalise_document, normalise_phone

from .translit import name_skeleton


def phone_index(raw: str) -> str:
    normalised = normalise_phone(raw)
    return blind_index("phone", normalised) if normalised else ""


def document_index(raw: str) -> str:
    normalised = normalise_document(raw)
    return blind_index("document", normalised) if normalised else ""


def name_index(*names: str) -> str:
    skeleton = name_skeleton(" ".join(n for n in names if n))
    return blind_index("person-name", skeleton) if skeleton else ""


def birth_index(day: datetime.date | None) -> str:
    return blind_index("birth-date", day.isoformat()) if day else ""
