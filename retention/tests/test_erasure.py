"""Erasure on request (GDPR Art. 17): one person asks, a second person of the same organisation confirms, and
the record goes with everything derived from it; the audit log keeps that it happened, never what it said."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from audit.models import AuditEvent
from intake.models import HotlineCall
from investigations.models import Investigation, InvestigationLink, Offence
from links.models import Entity
from links.models import Mention as LinkMention
from protection import services as protection_services
from protection.models import Case, Person
from retention import services
from retention.models import ErasureRequest, ErasureStatus


def test_the_requester_cannot_confirm_their_own_request(make_case: Callable[..., Case], iom_admin: User) -> None:
    case = make_case()
    req = services.request_erasure(iom_admin, kind="case", reference=case.code, reason="Asked in person")

    with pytest.raises(PermissionDenied, match="Another person"):
        services.confirm_erasure(iom_admin, req.pk)

    assert Case.objects.filter(pk=case.pk).exists()
    assert ErasureRequest.objects.get(pk=req.pk).status == ErasureStatus.PENDING


def test_another_organisation_can_neither_see_nor_confirm_the_request(
        make_case: Callable[..., Case], iom_admin: User, ls_admin: User) -> None:
    from retention.selectors import erasure_requests_for

    case = make_case()
    req = services.request_erasure(iom_admin, kind="case", reference=case.code, reason="Asked in person")

    assert erasure_requests_for(ls_admin) == ([], [])
    with pytest.raises(Http404):
        services.confirm_erasure(ls_admin, req.pk)
    with pytest.raises(Http404):
        services.refuse_erasure(ls_admin, req.pk, reason="no")
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_case_worker_cannot_ask_for_erasure(make_case: Callable[..., Case], iom_worker: User) -> None:
    case = make_case()
    with pytest.raises(PermissionDenied):
        services.request_erasure(iom_worker, kind="case", reference=case.code, reason="x")


def test_a_confirmed_erasure_removes_the_case_and_everything_derived_from_it(
        make_case: Callable[..., Case], iom_worker: User, iom_admin: User, iom_supervisor: User,
        log_call: Callable[..., HotlineCall], operator: User, make_user: Callable[..., User],
        django_capture_on_commit_callbacks: Any) -> None:
    case = make_case(mobile_phone="+48 601 999 111", identity_number="FX1234567")
    other = make_case(first_name="Iryna", second_name="Bondar", mobile_phone="+48 602 000 000")
    person_id = case.person_id
    doc = protection_services.add_document(iom_worker, case.id, title="Passport scan", filename="p.pdf",
                                           content_type="application/pdf", content=b"%PDF-1.4 scan")
    stored = Path(settings.MEDIA_ROOT) / "protection" / doc.storage_name
    phone_entity = LinkMention.objects.get(source_type="protection.person", source_id=person_id, kind="phone").entity
    call = log_call(operator)
    HotlineCall.objects.filter(pk=call.pk).update(protection_case_id=case.pk, protection_case_code=case.code)
    offence, _new = Offence.objects.get_or_create(article="189a", defaults={"name": "Trafficking"})
    investigation = Investigation.objects.create(organisation=iom_worker.organisation, offence=offence,
                                                 code="INV-1", opened_on=case.opened_at.date())
    InvestigationLink.objects.create(investigation=investigation, kind="protection.case", object_id=case.pk)
    assert LinkMention.objects.filter(source_type="protection.person", source_id=person_id).count() >= 3
    req = services.request_erasure(iom_supervisor, kind="case", reference=case.code, reason="Art. 17 letter")

    with django_capture_on_commit_callbacks(execute=True):
        done = services.confirm_erasure(iom_admin, req.pk)

    assert done.status == ErasureStatus.DONE and done.decided_by == iom_admin
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Person.objects.filter(pk=person_id).exists()
    assert not LinkMention.objects.filter(source_type="protection.person", source_id=person_id).exists()
    assert phone_entity is not None and not Entity.objects.filter(pk=phone_entity.pk).exists()
    assert not stored.exists()
    assert not InvestigationLink.objects.filter(kind="protection.case", object_id=case.pk).exists()
    assert HotlineCall.objects.get(pk=call.pk).protection_case_id is None  # the call itself is the hotline's
    assert Case.objects.filter(pk=other.pk).exists()  # nothing else went
    assert LinkMention.objects.filter(source_type="protection.person", source_id=other.person_id).exists()
    assert done.erased["cases"] == 1 and done.erased["documents"] == 1 and done.erased["investigation_links"] == 1
    erased = AuditEvent.objects.filter(object_type="protection.case", object_id=str(case.pk), action="delete")
    assert erased.exists()
    decision = AuditEvent.objects.get(object_type="retention.erasurerequest", object_id=str(req.pk), action="delete")
    assert decision.actor_username == "iom.admin"
    # earlier audit rows about the case stay (they name fields, never values)
    assert AuditEvent.objects.filter(object_type="protection.case", object_id=str(case.pk), action="create").exists()
    assert "Olena" not in str(list(AuditEvent.objects.values_list("fields", "reason")))


def _queued_publication(kind: str, pk: int) -> DBTaskResult:
    return DBTaskResult.objects.create(task_path="intake.tasks.publish_mentions_task", status=TaskResultStatus.READY,
                                       args_kwargs={"args": [kind, pk], "kwargs": {}}, backend_name="default",
                                       queue_name="default", run_after=timezone.now())


def test_erasing_a_call_takes_its_mentions_out_of_links_and_its_queued_work(
        log_call: Callable[..., HotlineCall], operator: User, police_admin: User, make_user: Callable[..., User],
        django_capture_on_commit_callbacks: Any) -> None:
    from accounts.roles import Role
    from intake.services import MentionInput

    second_admin = make_user(Role.ADMINISTRATOR, police_admin.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        call = log_call(operator, mentions=[MentionInput(kind="phone", value="+48 601 234 567")])
    assert LinkMention.objects.filter(source_type="intake.hotlinecall", source_id=call.pk).exists()
    queued = [_queued_publication("call", pk) for pk in (call.pk, call.pk + 1)]  # as a worker that fell behind
    req = services.request_erasure(police_admin, kind="call", reference=call.code, reason="Caller asked")

    services.confirm_erasure(second_admin, req.pk)

    assert not HotlineCall.objects.filter(pk=call.pk).exists()
    assert not DBTaskResult.objects.filter(pk=queued[0].pk).exists()
    assert DBTaskResult.objects.filter(pk=queued[1].pk).exists()  # another record's work stays
    assert not LinkMention.objects.filter(source_type="intake.hotlinecall", source_id=call.pk).exists()
    assert AuditEvent.objects.filter(object_type="intake.hotlinecall", object_id=str(call.pk), action="delete",
                                     reason=f"erasure request {req.pk}").exists()


def test_a_refused_request_erases_nothing_and_keeps_the_reason(make_case: Callable[..., Case], iom_admin: User,
                                                                iom_supervisor: User) -> None:
    case = make_case()
    req = services.request_erasure(iom_supervisor, kind="case", reference=case.code, reason="Asked by phone")

    services.refuse_erasure(iom_admin, req.pk, reason="Identity of the caller not confirmed")

    req.refresh_from_db()
    assert req.status == ErasureStatus.REFUSED and req.refuse_reason == "Identity of the caller not confirmed"
    assert Case.objects.filter(pk=case.pk).exists()
