"""Consent per purpose, with every HTCDS check explained; a child's assent and a guardian's consent; withdrawable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from protection import services
from protection.choices import ConsentPurpose
from protection.models import Consent

from .conftest import ALL_CHECKS


def test_consent_is_refused_until_every_point_was_explained(login_as, iom_worker, make_case):
    case = make_case()
    response = login_as(iom_worker).post(f"/protection/cases/{case.id}/consent/", {
        "purpose": ConsentPurpose.SERVICES, "language": "uk", "checks": ALL_CHECKS[:3]})
    assert "Explain every point to the person" in response.content.decode()
    assert not Consent.objects.exists()


def test_a_childs_consent_needs_her_assent_and_a_guardian(iom_worker, make_case):
    case = make_case()
    with pytest.raises(ValidationError) as err:
        services.give_consent(iom_worker, case.id, purpose=ConsentPurpose.SERVICES, language="uk",
                              checks=ALL_CHECKS, is_child=True)
    assert set(err.value.message_dict) == {"child_assent", "guardian_name"}
    consent = services.give_consent(iom_worker, case.id, purpose=ConsentPurpose.SERVICES, language="uk",
                                    checks=ALL_CHECKS, is_child=True, child_assent=True,
                                    guardian_name="Mariia Kovalchuk", guardian_relationship="mother")
    assert consent.is_active and consent.taken_by == iom_worker


def test_withdrawn_consent_shows_as_withdrawn_on_the_case(login_as, iom_worker, make_case):
    case = make_case()
    consent = services.give_consent(iom_worker, case.id, purpose=ConsentPurpose.STATISTICS, language="pl",
                                    checks=ALL_CHECKS)
    client = login_as(iom_worker)
    client.post(f"/protection/cases/{case.id}/consent/{consent.id}/withdraw/")
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == iom_worker
    assert "withdrawn" in client.get(f"/protection/cases/{case.id}/").content.decode()
