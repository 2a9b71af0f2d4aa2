"""A legal hold keeps a record past its retention and out of erasure, until someone lifts it with a reason."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from accounts.models import User
from audit.models import AuditEvent
from protection.models import Case
from retention import services
from retention.models import LegalHold, RetentionRun

CASE_DAYS = settings.CTIMS_RETENTION_DAYS["case"]


def test_a_held_case_is_kept_by_the_run_and_listed_then_anonymised_once_the_hold_is_lifted(
        make_case: Callable[..., Case], iom_supervisor: User) -> None:
    case = make_case(closed_days_ago=CASE_DAYS + 10)
    hold = services.place_hold(iom_supervisor, kind="case", reference=case.code.lower(),
                               reason="Witness in proceedings II K 123/26")

    first = services.apply_retention()

    assert first.counts["case"] == 0
    assert first.held == [{"kind": "case", "reference": case.code, "organisation": case.organisation_id}]
    assert Case.objects.get(pk=case.pk).person.first_name == "Olena"

    services.lift_hold(iom_supervisor, hold.pk, reason="Judgment final on 2 December")
    second = services.apply_retention()

    assert second.counts["case"] == 1 and second.held == []
    assert Case.objects.get(pk=case.pk).person.first_name == ""
    assert AuditEvent.objects.filter(object_type="retention.legalhold", object_id=str(hold.pk)).count() == 2
    assert RetentionRun.objects.count() == 2


def test_another_organisation_cannot_hold_our_case_and_is_not_told_it_exists(
        make_case: Callable[..., Case], ls_admin: User) -> None:
    case = make_case(closed_days_ago=1)

    with pytest.raises(ValidationError) as err:
        services.place_hold(ls_admin, kind="case", reference=case.code, reason="curious")

    assert "reference" in err.value.message_dict
    assert "No record of this type" in err.value.message_dict["reference"][0]
    assert not LegalHold.objects.exists()


def test_a_hold_needs_a_reason_and_a_record_cannot_be_held_twice(
        make_case: Callable[..., Case], iom_admin: User) -> None:
    case = make_case()
    with pytest.raises(ValidationError) as err:
        services.place_hold(iom_admin, kind="case", reference=case.code, reason="  ")
    assert "reason" in err.value.message_dict

    services.place_hold(iom_admin, kind="case", reference=case.code, reason="Claim pending")
    with pytest.raises(ValidationError) as err:
        services.place_hold(iom_admin, kind="case", reference=case.code, reason="Again")
    assert "already on hold" in err.value.message_dict["reference"][0]


def test_a_held_record_cannot_be_erased(make_case: Callable[..., Case], iom_admin: User,
                                        iom_supervisor: User) -> None:
    case = make_case()
    services.place_hold(iom_admin, kind="case", reference=case.code, reason="Court order")
    req = services.request_erasure(iom_supervisor, kind="case", reference=case.code, reason="Asked by e-mail")

    with pytest.raises(ValidationError) as err:
        services.confirm_erasure(iom_admin, req.pk)

    assert "legal hold" in " ".join(err.value.messages)
    assert Case.objects.filter(pk=case.pk).exists()
