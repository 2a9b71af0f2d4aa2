"""A person's timeline: every record about them the viewer may open, newest first, and for the rest only that
a record of organisation X exists. Built on the owning modules' selectors and on the links module's checks
(`links.sources.can_open_many`), so "on the timeline" and "can open" never disagree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass
class Entry:
    when: datetime.datetime | datetime.date | None
    what: str  # e.g. "Case opened", "Hotline call"
    reference: str = ""  # record code, shown only when visible
    url: str = ""
    detail: str = ""  # a status or organisation, never free text
    visible: bool = True
    owner: str = ""  # organisation, for the entries the viewer may not open

    @property
    def sort_key(self) -> datetime.datetime:
        w = self.when
        if w is None:
            return datetime.datetime.min.replace(tzinfo=datetime.UTC)
        if isinstance(w, datetime.datetime):
            return w
        return datetime.datetime.combine(w, datetime.time.max, tzinfo=datetime.UTC)


@dataclass
class Timeline:
    title: str
    entries: list[Entry]  # visible ones, newest first
    elsewhere: list[str]  # "a record of organisation X exists": owner names, one line per hidden record


def _case_entries(user: Any, cases: list[Any]) -> list[Entry]:
    from approvals.selectors import requests_visible_to
    from protection.models import CaseDocument, Identification
    from protection.selectors import case_access, referrals_visible_to, transfers_visible_to

    out: list[Entry] = []
    for case in cases:
        access = case_access(user, case.id)
        if access is None:
            continue
        url = reverse("protection:case", args=[case.id])
        out.append(Entry(case.opened_at, _("Case opened"), case.code, url, str(case.organisation)))
        if case.closed_at:
            out.append(Entry(case.closed_at, _("Case closed"), case.code, url, case.get_status_display()))
        for ref in referrals_visible_to(user).filter(case=case):
            out.append(Entry(ref.sent_at, _("Referral to %(receiver)s") % {"receiver": ref.receiver_label},
                             case.code, url, ref.get_status_display()))
        for tr in transfers_visible_to(user).filter(case=case):
            what = _("Transfer to %(organisation)s") % {"organisation": tr.to_organisation}
            out.append(Entry(tr.transferred_at, what, case.code, url, tr.get_status_display()))
        if access.own:  # documents are shown to the owning organisation only (protection.read_document)
            for doc in CaseDocument.objects.filter(case=case).only("uploaded_at", "case_id"):
                out.append(Entry(doc.uploaded_at, _("Document added"), case.code, url + "#documents"))
        if access.sees("identification"):
            for ident in Identification.objects.filter(case=case):
                out.append(Entry(ident.decided_on, _("Identification decision"), case.code, url,
                                 ident.get_status_display()))
        for req in requests_visible_to(user).filter(case=case):
            out.append(Entry(req.decided_at or req.requested_at,
                             _("Approval: %(what)s") % {"what": req.get_kind_display()}, case.code,
                             reverse("approvals:list"), req.get_status_display()))
    return out


def _mention_entries(user: Any, entity_ids: list[int], skip: set[tuple[str, int]]) -> tuple[list[Entry], list[str]]:
    """Calls, observations, investigations... that mention the person's identity (links), visible or not."""
    from links.models import Mention
    from links.selectors import owner_label
    from links.sources import can_open_many, code_for, label_for, url_of

    rows = list(Mention.objects.filter(entity_id__in=entity_ids).values_list(
        "source_type", "source_id", "owner_organisation_id", "occurred_at").order_by("-occurred_at"))
    records: dict[tuple[str, int], tuple[int, Any]] = {}
    for source_type, source_id, owner, occurred in rows:
        key = (source_type, source_id)
        if key in skip or key in records:
            continue
        records[key] = (owner, occurred)
    visible = can_open_many(user, [(t, i, o) for (t, i), (o, _w) in records.items()])
    entries, elsewhere = [], []
    for (source_type, source_id), (owner, occurred) in records.items():
        if (source_type, source_id) in visible:
            entries.append(Entry(occurred, label_for(source_type), code_for(source_type, source_id),
                                 url_of(source_type, source_id), owner_label(source_type, source_id, owner)))
        else:
            elsewhere.append(owner_label(source_type, source_id, owner))
    return entries, elsewhere


def person_timeline(user: Any, person_id: int) -> Timeline | None:
    """The timeline of a protection person the user may see (None: not found or not theirs to see)."""
    from links.models import Mention
    from protection.models import Case
    from protection.selectors import person_access

    found = person_access(user, person_id)
    if found is None:
        return None
    person, identity, cases = found
    entries = _case_entries(user, cases)
    seen = {c.pk for c in cases}
    elsewhere = [str(c.organisation) for c in Case.objects.filter(person=person).exclude(pk__in=seen)
                 .select_related("organisation")]
    entity_ids = list(Mention.objects.filter(source_type="protection.person", source_id=person.pk)
                      .exclude(entity=None).values_list("entity_id", flat=True).distinct())
    # the person's own registration and their cases are already on the page
    skip = {("protection.person", person.pk), *(("protection.case", c.pk) for c in Case.objects.filter(person=person))}
    more, hidden = _mention_entries(user, entity_ids, skip)
    title = person.full_name if identity and person.full_name else cases[0].code if cases else _("Person")
    return Timeline(title, sorted(entries + more, key=lambda e: e.sort_key, reverse=True), elsewhere + hidden)


def entity_timeline(user: Any, entity_id: int) -> Timeline | None:
    """The timeline of a person identity from the links module (analysts, investigators)."""
    from links.selectors import entities_visible_to, entity_label

    entity = entities_visible_to(user, kind="person").filter(pk=entity_id).first()
    if entity is None:
        return None
    entries, hidden = _mention_entries(user, [entity.pk], set())
    # the protection cases of the registered persons behind the identity, where the user may see them
    from links.models import Mention
    from protection.selectors import cases_visible_to

    person_ids = list(Mention.objects.filter(entity=entity, source_type="protection.person")
                      .values_list("source_id", flat=True))
    cases = list(cases_visible_to(user).filter(person_id__in=person_ids)) if person_ids else []
    entries += _case_entries(user, cases)
    return Timeline(entity_label(user, entity), sorted(entries, key=lambda e: e.sort_key, reverse=True), hidden)
