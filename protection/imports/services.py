"""Import jobs: upload -> analyse (proposals) -> edit the mapping -> dry run -> import in the background.

The uploaded file is kept encrypted on the job (core.crypto) and deleted when the import ends. Every step is
audited; a job belongs to its organisation and only users with the target's capability may touch it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import record
from core.crypto import fernet

from . import mapping as engine
from .models import ImportJob, ImportStatus, SavedMapping
from .readers import Table, UnreadableFile, read_table
from .targets import get_target

if TYPE_CHECKING:
    from accounts.models import User

log = logging.getLogger("ctims.protection.imports")
DECISIONS = ("new", "skip")  # or "case:<id>": the same person as that existing case


def _require(actor: User, target_key: str) -> None:
    try:
        target = get_target(target_key)
    except KeyError as exc:
        raise ValidationError({"target": _("Choose what the file holds.")}) from exc
    if not actor.is_authenticated or not actor.has_capability(target.capability):
        record(actor, Action.PERMISSION_DENIED, object_type="protection.importjob", object_id=target.capability)
        raise PermissionDenied


def job_for(actor: User, job_id: int) -> ImportJob:
    """The actor's organisation's job (404 otherwise), after the capability check of its target."""
    job = ImportJob.objects.filter(pk=job_id, organisation_id=actor.organisation_id).first()
    if job is None:
        raise Http404
    _require(actor, job.target)
    return job


def jobs_for(actor: User) -> list[ImportJob]:
    if not actor.is_authenticated or actor.organisation_id is None:
        return []
    return list(ImportJob.objects.filter(organisation_id=actor.organisation_id).defer("file_encrypted")[:20])


def table_of(job: ImportJob) -> Table:
    if not job.file_encrypted:
        raise UnreadableFile(_("The file of this import was deleted after the import ended."))
    return read_table(fernet().decrypt(bytes(job.file_encrypted)), job.filename)


def create_job(actor: User, data: bytes, filename: str, target_key: str = "htcds_case",
               saved_mapping_id: int | None = None) -> ImportJob:
    """Read the file (UnreadableFile if we cannot), propose a mapping and run the first check."""
    _require(actor, target_key)
    table = read_table(data, filename)
    if len(table.rows) < 2:
        raise UnreadableFile(_("The file has no rows under its header."))
    analysis = engine.analyse(table, target_key)
    job = ImportJob(organisation_id=actor.organisation_id, created_by=actor, target=target_key,
                    filename=filename[:200], file_encrypted=fernet().encrypt(data), header_row=analysis.header_row)
    job.warnings = table.warnings
    # A column matching no field is proposed as "ignore" (flagged on the page and reported as ignored).
    job.mapping = {"columns": {c.key: c.field or engine.IGNORE for c in analysis.columns}, "values": {}}
    if saved_mapping_id:
        saved = SavedMapping.objects.filter(pk=saved_mapping_id, organisation_id=actor.organisation_id).first()
        if saved:
            for k, v in saved.mapping.get("columns", {}).items():
                if k in job.mapping["columns"]:
                    job.mapping["columns"][k] = v
            job.mapping["values"] = saved.mapping.get("values", {})
    job.save()
    record(actor, Action.CREATE, job, fields=["file", "mapping"], reason=f"upload for import ({target_key})")
    check(actor, job, table)
    return job


def _proposed_values(job: ImportJob, table: Table, analysis: engine.Analysis) -> dict[str, list[dict[str, Any]]]:
    values = engine.distinct_values(table, analysis, job.mapping.get("columns", {}), job.target)
    chosen = job.mapping.get("values", {})
    for fname, entries in values.items():
        for e in entries:
            if e["value"] in chosen.get(fname, {}):
                e["code"] = chosen[fname][e["value"]]
                e["confidence"] = "chosen"
    return values


def check(actor: User, job: ImportJob, table: Table | None = None) -> dict[str, Any]:
    """The dry run: convert every row with the current mapping; count what an import would do; list every
    problem by row and column, the possible duplicates and the values still unmapped. Writes nothing but the
    job's own summary."""
    target = get_target(job.target)
    table = table or table_of(job)
    analysis = engine.analyse(table, job.target)
    converted = engine.convert(table, analysis, job.mapping, job.target)
    keys = [r["_key"] for r in converted.rows]
    existing = target.existing_keys(actor, keys) if target.existing_keys else set()
    seen: set[str] = set()
    new_rows = []
    already = 0
    for r in converted.rows:
        if r["_key"] in existing or r["_key"] in seen:
            already += 1
            continue
        seen.add(r["_key"])
        new_rows.append(r)
    duplicates = target.find_duplicates(actor, new_rows) if target.find_duplicates else {}
    decisions = job.decisions or {}
    skipped = sum(1 for r in new_rows if decisions.get(str(r["_row"])) == "skip")
    attached = sum(1 for r in new_rows if str(decisions.get(str(r["_row"]), "")).startswith("case:"))
    cols = []
    not_stored = target.extra.get("not_stored", {})
    for c in analysis.columns:
        chosen = job.mapping.get("columns", {}).get(c.key, c.field)
        reason = ""
        if chosen == engine.IGNORE and c.confidence == "not_stored" and c.candidates:
            reason = str(not_stored.get(c.candidates[0], ""))
        cols.append({"key": c.key, "letter": engine.column_letter(c.index), "header": c.header, "label": c.label,
                     "field": chosen, "proposed": c.field, "confidence": c.confidence,
                     "candidates": c.candidates, "reason": reason})
    values = _proposed_values(job, table, analysis)
    job.summary = {
        "rows": len(converted.rows), "new": len(new_rows) - skipped, "already": already, "skipped": skipped,
        "attached": attached, "blank": converted.skipped_blank, "header_row": analysis.header_row + 1,
        "data_start": analysis.data_start + 1, "hidden_rows": sorted(i + 1 for i in table.hidden_rows)[:20],
        "columns": cols, "values": values, "ignored": converted.ignored_columns,
        "unmapped": converted.unmapped_columns, "unmapped_values": converted.unmapped_values,
        "duplicates": {str(k): v for k, v in duplicates.items()},
    }
    job.summary["checked"] = _fingerprint(job)
    job.errors = [p.as_dict() for p in converted.problems[:1000]]
    job.rows_total = len(converted.rows)
    if job.status in (ImportStatus.MAPPING, ImportStatus.READY, ImportStatus.FAILED):
        job.status = ImportStatus.READY if not job.errors else ImportStatus.MAPPING
    job.save(update_fields=["summary", "errors", "rows_total", "status"])
    return job.summary


def _fingerprint(job: ImportJob) -> str:
    """What the last check was run with: a later change of mapping or choices makes it stale."""
    import hashlib
    import json

    return hashlib.sha256(json.dumps([job.mapping, job.decisions], sort_keys=True).encode()).hexdigest()


def update_mapping(actor: User, job: ImportJob, *, columns: dict[str, str] | None = None,
                   values: dict[str, dict[str, str]] | None = None, decisions: dict[str, str] | None = None) -> None:
    """Apply the user's changes (column -> field or "ignore"; value -> code or "ignore"; row -> decision)."""
    if job.status not in (ImportStatus.MAPPING, ImportStatus.READY, ImportStatus.FAILED):
        raise ValidationError(_("This import has already run."))
    target = get_target(job.target)
    valid_fields = {f.name for f in target.fields} | {"", engine.IGNORE}
    for key, fname in (columns or {}).items():
        if fname not in valid_fields:
            raise ValidationError({"columns": _("'%(field)s' is not a field of this import.") % {"field": fname}})
        if key not in job.mapping.setdefault("columns", {}):
            raise ValidationError({"columns": _("The file has no column '%(column)s'.") % {"column": key}})
        job.mapping["columns"][key] = fname
    for fname, chosen in (values or {}).items():
        f = target.field(fname)
        if f is None:
            raise ValidationError({"values": _("'%(field)s' is not a field of this import.") % {"field": fname}})
        allowed = {ch.code for ch in f.choices}
        for raw, code in chosen.items():
            if f.kind == "country":
                code = engine.FieldIndex.of(job.target).resolve_value(f, code)[0] or code
                ok = code in set(engine.country_index().values())
            else:
                ok = code in allowed
            if code and code != engine.IGNORE and not ok:
                raise ValidationError({"values": _("'%(code)s' is not a value of %(field)s.") % {
                    "code": code, "field": fname}})
            if code:
                job.mapping.setdefault("values", {}).setdefault(fname, {})[raw] = code
            else:
                job.mapping.get("values", {}).get(fname, {}).pop(raw, None)
    for row, decision in (decisions or {}).items():
        if decision not in DECISIONS and not (decision.startswith("case:") and decision[5:].isdigit()):
            raise ValidationError({"duplicates": _("Choose new person, same person or skip.")})
        job.decisions[str(row)] = decision
    job.save(update_fields=["mapping", "decisions"])
    record(actor, Action.UPDATE, job, fields=["mapping"])


def save_mapping(actor: User, job: ImportJob, name: str) -> SavedMapping:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the mapping a name, e.g. the partner's.")})
    saved, _created = SavedMapping.objects.update_or_create(
        organisation_id=actor.organisation_id, target=job.target, name=name[:100],
        defaults={"mapping": job.mapping, "created_by": actor, "updated_at": timezone.now()})
    record(actor, Action.UPDATE, saved, fields=["mapping"])
    return saved


def saved_mappings(actor: User, target_key: str = "htcds_case") -> list[SavedMapping]:
    return list(SavedMapping.objects.filter(organisation_id=actor.organisation_id, target=target_key))


def confirm(actor: User, job: ImportJob) -> ImportJob:
    """Check once more; if nothing is wrong, queue the import (a background task)."""
    if job.status in (ImportStatus.IMPORTING, ImportStatus.DONE):
        raise ValidationError(_("This import has already run."))
    if (job.summary or {}).get("checked") != _fingerprint(job):
        check(actor, job)  # the mapping changed since the last check: check again first
    if job.errors:
        raise ValidationError(_("Fix the problems listed first: nothing was imported."))
    # Only one confirm wins (two clicks, or the page and the API at once).
    started = ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportStatus.MAPPING, ImportStatus.READY, ImportStatus.FAILED]
    ).update(status=ImportStatus.IMPORTING, rows_done=0)
    if not started:
        raise ValidationError(_("This import has already run."))
    job.status = ImportStatus.IMPORTING
    job.rows_done = 0
    record(actor, Action.UPDATE, job, fields=["status"], reason="import confirmed")
    from .tasks import run_import_task

    transaction.on_commit(lambda: run_import_task.enqueue(job.pk, actor.pk))
    return job


def run_import(job_id: int, actor_id: int) -> int:
    """The background part: convert again, leave out rows already imported or skipped, write all in one
    transaction; on any failure nothing is written and the job says why."""
    from accounts.models import User as UserModel

    job = ImportJob.objects.get(pk=job_id)
    actor = UserModel.objects.get(pk=actor_id)
    target = get_target(job.target)
    try:
        _require(actor, job.target)
        table = table_of(job)
        analysis = engine.analyse(table, job.target)
        converted = engine.convert(table, analysis, job.mapping, job.target)
        if converted.problems:
            raise ValidationError(_("Fix the problems listed first: nothing was imported."))
        ImportJob.objects.filter(pk=job.pk).update(rows_done=len(converted.rows) // 2)
        existing = target.existing_keys(actor, [r["_key"] for r in converted.rows]) if target.existing_keys else set()
        rows, seen = [], set()
        for r in converted.rows:
            decision = str(job.decisions.get(str(r["_row"]), "new"))
            if r["_key"] in existing or r["_key"] in seen or decision == "skip":
                continue
            seen.add(r["_key"])
            if decision.startswith("case:"):
                r["_attach_to"] = int(decision[5:])
            rows.append(r)
        with transaction.atomic():
            count = target.commit(actor, rows, job) if rows else 0
        job.refresh_from_db(fields=["status"])
        job.status = ImportStatus.DONE
        job.imported = count
        job.rows_done = job.rows_total
        job.file_encrypted = b""
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "imported", "rows_done", "file_encrypted", "finished_at", "created_ids"])
        record(actor, Action.CREATE, job, fields=["rows"], reason=f"imported {count} rows")
        return count
    except (ValidationError, UnreadableFile, PermissionDenied) as exc:
        message = getattr(exc, "message", None) or " ".join(getattr(exc, "messages", [])) or _("Import failed.")
        _fail(job, str(message))
        return 0
    except Exception as exc:
        log.error("import job %s failed: %s", job_id, type(exc).__name__)
        _fail(job, _("The import failed and nothing was written (%(error)s).") % {"error": type(exc).__name__})
        return 0


def _fail(job: ImportJob, message: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.FAILED, finished_at=timezone.now(),
        errors=[*job.errors, {"row": 0, "column": "", "code": "import_failed", "message": message}])
