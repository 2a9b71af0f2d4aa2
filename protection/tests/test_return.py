"""Safe return: a plan needs return consent; arrival schedules visits at 3, 6 and 12 months; assistance is recorded."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from protection import services
from protection.choices import ConsentPurpose, ReturnStage, SupportType
from protection.models import ReturnAndReintegration

from .conftest import ALL_CHECKS

CHECKLIST = dict.fromkeys(ReturnAndReintegration.CHECKS, True)


def test_a_return_plan_needs_the_persons_consent_to_return(login_as, iom_worker, make_case):
    case = make_case()
    response = login_as(iom_worker).post(f"/protection/cases/{case.id}/return/", {"country_of_origin": "UA"})
    assert "has not consented to a voluntary return" in response.content.decode()
    assert not ReturnAndReintegration.objects.exists()


def test_travel_waits_for_the_checklist_then_arrival_schedules_monitoring(iom_worker, make_case):
    case = make_case()
    services.give_consent(iom_worker, case.id, purpose=ConsentPurpose.RETURN, language="uk", checks=ALL_CHECKS)
    services.save_return_plan(iom_worker, case.id, country_of_origin="UA", receiving_partner="IOM Ukraine")
    with pytest.raises(Exception, match="checklist"):
        services.set_return_stage(iom_worker, case.id, ReturnStage.READY)
    services.save_return_plan(iom_worker, case.id, **CHECKLIST)
    plan = services.set_return_stage(iom_worker, case.id, ReturnStage.RETURNED, datetime.date(2026, 1, 31))
    assert [(v.months, v.due_on) for v in plan.visits.all()] == [
        (3, datetime.date(2026, 4, 30)), (6, datetime.date(2026, 7, 31)), (12, datetime.date(2027, 1, 31))]
    services.add_assistance(iom_worker, case.id, type=SupportType.LIVELIHOOD, given_on=datetime.date(2026, 2, 10),
                            amount=Decimal("1200.00"), currency="eur", description="Sewing machine")
    assert plan.assistance.get().currency == "EUR"


def test_the_return_section_shows_stage_and_visits(login_as, iom_worker, make_case):
    case = make_case()
    services.give_consent(iom_worker, case.id, purpose=ConsentPurpose.RETURN, language="uk", checks=ALL_CHECKS)
    services.save_return_plan(iom_worker, case.id, country_of_origin="UA", **CHECKLIST)
    services.set_return_stage(iom_worker, case.id, ReturnStage.RETURNED, datetime.date(2025, 1, 10))
    page = login_as(iom_worker).get(f"/protection/cases/{case.id}/").content.decode()
    assert "Returned home" in page and "12 months" in page and "overdue" in page


def test_the_project_counts_a_return_once_the_person_has_arrived(iom_worker, make_case):
    from protection.selectors import count_safe_returns

    case = make_case()
    services.give_consent(iom_worker, case.id, purpose=ConsentPurpose.RETURN, language="uk", checks=ALL_CHECKS)
    services.save_return_plan(iom_worker, case.id, country_of_origin="UA", **CHECKLIST)
    services.set_return_stage(iom_worker, case.id, ReturnStage.READY)
    assert count_safe_returns() == 0  # planned and ready is not yet a safe return
    services.set_return_stage(iom_worker, case.id, ReturnStage.RETURNED, datetime.date(2026, 3, 1))
    assert count_safe_returns() == 1


def test_without_return_consent_the_form_says_so_at_the_top_not_beside_the_country(login_as, iom_worker,
                                                                                  make_case):
    case = make_case()
    response = login_as(iom_worker).post(f"/protection/cases/{case.id}/return/", {"country_of_origin": "UA"})
    form = response.context["form"]
    assert form.non_field_errors() == ["The person has not consented to a voluntary return. "
                                       "Record their consent first."]
    assert not form.errors.get("country_of_origin")
