"""What the retention module needs from investigations: which records investigations draw on, and
forgetting an erased record (its link rows, and a victim's pointer to an erased protection case)."""

from __future__ import annotations

from django.db.models import QuerySet

from audit.models import Action
from audit.services import record

from .models import InvestigationLink, InvestigationPerson, LinkKind


def linked_ids(kind: str) -> QuerySet[InvestigationLink]:
    """Ids of records of `kind` ("intake.hotlinecall", "protection.case" ...) that some investigation links."""
    return InvestigationLink.objects.filter(kind=kind).values_list("object_id", flat=True)  # type: ignore[return-value]


def forget_linked(kind: str, object_id: int) -> int:
    """Remove every investigation's link to an erased record; each investigation's audit shows it."""
    links = list(InvestigationLink.objects.filter(kind=kind, object_id=object_id).select_related("investigation"))
    for link in links:
        record(None, Action.DELETE, link, fields=["link"], reason="erasure",
               organisation_id=link.investigation.organisation_id)
        link.delete()
    if kind == LinkKind.PROTECTION_CASE:
        InvestigationPerson.objects.filter(protection_case_id=object_id).update(protection_case_id=None)
    return len(links)
