"""From a links identity, an officer links every call and observation of that person that the police may open to
one of the police's investigations; the records of other organisations are only counted, never linked."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.utils import timezone

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from intake.models import HotlineCall, Place, PlaceType
from investigations import services
from investigations.models import InvestigationLink, Offence
from links.models import Mention as MentionRow
from links.services import Mention, deferred_matching, record_mentions


def test_every_record_of_an_identity_is_linked_once(make_org: Callable[..., Organisation],
                                                    make_user: Callable[..., User],
                                                    login_as: Callable[[User], Client]) -> None:
    police, border_guard = make_org("POL", OrganisationType.POLICE), make_org("SG", OrganisationType.BORDER_GUARD)
    officer = make_user(Role.INVESTIGATOR, police)
    case = services.create_investigation(officer, services.InvestigationInput(
        offence=Offence.objects.get(article="189a")))
    hotline = Place.objects.create(type=PlaceType.VOIVODESHIP, name="Podkarpackie")
    calls = [HotlineCall.objects.create(organisation=org, hotline=hotline, started_at=timezone.now(), language="uk",
                                        caller_type="victim", topic="work") for org in (police, police, border_guard)]
    with deferred_matching():
        for call in calls:
            record_mentions(source_type="intake.hotlinecall", source_id=call.pk,
                            owner_organisation_id=call.organisation_id, occurred_at=call.started_at,
                            mentions=[Mention("phone", "+48 512 345 678")])
    entity_id = MentionRow.objects.values_list("entity_id", flat=True).distinct().get()
    client = login_as(officer)
    identity_page = client.get(f"/links/entities/{entity_id}/").content.decode()
    assert f'href="/investigations/identity/{entity_id}/"' in identity_page
    page = client.get(f"/investigations/identity/{entity_id}/").content.decode()
    assert "2 records of this identity can be linked:" in page
    assert "1 more record exists that you cannot open; it is not linked." in page
    done = client.post(f"/investigations/identity/{entity_id}/", {"investigation": case.pk}, follow=True)
    assert "2 records were linked." in done.content.decode()
    assert sorted(InvestigationLink.objects.values_list("object_id", flat=True)) == [calls[0].pk, calls[1].pk]
    again = client.post(f"/investigations/identity/{entity_id}/", {"investigation": case.pk}, follow=True)
    assert "2 records were already linked." in again.content.decode()
    assert InvestigationLink.objects.count() == 2
    # the Border Guard's officer cannot link into a police investigation from the same identity
    bg = login_as(make_user(Role.INVESTIGATOR, border_guard))
    bg.post(f"/investigations/identity/{entity_id}/", {"investigation": case.pk})
    assert InvestigationLink.objects.count() == 2
