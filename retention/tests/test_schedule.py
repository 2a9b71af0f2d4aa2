"""The daily retention run: what is past its retention goes, the rest stays, and the run says how many."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import User
from audit.db import PROTECT, UNPROTECT, run
from audit.models import AuditEvent
from intake.models import HotlineCall
from protection import services as protection_services
from protection.choices import CaseStatus
from protection.models import Case, CaseDocument, CaseNote, Person
from retention.models import RetentionRun
from retention.tasks import daily_retention_task

CASE_DAYS = settings.CTIMS_RETENTION_DAYS["case"]
CALL_DAYS = settings.CTIMS_RETENTION_DAYS["call"]


def test_a_closed_case_past_its_retention_is_anonymised_by_the_daily_task(
        make_case: Callable[..., Case], iom_worker: User, django_capture_on_commit_callbacks: Any) -> None:
    old = make_case(closed_days_ago=CASE_DAYS + 1)
    doc = protection_services.add_document(iom_worker, old.id, title="Passport scan", filename="passport.pdf",
                                           content_type="application/pdf", content=b"%PDF-1.4 scan")
    stored = Path(settings.MEDIA_ROOT) / "protection" / doc.storage_name
    assert stored.exists()
    recent = make_case(closed_days_ago=CASE_DAYS - 30, first_name="Iryna")
    still_open = make_case(first_name="Oksana")

    with django_capture_on_commit_callbacks(execute=True):
        daily_retention_task.enqueue()

    retention_run = RetentionRun.objects.get()
    assert retention_run.counts["case"] == 1
    assert retention_run.by_organisation[str(old.organisation_id)] == {"case": 1}
    old.refresh_from_db()
    person = Person.objects.get(pk=old.person_id)
    assert (person.first_name, person.second_name, person.mobile_phone, person.phone_index) == ("", "", "", "")
    assert old.summary == "" and old.closure_reason == ""
    assert old.status == CaseStatus.CLOSED  # statistics still count it
    assert not CaseNote.objects.filter(case=old).exists()
    assert not CaseDocument.objects.filter(case=old).exists()
    assert not stored.exists()
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.person.first_name in ("Iryna", "Oksana")
        assert kept.summary
    assert AuditEvent.objects.filter(object_type="protection.case", object_id=str(old.pk),
                                     reason="retention: anonymised").exists()

    second = daily_retention_task.enqueue()  # anonymised once: the next day's run does not count it again
    assert second.return_value["case"] == 0


def test_a_call_nothing_came_of_is_deleted_and_an_escalated_one_kept(
        log_call: Callable[..., HotlineCall], operator: User, make_case: Callable[..., Case]) -> None:
    forgotten = log_call(operator, days_ago=CALL_DAYS + 5)
    escalated = log_call(operator, days_ago=CALL_DAYS + 5)
    case = make_case()
    HotlineCall.objects.filter(pk=escalated.pk).update(protection_case_id=case.pk, protection_case_code=case.code)
    today = log_call(operator)

    daily_retention_task.enqueue()

    retention_run = RetentionRun.objects.get()

    assert retention_run.counts["call"] == 1
    assert set(HotlineCall.objects.values_list("pk", flat=True)) == {escalated.pk, today.pk}
    assert forgotten.pk not in HotlineCall.objects.values_list("pk", flat=True)


def test_dry_run_counts_and_changes_nothing(make_case: Callable[..., Case], capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    old = make_case(closed_days_ago=CASE_DAYS + 1)

    call_command("apply_retention", "--dry-run")

    out = capsys.readouterr().out
    assert re.search(r"^case:\s+1 would be removed or anonymised$", out, re.M)
    assert RetentionRun.objects.get().dry_run
    assert Case.objects.get(pk=old.pk).person.first_name == "Olena"


def test_audit_events_older_than_the_audit_retention_are_purged_and_the_purge_recorded(
        make_case: Callable[..., Case]) -> None:
    make_case()
    total = AuditEvent.objects.count()
    old_ids = list(AuditEvent.objects.values_list("pk", flat=True)[:2])
    long_ago = timezone.now() - datetime.timedelta(days=settings.CTIMS_RETENTION_DAYS["audit"] + 1)
    run(connection, UNPROTECT)
    AuditEvent.objects.filter(pk__in=old_ids).update(at=long_ago)
    run(connection, PROTECT)

    call_command("apply_retention")

    assert not AuditEvent.objects.filter(pk__in=old_ids).exists()
    assert RetentionRun.objects.get().counts["audit"] == 2
    assert AuditEvent.objects.filter(object_type="audit.auditevent", object_id="retention").exists()
    assert AuditEvent.objects.count() >= total - 2
    with pytest.raises(Exception, match="append-only"):  # the triggers are back
        AuditEvent.objects.filter(pk=AuditEvent.objects.first().pk).delete()  # type: ignore[union-attr]
