"""An investigation links calls, observations and protection cases that exist and that its officer can see,
by number or by the code people use (CALL-138), and a link added by mistake can be removed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from intake.models import HotlineCall, Place, PlaceType
from investigations import services
from investigations.models import Investigation, InvestigationLink, Offence


@pytest.fixture
def police(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("POL", OrganisationType.POLICE)


@pytest.fixture
def investigator(make_user: Callable[..., User], police: Organisation) -> User:
    return make_user(Role.INVESTIGATOR, police)


@pytest.fixture
def case(investigator: User) -> Investigation:
    return services.create_investigation(investigator, services.InvestigationInput(
        offence=Offence.objects.get(article="189a"), unit="CT Department"))


def _call(organisation: Organisation, user: User) -> HotlineCall:
    hotline = Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie")
    return HotlineCall.objects.create(organisation=organisation, hotline=hotline, started_at=timezone.now(),
                                      language="uk", caller_type="anonymous", topic="information", created_by=user)


def test_a_call_is_linked_by_its_code_and_unlinked(investigator: User, police: Organisation, case: Investigation,
                                                   login_as: Callable[[User], Client]) -> None:
    call = _call(police, investigator)
    client = login_as(investigator)
    client.post(f"/investigations/{case.pk}/action/", {"action": "link", "link-kind": "intake.hotlinecall",
                                                       "link-object_id": f"call-{call.pk}"})
    link = InvestigationLink.objects.get(investigation=case)
    assert link.object_id == call.pk and link.label == f"CALL-{call.pk}"
    page = client.get(f"/investigations/{case.pk}/").content.decode()
    assert f'href="/intake/calls/{call.pk}/">CALL-{call.pk}</a>' in page
    client.post(f"/investigations/{case.pk}/action/", {"action": "unlink", "link": link.pk})
    assert not InvestigationLink.objects.filter(investigation=case).exists()


def test_a_record_that_does_not_exist_or_is_not_visible_is_refused(
        investigator: User, case: Investigation, make_org: Callable[..., Organisation],
        make_user: Callable[..., User], login_as: Callable[[User], Client]) -> None:
    other = make_org("SG", OrganisationType.BORDER_GUARD)
    foreign = _call(other, make_user(Role.HOTLINE_OPERATOR, other))
    for reference in ("99999", f"CALL-{foreign.pk}", "CALL-x"):
        with pytest.raises(ValidationError):
            services.link(investigator, case, "intake.hotlinecall", reference)
    with pytest.raises(ValidationError):
        services.link(investigator, case, "protection.case", "IOM-2026-99999")
    with pytest.raises(ValidationError):
        services.add_person(investigator, case, services.PersonInput("victim", "Olena", protection_case_id=77777))
    page = login_as(investigator).post(f"/investigations/{case.pk}/action/", {
        "action": "link", "link-kind": "intake.hotlinecall", "link-object_id": "99999"}, follow=True)
    assert "There is no hotline call with this number or code that you can see." in page.content.decode()
    assert not InvestigationLink.objects.filter(investigation=case).exists()
