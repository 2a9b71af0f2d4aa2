"""Every write of bulk work: flags, saved searches, bulk assignment and the export of selected rows.

Assignment goes through the owning module's own service (protection.services.update_case,
intake.services.assign), so its permission checks, audit event and notification apply to every row. A batch is
checked whole before anything is written: if one row is not the user's to change, nothing is.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.models import Action
from audit.services import record

from . import lists, selectors
from .models import Flag, FlagKind, ListName, SavedSearch

MAX_BATCH = 500


class BatchRefused(PermissionDenied):
    """Some rows of a batch are not the user's to change or export: nothing was done."""

    def __init__(self, refused: int) -> None:
        self.refused = refused
        super().__init__(ngettext(
            "Nothing was done: %(count)d of the selected records is not yours to change. Remove it from the "
            "selection and try again.",
            "Nothing was done: %(count)d of the selected records are not yours to change. Remove them from the "
            "selection and try again.", refused) % {"count": refused})


def _ids(ids: list[int]) -> list[int]:
    unique = list(dict.fromkeys(int(i) for i in ids))
    if not unique:
        raise ValidationError(_("Select at least one row."))
    if len(unique) > MAX_BATCH:
        raise ValidationError(ngettext("Select at most %(count)d row at a time.",
                                       "Select at most %(count)d rows at a time.", MAX_BATCH) % {"count": MAX_BATCH})
    return unique


def _refuse(actor: Any, list_name: str, refused: list[int]) -> None:
    model = lists.get(list_name).model()
    for pk in refused:
        record(actor, Action.PERMISSION_DENIED, object_type=model._meta.label_lower, object_id=pk)
    raise BatchRefused(len(refused))


def _visible_rows(actor: Any, list_name: str, ids: list[int]) -> list[Any]:
    """The rows `ids` in the order given, all visible to the actor, or BatchRefused (with each refusal audited)."""
    found = {row.pk: row for row in lists.get(list_name).visible(actor).filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        _refuse(actor, list_name, missing)
    return [found[pk] for pk in ids]


# --- bulk assignment --------------------------------------------------------------------------------


def assign_cases(actor: Any, ids: list[int], case_worker: Any) -> int:
    """Make `case_worker` the case worker of every selected case; all or none. Returns how many."""
    from protection.selectors import case_access
    from protection.services import update_case

    ids = _ids(ids)
    accesses = {pk: case_access(actor, pk) for pk in ids}
    refused = [pk for pk, a in accesses.items() if a is None or not a.can_manage]
    if refused:
        _refuse(actor, ListName.CASES, refused)
    if case_worker is None or any(a.case.organisation_id != case_worker.organisation_id  # type: ignore[union-attr]
                                  for a in accesses.values()):
        raise ValidationError(_("Choose a case worker of the organisation that owns the cases."))
    with transaction.atomic():
        for pk, access in accesses.items():
            case = access.case  # type: ignore[union-attr]
            update_case(actor, pk, case_worker=case_worker, assigned_workers=list(case.assigned_workers.all()),
                        sensitivity=case.sensitivity,
                        exploitation_types=[t for t in case.exploitation_types.split(";") if t],
                        labour_industry=case.labour_industry, country_of_exploitation=case.country_of_exploitation,
                        summary=case.summary)
    return len(ids)


def assign_calls(actor: Any, ids: list[int], assignee: Any) -> int:
    """Assign every selected call to `assignee` through the triage service; all or none. Returns how many."""
    from intake import services as intake

    ids = _ids(ids)
    if not actor.has_capability("intake.triage"):
        _refuse(actor, ListName.CALLS, ids)
    calls = _visible_rows(actor, ListName.CALLS, ids)
    if assignee is None or assignee.organisation_id != actor.organisation_id:
        raise ValidationError(_("Assign to someone in your own organisation."))
    with transaction.atomic():
        for call in calls:
            intake.assign(actor, call, assignee)
    return len(calls)


# --- export of selected rows ------------------------------------------------------------------------


@dataclass
class ExportFile:
    content: bytes
    content_type: str
    filename: str
    rows: int


def export_selected(actor: Any, list_name: str, ids: list[int], fmt: str) -> ExportFile:
    """The selected rows with the columns their list page shows, as CSV or XLSX; each exported row is audited."""
    if fmt not in ("csv", "xlsx"):
        raise ValidationError(_("Choose CSV or XLSX."))
    worklist = lists.get(list_name)
    rows = _visible_rows(actor, list_name, _ids(ids))
    header = [str(c) for c in worklist.columns]
    table = [worklist.row(r) for r in rows]
    for r in rows:
        record(actor, Action.EXPORT, r, fields=[f"list:{list_name}"], reason=f"selected rows ({fmt})")
    name = f"ctims-{list_name}-selected-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet(list_name)
        ws.append(header)
        for line in table:
            ws.append(line)
        out = io.BytesIO()
        wb.save(out)
        return ExportFile(out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          name, len(table))
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(table)
    return ExportFile(text.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8", name, len(table))


# --- flags ------------------------------------------------------------------------------------------


def flag(actor: Any, list_name: str, ids: list[int], kind: str, note: str = "") -> int:
    """Put the organisation's flag `kind` on every selected row it may see; a row already flagged so stays as it
    is. All or none. Returns how many flags were added."""
    if kind not in FlagKind.values:
        raise ValidationError(_("Choose a flag from the list."))
    rows = _visible_rows(actor, list_name, _ids(ids))
    ct = ContentType.objects.get_for_model(lists.get(list_name).model())
    already = set(selectors.active_flags(actor).filter(content_type=ct, kind=kind, object_id__in=[r.pk for r in rows])
                  .values_list("object_id", flat=True))
    added = 0
    with transaction.atomic():
        for row in rows:
            if row.pk in already:
                continue
            try:
                with transaction.atomic():
                    made = Flag.objects.create(organisation_id=actor.organisation_id, content_type=ct,
                                               object_id=row.pk, kind=kind, note=note.strip()[:500], set_by=actor)
            except IntegrityError:  # flagged by a colleague a moment ago
                continue
            record(actor, Action.CREATE, made, fields=["kind", *(["note"] if made.note else [])])
            added += 1
    return added


def clear_flags(actor: Any, list_name: str, ids: list[int], kind: str = "") -> int:
    """Clear the organisation's active flags (of `kind`, or all) on the selected rows. Returns how many."""
    rows = _visible_rows(actor, list_name, _ids(ids))
    ct = ContentType.objects.get_for_model(lists.get(list_name).model())
    flags = selectors.active_flags(actor).filter(content_type=ct, object_id__in=[r.pk for r in rows])
    if kind:
        flags = flags.filter(kind=kind)
    now = timezone.now()
    cleared = 0
    with transaction.atomic():
        for f in flags.select_for_update():
            f.cleared_at, f.cleared_by = now, actor
            f.save(update_fields=["cleared_at", "cleared_by"])
            record(actor, Action.UPDATE, f, fields=["cleared_at"])
            cleared += 1
    return cleared


# --- saved searches ---------------------------------------------------------------------------------


def save_search(actor: Any, list_name: str, name: str, query: Any) -> SavedSearch:
    """Keep the list's filters from `query` under `name`, for the actor alone."""
    lists.get(list_name)
    name = name.strip()[:120]
    if not name:
        raise ValidationError({"name": _("Give the search a name you will recognise.")})
    saved = SavedSearch.objects.create(user=actor, list_name=list_name, name=name,
                                       params=selectors.filters_of(list_name, query))  # type: ignore[misc]
    record(actor, Action.CREATE, saved, fields=["name", "params"])
    return saved


def delete_search(actor: Any, search_id: int) -> None:
    saved = selectors.saved_searches_of(actor).filter(pk=search_id).first()
    if saved is None:
        raise PermissionDenied
    record(actor, Action.DELETE, saved, fields=["name", "params"])
    saved.delete()
