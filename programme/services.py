"""Writes of the results framework: a hand-entered figure with its evidence (audited)."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record
from core import crypto, storage

from .models import Indicator, ManualValue, Source

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_TYPES = {"application/pdf", "image/jpeg", "image/png", "application/zip"}  # zip: docx, xlsx, odt, ods
EVIDENCE_DIR = "programme-evidence"
SEXES = ("female", "male", "other", "unknown")


def add_manual_value(actor: Any, indicator_id: int, *, period_start: datetime.date, period_end: datetime.date,
                     value: Decimal, evidence: UploadedFile, by_sex: dict[str, int] | None = None,
                     note: str = "") -> ManualValue:
    if not actor.has_capability("programme.manage"):
        raise PermissionDenied
    ind = Indicator.objects.filter(pk=indicator_id).first()
    if ind is None:
        raise ValidationError({"indicator": _("Choose an indicator from the list.")})
    if ind.source != Source.MANUAL:
        raise ValidationError({"indicator": _("This indicator is computed from CTIMS records; nothing to enter.")})
    if period_end < period_start:
        raise ValidationError({"period_end": _("The end of the period cannot come before its start.")})
    if value < 0:
        raise ValidationError({"value": _("Enter 0 or more.")})
    if evidence.size is None or evidence.size > MAX_EVIDENCE_BYTES:
        raise ValidationError({"evidence": _("The evidence file may be up to 10 MB.")})
    head = evidence.read(262)
    evidence.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        raise ValidationError({"evidence": _("Attach a PDF, a photo (JPEG or PNG) or an office document.")})
    clean_sex = {k: int(v) for k, v in (by_sex or {}).items() if k in SEXES and v}
    if clean_sex and sum(clean_sex.values()) != value:
        raise ValidationError({"value": _("The figures by sex add up to %(sum)d, not to the value.")
                               % {"sum": sum(clean_sex.values())}})
    storage_name = f"{uuid.uuid4().hex}.bin"
    content = b"".join(evidence.chunks())
    storage.write_whole(evidence_path(storage_name), crypto.fernet().encrypt(content))
    mv = ManualValue.objects.create(indicator=ind, period_start=period_start, period_end=period_end, value=value,
                                    by_sex=clean_sex, evidence_storage=storage_name, evidence_type=kind.mime,
                                    note=note[:300], entered_by=actor)
    record(actor, Action.CREATE, mv, fields=["value", "evidence"])
    return mv


def evidence_path(storage_name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / EVIDENCE_DIR / storage_name


def read_evidence(actor: Any, value_id: int) -> tuple[ManualValue, bytes]:
    """The decrypted evidence of a hand-entered figure, for those who see the programme's results; audited."""
    if not actor.has_capability("programme.view"):
        raise PermissionDenied
    mv = ManualValue.objects.filter(pk=value_id).first()
    if mv is None:
        raise ManualValue.DoesNotExist
    content = crypto.fernet().decrypt(evidence_path(mv.evidence_storage).read_bytes())
    record(actor, Action.VIEW, mv, fields=["evidence"])
    return mv, content
