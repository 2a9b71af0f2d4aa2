"""Every write to the investigations registry: permission-checked (owning agency only) and audited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import changed_fields, record
from core import crypto, storage

from .models import (
    Act,
    Investigation,
    InvestigationDocument,
    InvestigationLink,
    InvestigationPerson,
    InvestigationShare,
    InvestigationTask,
    LinkKind,
    Offence,
    PersonRole,
    Stage,
    StageChange,
)

EDITABLE = ["unit", "offence", "case_file_number", "voivodeship", "prosecutor_office", "summary", "opened_on"]
DOCUMENT_DIR = "investigations"
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class AlreadyLinked(ValidationError):
    """The record is already linked to this investigation (nothing was changed)."""


def _require(actor: Any, capability: str) -> None:
    if not actor.has_capability(capability):
        record(actor, Action.PERMISSION_DENIED, object_type="investigations", object_id=capability)
        raise PermissionDenied


def _require_owner(actor: Any, inv: Investigation) -> None:
    _require(actor, "investigations.manage")
    if inv.organisation_id != actor.organisation_id:
        record(actor, Action.PERMISSION_DENIED, inv)
        raise PermissionDenied


def _assign_code(inv: Investigation) -> None:
    inv.code = f"{inv.organisation.code}-INV-{inv.pk:05d}"
    inv.save(update_fields=["code"])


@dataclass
class PersonInput:
    role: str
    name: str
    protection_case_id: int | None = None


@dataclass
class InvestigationInput:
    offence: Offence | None
    stage: str = Stage.VERIFICATION
    other_offences: list[Offence] = field(default_factory=list)
    case_file_number: str = ""
    unit: str = ""
    voivodeship: Any = None
    prosecutor_office: str = ""
    summary: str = ""
    opened_on: date | None = None
    people: list[PersonInput] = field(default_factory=list)


def _validate(data: InvestigationInput) -> None:
    errors: dict[str, str] = {}
    if data.offence is None:
        errors["offence"] = _("Choose the offence.")
    if data.stage not in Stage.values:
        errors["stage"] = _("Choose one of the options.")
    if data.voivodeship is not None and data.voivodeship.type != "voivodeship":
        errors["voivodeship"] = _("Choose a voivodeship.")
    if any(p.role not in PersonRole.values for p in data.people):
        errors["people"] = _("Each person is either a victim or a suspect.")
    if errors:
        raise ValidationError(errors)


def create_investigation(actor: Any, data: InvestigationInput) -> Investigation:
    """Register a case owned by the actor's agency."""
    _require(actor, "investigations.manage")
    _validate(data)
    assert data.offence is not None  # _validate refused it otherwise
    with transaction.atomic():
        inv = Investigation.objects.create(
            code=f"new-{timezone.now().timestamp()}-{actor.pk}", organisation_id=actor.organisation_id,
            unit=data.unit.strip(), offence=data.offence, stage=data.stage, voivodeship=data.voivodeship,
            case_file_number=data.case_file_number.strip(), prosecutor_office=data.prosecutor_office.strip(),
            summary=data.summary.strip(), opened_on=data.opened_on or timezone.localdate(), created_by=actor,
        )
        _assign_code(inv)
        inv.other_offences.set([o for o in data.other_offences if o.pk != data.offence.pk])
        StageChange.objects.create(investigation=inv, stage=inv.stage, entered_on=inv.opened_on, recorded_by=actor)
        InvestigationPerson.objects.bulk_create([
            InvestigationPerson(investigation=inv, role=p.role, name=p.name.strip(),
                                protection_case_id=p.protection_case_id) for p in data.people if p.name.strip()])
        record(actor, Action.CREATE, inv, fields=[*EDITABLE, "stage", "other_offences"]
               + (["people"] if data.people else []))
    return inv


def update_investigation(actor: Any, inv: Investigation, changes: dict[str, Any]) -> Investigation:
    """Change the case's details; a new stage goes on the stage timeline (dated today), more offences are set
    with `other_offences`."""
    _require_owner(actor, inv)
    before = {f: getattr(inv, f) for f in EDITABLE}
    for f in EDITABLE:
        if f in changes:
            setattr(inv, f, changes[f])
    with transaction.atomic():
        inv.save()
        fields = changed_fields(before, {f: getattr(inv, f) for f in EDITABLE})
        if "other_offences" in changes:
            wanted = {o.pk for o in changes["other_offences"]} - {inv.offence_id}
            if wanted != set(inv.other_offences.values_list("pk", flat=True)):
                inv.other_offences.set(list(wanted))
                fields.append("other_offences")
        if fields:
            record(actor, Action.UPDATE, inv, fields=fields)
        if changes.get("stage", inv.stage) != inv.stage:
            change_stage(actor, inv, changes["stage"])
    return inv


def change_stage(actor: Any, inv: Investigation, stage: str, entered_on: date | None = None,
                 note: str = "") -> StageChange:
    """Move the proceedings to `stage` on `entered_on` (default today), kept on the stage timeline."""
    _require_owner(actor, inv)
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Choose one of the options.")})
    entered_on = entered_on or timezone.localdate()
    if entered_on > timezone.localdate():
        raise ValidationError({"entered_on": _("The date cannot be in the future.")})
    last = inv.stage_changes.order_by("-entered_on", "-id").first()
    if last is not None and entered_on < last.entered_on:
        raise ValidationError({"entered_on": _("The date cannot be before the previous stage began (%(date)s).")
                               % {"date": last.entered_on.isoformat()}})
    with transaction.atomic():
        step = StageChange.objects.create(investigation=inv, stage=stage, entered_on=entered_on, note=note.strip(),
                                          recorded_by=actor)
        inv.stage = stage
        inv.save(update_fields=["stage", "updated_at"])
        record(actor, Action.UPDATE, inv, fields=["stage"] + (["stage_note"] if note.strip() else []))
    return step


def add_person(actor: Any, inv: Investigation, person: PersonInput) -> InvestigationPerson:
    _require_owner(actor, inv)
    if person.role not in PersonRole.values:
        raise ValidationError({"role": _("Choose one of the options.")})
    if not person.name.strip():
        raise ValidationError({"name": _("Enter the person's name.")})
    if person.protection_case_id and _resolve(actor, LinkKind.PROTECTION_CASE, person.protection_case_id) is None:
        raise ValidationError(
            {"protection_case_id": _("There is no protection case with this number that you can see.")})
    p = InvestigationPerson.objects.create(investigation=inv, role=person.role, name=person.name.strip(),
                                           protection_case_id=person.protection_case_id)
    record(actor, Action.CREATE, p, fields=["role", "name"] + (["protection_case_id"] if person.protection_case_id
                                                                  else []))
    return p


def share(actor: Any, inv: Investigation, organisation: Any) -> InvestigationShare:
    """Let another organisation see this case (owning agency only)."""
    _require_owner(actor, inv)
    if organisation.pk == inv.organisation_id:
        raise ValidationError({"organisation": _("The owning agency already sees this case.")})
    s, _created = InvestigationShare.objects.get_or_create(investigation=inv, organisation=organisation,
                                                          defaults={"shared_by": actor})
    record(actor, Action.UPDATE, inv, fields=["shares"], reason=f"shared with organisation {organisation.pk}")
    return s


def unshare(actor: Any, inv: Investigation, organisation_id: int) -> None:
    _require_owner(actor, inv)
    InvestigationShare.objects.filter(investigation=inv, organisation_id=organisation_id).delete()
    record(actor, Action.UPDATE, inv, fields=["shares"], reason=f"unshared from organisation {organisation_id}")


def _resolve(actor: Any, kind: str, reference: str | int) -> tuple[int, str] | None:
    """The id and code of the call, observation or protection case `reference` names (its number, or its code as
    people write it: CALL-138, OBS-42, IOM-2026-00042), if the actor may see it; else None."""
    text = str(reference).strip().upper()
    if kind in (LinkKind.CALL, LinkKind.OBSERVATION):
        from intake import selectors as intake
        from intake.models import call_code, observation_code

        prefix, visible, code = (("CALL-", intake.calls_visible_to, call_code) if kind == LinkKind.CALL
                                 else ("OBS-", intake.observations_visible_to, observation_code))
        number = text.removeprefix(prefix)
        if not number.isdigit() or not visible(actor).filter(pk=int(number)).exists():
            return None
        return int(number), code(int(number))
    if kind == LinkKind.PROTECTION_CASE:
        from protection.selectors import cases_visible_to

        cases = cases_visible_to(actor)
        found = cases.filter(pk=int(text)) if text.isdigit() else cases.filter(code=text)
        row = found.values_list("pk", "code").first()
        return (row[0], row[1]) if row else None
    return None


def link(actor: Any, inv: Investigation, kind: str, reference: str | int, label: str = "") -> InvestigationLink:
    """Link a call, observation or protection case (by number or code) that the actor can see."""
    _require_owner(actor, inv)
    if kind not in LinkKind.values:
        raise ValidationError({"kind": _("Choose one of the options.")})
    resolved = _resolve(actor, kind, reference)
    if resolved is None:
        raise ValidationError({"object_id": _("There is no %(kind)s with this number or code that you can see.")
                               % {"kind": str(LinkKind(kind).label).lower()}})
    object_id, code = resolved
    if InvestigationLink.objects.filter(investigation=inv, kind=kind, object_id=object_id).exists():
        raise AlreadyLinked(_("%(code)s is already linked to this investigation.") % {"code": code})
    lk = InvestigationLink.objects.create(investigation=inv, kind=kind, object_id=object_id,
                                          label=(label or code)[:40])
    record(actor, Action.UPDATE, inv, fields=["links"])
    return lk


def link_many(actor: Any, inv: Investigation, records: list[tuple[str, int]]) -> tuple[int, int]:
    """Link each (kind, id) the actor may see (an identity's records); returns (linked now, already linked).
    Records the actor may not see are skipped: the caller offers only visible ones."""
    _require_owner(actor, inv)
    added = already = 0
    with transaction.atomic():
        for kind, object_id in records:
            if kind not in LinkKind.values:
                continue
            resolved = _resolve(actor, kind, object_id)
            if resolved is None:
                continue
            _lk, created = InvestigationLink.objects.get_or_create(
                investigation=inv, kind=kind, object_id=resolved[0], defaults={"label": resolved[1][:40]})
            added, already = (added + 1, already) if created else (added, already + 1)
        if added:
            record(actor, Action.UPDATE, inv, fields=["links"])
    return added, already


def unlink(actor: Any, inv: Investigation, link_id: int) -> None:
    """Remove a link added by mistake (owning agency only); the linked record itself is untouched."""
    _require_owner(actor, inv)
    deleted, _rows = InvestigationLink.objects.filter(investigation=inv, pk=link_id).delete()
    if deleted:
        record(actor, Action.UPDATE, inv, fields=["links"])


def open_from_intake(actor: Any, *, offence: Offence | None, summary: str, source_type: str, source_id: int,
                     label: str, voivodeship: Any = None) -> Investigation:
    """An analyst or duty officer escalates a call or observation: a new case in verification, linked back."""
    if not (actor.has_capability("intake.triage") or actor.has_capability("investigations.manage")):
        raise PermissionDenied
    if offence is None:
        raise ValidationError({"offence": _("Choose the suspected offence.")})
    with transaction.atomic():
        inv = Investigation.objects.create(
            code=f"new-{source_type}-{source_id}", organisation_id=actor.organisation_id, offence=offence,
            stage=Stage.VERIFICATION, voivodeship=voivodeship, summary=summary, opened_on=timezone.localdate(),
            created_by=actor,
        )
        _assign_code(inv)
        StageChange.objects.create(investigation=inv, stage=inv.stage, entered_on=inv.opened_on, recorded_by=actor)
        InvestigationLink.objects.create(investigation=inv, kind=source_type, object_id=source_id, label=label[:40])
        record(actor, Action.CREATE, inv, fields=["offence", "stage", "voivodeship", "summary", "links"])
    return inv


def save_offence(actor: Any, offence: Offence | None, *, article: str, name: str, is_active: bool,
                 act: str = Act.PENAL_CODE) -> Offence:
    """Edit the list of offences (administrators and investigators)."""
    if not (actor.has_capability("reference.manage") or actor.has_capability("investigations.manage")):
        raise PermissionDenied
    article, name = article.strip(), name.strip()
    errors = {}
    if not article:
        errors["article"] = _("Enter the article, for example 189a.")
    elif Offence.objects.filter(act=act, article=article).exclude(pk=offence.pk if offence else 0).exists():
        errors["article"] = _("This article is already in the list.")
    if not name:
        errors["name"] = _("Enter the name of the offence.")
    if act not in Act.values:
        errors["act"] = _("Choose one of the options.")
    if errors:
        raise ValidationError(errors)
    created = offence is None
    offence = offence or Offence()
    offence.act, offence.article, offence.name, offence.is_active = act, article, name, is_active
    offence.save()
    record(actor, Action.CREATE if created else Action.UPDATE, offence,
           fields=["act", "article", "name", "is_active"])
    return offence


# --- documents and tasks -------------------------------------------------------------------------


def _document_path(storage_name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / DOCUMENT_DIR / storage_name


def add_document(actor: Any, inv: Investigation, *, title: str, filename: str, content_type: str,
                 content: bytes) -> InvestigationDocument:
    """Store a file of the case file encrypted (the protection module's way: whole or not at all)."""
    _require_owner(actor, inv)
    if not title.strip():
        raise ValidationError({"title": _("Enter a title for the document.")})
    if len(content) > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("The file is too large: the limit is 10 MB.")})
    storage_name = f"{uuid.uuid4().hex}.bin"
    try:
        storage.write_whole(_document_path(storage_name), crypto.fernet().encrypt(content))
    except storage.StorageFullError as exc:
        raise ValidationError({"file": storage.NO_ROOM_MESSAGE}) from exc
    doc = InvestigationDocument.objects.create(
        investigation=inv, title=title.strip(), filename=filename[:200], size=len(content),
        content_type=content_type[:100] or "application/octet-stream", storage_name=storage_name, uploaded_by=actor)
    record(actor, Action.CREATE, doc, fields=["title", "file"], organisation_id=inv.organisation_id)
    return doc


def read_document(actor: Any, document_id: int) -> tuple[InvestigationDocument, bytes]:
    """The decrypted file, for the owning agency only (organisations it shares with see that it exists)."""
    doc = InvestigationDocument.objects.select_related("investigation").filter(pk=document_id).first()
    if doc is None or not actor.has_capability("investigations.view") \
            or doc.investigation.organisation_id != actor.organisation_id:
        raise Http404
    content = crypto.fernet().decrypt(_document_path(doc.storage_name).read_bytes())
    record(actor, Action.VIEW, doc, fields=["file"])
    return doc, content


def add_task(actor: Any, inv: Investigation, *, title: str, due_on: date | None,
             assigned_to: Any = None) -> InvestigationTask:
    """A task with a deadline, optionally for one officer of the owning agency."""
    _require_owner(actor, inv)
    errors = {}
    if not title.strip():
        errors["title"] = _("Enter what is to be done.")
    if due_on is None:
        errors["due_on"] = _("Enter the deadline.")
    if assigned_to is not None and assigned_to.organisation_id != inv.organisation_id:
        errors["assigned_to"] = _("Choose an officer of the owning agency.")
    if errors or due_on is None:
        raise ValidationError(errors)
    task = InvestigationTask.objects.create(investigation=inv, title=title.strip(), due_on=due_on,
                                            assigned_to=assigned_to, created_by=actor)
    record(actor, Action.CREATE, task, fields=["title", "due_on"] + (["assigned_to"] if assigned_to else []),
           organisation_id=inv.organisation_id)
    return task


def complete_task(actor: Any, inv: Investigation, task_id: int) -> InvestigationTask:
    _require_owner(actor, inv)
    task = InvestigationTask.objects.filter(investigation=inv, pk=task_id, done_at=None).first()
    if task is None:
        raise Http404
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    record(actor, Action.UPDATE, task, fields=["done_at"], organisation_id=inv.organisation_id)
    return task
