"""What the retention module needs from the directory: public concerns (find, list the triaged ones, erase)."""

from __future__ import annotations

import datetime
import re

from django.db import transaction
from django.db.models import QuerySet

from audit.models import Action
from audit.services import record

from .models import ConcernReport, ConcernStatus

_NUMBER = re.compile(r"^\s*(?:[A-Za-z]+-)?0*(\d{1,12})\s*$")


def find_concern(organisation_id: int, reference: str) -> ConcernReport | None:
    """The organisation's concern by its code (C-00012) or number."""
    found = _NUMBER.match(reference)
    if found is None:
        return None
    return ConcernReport.objects.filter(organisation_id=organisation_id, pk=int(found.group(1))).first()


def triaged_concerns(before: datetime.datetime) -> QuerySet[ConcernReport]:
    """Concerns received before `before` that triage has dealt with (untriaged ones wait for a person)."""
    return ConcernReport.objects.filter(status=ConcernStatus.TRIAGED, received_at__lt=before)


@transaction.atomic
def erase_concern(concern_id: int, *, reason: str = "erasure") -> dict[str, int]:
    """Delete a public concern (its text and contact are the only personal data it holds)."""
    concern = ConcernReport.objects.filter(pk=concern_id).first()
    if concern is None:
        return {}
    organisation_id = concern.organisation_id
    from links.services import forget_source

    from .triage import SOURCE_TYPE

    forget_source(source_type=SOURCE_TYPE, source_id=concern_id)  # the phones and plates taken from its text
    concern.delete()
    record(None, Action.DELETE, object_type="directory.concernreport", object_id=concern_id,
           fields=["text", "contact", "place"], reason=reason, organisation_id=organisation_id)
    return {"concerns": 1}
