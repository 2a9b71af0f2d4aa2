"""From the call screen the operator finds a service in the directory and records, in one click, that the
caller was referred to it; safety messages are there to read out or send in the caller's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from directory.models import Service, ServiceType
from intake.models import CallReferral, HotlineCall, Place


@pytest.fixture
def shelter(db: None) -> Service:
    return Service.objects.create(name="Safe House Lublin", name_uk="Безпечний дім Люблін", provider="La Strada",
                                  type=ServiceType.SHELTER, city="Lublin", phone="+48 22 000 00 00")


def test_the_directory_search_on_the_call_form_finds_a_service(login_as: Callable[[User], Client], operator: User,
                                                               shelter: Service) -> None:
    Service.objects.create(name="Legal aid Gdańsk", provider="Other", type=ServiceType.LEGAL_AID, city="Gdańsk")
    client = login_as(operator)

    found = client.post("/intake/calls/directory-search/", {"directory_q": "lublin"}).content.decode()

    assert "Safe House Lublin" in found and f'data-refer="{shelter.pk}"' in found
    assert "Gdańsk" not in found


def test_a_service_chosen_on_the_form_is_recorded_with_the_call(login_as: Callable[[User], Client], operator: User,
                                                                 shelter: Service, lublin: Place) -> None:
    client = login_as(operator)
    client.post("/intake/calls/new/?call=7b0f1f1e-0000-4000-8000-000000000001", {
        "hotline": lublin.pk, "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "language": "uk",
        "caller_type": "potential_victim", "topic": "offer_work", "urgency": "routine",
        "referred_to": f"{shelter.pk},{shelter.pk},999999"})

    call = HotlineCall.objects.get()
    assert [r.service for r in CallReferral.objects.filter(call=call)] == [shelter]
    page = client.get(f"/intake/calls/{call.pk}/").content.decode()
    assert "Safe House Lublin" in page


def test_one_click_on_a_saved_call_records_the_referral_once_and_audits_it(
        login_as: Callable[[User], Client], operator: User, shelter: Service, log_call: Callable[..., Any]) -> None:
    call = log_call(operator)
    client = login_as(operator)

    client.post(f"/intake/calls/{call.pk}/refer/", {"service": shelter.pk})
    client.post(f"/intake/calls/{call.pk}/refer/", {"service": shelter.pk})

    assert CallReferral.objects.filter(call=call, service=shelter).count() == 1
    assert AuditEvent.objects.filter(action="create", object_type="intake.callreferral").count() == 1


def test_the_chosen_services_are_listed_by_name_in_the_operators_language(
        login_as: Callable[[User], Client], operator: User, shelter: Service) -> None:
    operator.preferred_language = "uk"
    operator.save()
    client = login_as(operator)

    picks = client.post("/intake/calls/referral-picks/", {"referred_to": str(shelter.pk)},
                        headers={"Accept-Language": "uk"}, HTTP_ACCEPT_LANGUAGE="uk").content.decode()

    assert "Безпечний дім Люблін" in picks or "Safe House Lublin" in picks
    assert f'data-unrefer="{shelter.pk}"' in picks

