"""What case workers write about a person's situation is ciphertext at rest, yet every page and export reads it.

Every value below carries a marker word. After a whole case's life (plan, services, tasks, a referral
declined, a return with an escort, assistance, a visit, a transfer, closure), no column of any table
(audit rows included) holds a marker in plain text, and the pages, the API and the identified export
show the words as typed.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from accounts.roles import Role
from audit.models import AuditEvent
from protection import exports, services
from protection.choices import CaseStatus, ConsentPurpose, ReferralReason, ReturnStage, SupportType
from protection.models import Case, ReturnAndReintegration

from .conftest import ALL_CHECKS

TYPED = {
    "objectives": "Stabilise after Okopowa-plan",
    "action_plan": "Counselling twice a week Okopowa-action",
    "provider": "Shelter Okopowa-provider",
    "outcome": "Safe for a month Okopowa-outcome",
    "task": "Go with her to the hearing Okopowa-task",
    "details": "Sleeps at the car wash Okopowa-details",
    "decline": "No bed for a woman with a child Okopowa-decline",
    "guardian": "aunt Okopowa-guardian",
    "escort": "IOM assistant Okopowa-escort",
    "documents": "Emergency travel document Okopowa-documents",
    "partner": "Partner in Lviv Okopowa-partner",
    "assistance": "Sewing machine Okopowa-assistance",
    "visit": "Working with family Okopowa-visit",
    "transfer": "She moved to Kraków Okopowa-transfer",
    "closure": "Moved back to Lviv Okopowa-closure",
}


def _plain_anywhere() -> list[str]:
    """Every text value of every table, read raw: where a marker shows in plain text."""
    found = []
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            columns = [f.column for f in model._meta.concrete_fields]
            cursor.execute(f"SELECT {', '.join(qn(c) for c in columns)} FROM {qn(model._meta.db_table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if "Okopowa-" in str(value):
                        found.append(f"{model._meta.db_table}.{column}")
    return found


@pytest.fixture
def lived_case(iom_worker: Any, ls_worker: Any, lastrada: Any, make_case: Any, share: Any) -> Case:
    case = make_case()
    services.add_plan_item(iom_worker, case.id, type=SupportType.SOCIAL_CARE, objectives=TYPED["objectives"],
                           action_plan=TYPED["action_plan"])
    services.add_service(iom_worker, case.id, type=SupportType.SOCIAL_CARE, provider=TYPED["provider"],
                         started_on=datetime.date(2026, 1, 5), outcome=TYPED["outcome"])
    services.add_task(iom_worker, case.id, title=TYPED["task"], due_on=datetime.date(2026, 1, 1))
    share(case, lastrada)
    referral = services.send_referral(iom_worker, case.id, to_organisation=lastrada, details=TYPED["details"],
                                      reason=ReferralReason.ADDITIONAL_SERVICES, parts=["identity"])
    services.decline_referral(ls_worker, referral.id, TYPED["decline"])
    services.give_consent(iom_worker, case.id, purpose=ConsentPurpose.RETURN, language="uk", checks=ALL_CHECKS,
                          is_child=True, child_assent=True, guardian_name="Halyna",
                          guardian_relationship=TYPED["guardian"])
    services.save_return_plan(iom_worker, case.id, country_of_origin="UA", escort=True,
                              escort_details=TYPED["escort"], documents=TYPED["documents"],
                              receiving_partner=TYPED["partner"], **dict.fromkeys(ReturnAndReintegration.CHECKS, True))
    plan = services.set_return_stage(iom_worker, case.id, ReturnStage.RETURNED, datetime.date(2025, 1, 10))
    services.add_assistance(iom_worker, case.id, type=SupportType.LIVELIHOOD, given_on=datetime.date(2025, 2, 1),
                            amount=Decimal("100"), currency="EUR", description=TYPED["assistance"])
    services.record_visit(iom_worker, plan.visits.first().id, done_on=datetime.date(2025, 4, 10),
                          outcome=TYPED["visit"])
    services.set_case_status(iom_worker, case.id, CaseStatus.CLOSED, TYPED["closure"])
    return case


def test_nothing_typed_about_the_person_is_stored_in_plain_text(lived_case: Case) -> None:
    assert _plain_anywhere() == []


def test_a_transfer_reason_is_not_stored_in_plain_text(iom_worker: Any, lastrada: Any, make_case: Any,
                                                      share: Any) -> None:
    case = make_case()
    share(case, lastrada)
    transfer = services.transfer_case(iom_worker, case.id, to_organisation=lastrada, reason=TYPED["transfer"])
    assert _plain_anywhere() == []
    assert type(transfer).objects.get(pk=transfer.pk).reason == TYPED["transfer"]


def test_the_case_page_and_the_overdue_list_show_what_was_typed(login_as: Any, iom_worker: Any,
                                                                 lived_case: Case) -> None:
    client = login_as(iom_worker)
    page = client.get(f"/protection/cases/{lived_case.id}/").content.decode()
    for key in ("objectives", "action_plan", "provider", "outcome", "task", "decline", "escort", "documents",
                "partner", "visit", "closure"):
        assert TYPED[key] in page, key
    assert TYPED["task"] in client.get("/protection/overdue/").content.decode()


def test_the_referring_organisation_reads_why_it_was_declined(login_as: Any, iom_worker: Any,
                                                              lived_case: Case) -> None:
    client = login_as(iom_worker)
    assert TYPED["decline"] in client.get("/protection/referrals/").content.decode()
    answer = client.get("/api/v1/protection/referrals").json()
    assert TYPED["decline"] in str(answer)


def test_the_identified_export_carries_the_closure_reason_as_typed(make_user: Any, iom: Any,
                                                                   lived_case: Case) -> None:
    supervisor = make_user(Role.SUPERVISOR, iom)
    export = exports.export_cases(supervisor, fmt="csv", identified=True, reason="Court hearing")
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0]["cas_ReasonForCaseClosure"] == TYPED["closure"]


def test_audit_rows_name_the_fields_never_their_words(lived_case: Case) -> None:
    names = {name for event in AuditEvent.objects.all() for name in event.fields}
    assert {"closure_reason", "decline_reason", "details", "escort_details", "documents", "description",
            "outcome", "title", "objectives"} <= names
    for event in AuditEvent.objects.all():
        assert "Okopowa" not in f"{event.fields} {event.reason} {event.object_id}"
