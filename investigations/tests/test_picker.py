"""An officer links calls, observations and protection cases to an investigation by searching for a code, a phone
number, a plate or a name (names through the links module's identities); the search text travels in a POST body,
a record already linked says so, and nobody finds or links another organisation's records."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from audit.models import AuditEvent
from intake.models import FieldObservation, HotlineCall, Mention, Place, PlaceType
from intake.services import caller_phone_index, mention_index
from investigations import services
from investigations.models import Investigation, InvestigationLink, Offence
from links.services import Mention as LinkMention
from links.services import deferred_matching, record_mentions


@pytest.fixture
def police(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("POL", OrganisationType.POLICE)


@pytest.fixture
def investigator(make_user: Callable[..., User], police: Organisation) -> User:
    return make_user(Role.INVESTIGATOR, police)


@pytest.fixture
def case(investigator: User) -> Investigation:
    return services.create_investigation(investigator, services.InvestigationInput(
        offence=Offence.objects.get(article="189a")))


@pytest.fixture
def lublin() -> Place:
    return Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie")


def _call(organisation: Organisation, hotline: Place, phone: str = "") -> HotlineCall:
    return HotlineCall.objects.create(organisation=organisation, hotline=hotline, started_at=timezone.now(),
                                      language="uk", caller_type="victim", topic="work", caller_contact=phone,
                                      caller_phone_index=caller_phone_index(phone))


def _find(client: Client, case: Investigation, text: str) -> str:
    """The picker's results table (the search form around it repeats the text and examples of codes)."""
    page = client.post(f"/investigations/{case.pk}/find/", {"picker-q": text}).content.decode()
    results = page[page.index('data-testid="picker-results"'):]
    return results[:results.index("</table>")]


def test_a_call_is_found_by_the_callers_phone_written_another_way_and_linked_once(
        case: Investigation, investigator: User, police: Organisation, lublin: Place,
        login_as: Callable[[User], Client]) -> None:
    call = _call(police, lublin, "+48 512 345 678")
    _call(police, lublin, "+48 600 100 200")
    client = login_as(investigator)
    page = _find(client, case, "512-345-678")
    assert "1 record found" in page and f"CALL-{call.pk}" in page
    client.post(f"/investigations/{case.pk}/action/", {"action": "link", "link-kind": "intake.hotlinecall",
                                                       "link-object_id": f"CALL-{call.pk}"})
    assert list(InvestigationLink.objects.values_list("object_id", flat=True)) == [call.pk]
    assert "Already linked" in _find(client, case, "+48512345678")
    again = client.post(f"/investigations/{case.pk}/action/", {
        "action": "link", "link-kind": "intake.hotlinecall", "link-object_id": f"CALL-{call.pk}"}, follow=True)
    assert f"CALL-{call.pk} is already linked to this investigation." in again.content.decode()
    assert InvestigationLink.objects.count() == 1
    # the number is in no URL and in no audit entry
    searches = AuditEvent.objects.filter(object_type="investigations.picker")
    assert searches.count() == 2
    assert not any("512" in f"{e.object_id} {e.fields} {e.reason}" for e in searches)
    form = client.get(f"/investigations/{case.pk}/").content.decode()
    assert f'<form method="post" action="/investigations/{case.pk}/find/#links"' in form


def test_an_observation_is_found_by_its_plate_and_a_call_by_its_code(
        case: Investigation, investigator: User, police: Organisation, lublin: Place,
        login_as: Callable[[User], Client]) -> None:
    obs = FieldObservation.objects.create(organisation=police, place=lublin, observed_at=timezone.now())
    Mention.objects.create(observation=obs, kind="vehicle", value="LU 12345", value_index=mention_index(
        "vehicle", "LU 12345"))
    call = _call(police, lublin)
    client = login_as(investigator)
    by_plate = _find(client, case, "lu-12345")
    assert f"OBS-{obs.pk}" in by_plate and "1 record found" in by_plate
    by_code = _find(client, case, f"call {call.pk}")
    assert f"CALL-{call.pk}" in by_code and "1 record found" in by_code


def test_a_name_finds_the_records_of_the_links_identity_in_any_script(
        case: Investigation, investigator: User, police: Organisation, lublin: Place,
        login_as: Callable[[User], Client]) -> None:
    named, other = _call(police, lublin), _call(police, lublin)
    with deferred_matching():
        for call, name in ((named, "Олена Коваленко"), (other, "Marta Nowak")):
            record_mentions(source_type="intake.hotlinecall", source_id=call.pk, owner_organisation_id=police.pk,
                            occurred_at=call.started_at, mentions=[LinkMention("person", name)])
    page = _find(login_as(investigator), case, "Kovalenko Olena")
    assert f"CALL-{named.pk}" in page and f"CALL-{other.pk}" not in page and "1 record found" in page


def test_another_organisations_records_are_neither_found_nor_linked(
        case: Investigation, investigator: User, lublin: Place, make_org: Callable[..., Organisation],
        make_user: Callable[..., User], login_as: Callable[[User], Client]) -> None:
    border_guard = make_org("SG", OrganisationType.BORDER_GUARD)
    foreign = _call(border_guard, lublin, "+48 512 345 678")
    client = login_as(investigator)
    page = _find(client, case, "+48 512 345 678")
    assert "0 records found" in page and f"CALL-{foreign.pk}" not in page
    refused = client.post(f"/investigations/{case.pk}/action/", {
        "action": "link", "link-kind": "intake.hotlinecall", "link-object_id": f"CALL-{foreign.pk}"}, follow=True)
    assert "There is no hotline call with this number or code that you can see." in refused.content.decode()
    # and the Border Guard's officer can neither open the police case nor search or link through it
    bg = login_as(make_user(Role.INVESTIGATOR, border_guard))
    assert bg.get(f"/investigations/{case.pk}/").status_code == 404
    assert bg.post(f"/investigations/{case.pk}/find/", {"picker-q": "+48 512 345 678"}).status_code == 404
    assert bg.post(f"/investigations/{case.pk}/action/", {
        "action": "link", "link-kind": "intake.hotlinecall", "link-object_id": f"CALL-{foreign.pk}"}
    ).status_code == 404
    assert not InvestigationLink.objects.exists()
