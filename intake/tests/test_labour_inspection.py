"""A labour inspector records workplace inspections, and sees a menu and home page of what the role can do."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrganisationType
from accounts.roles import Role
from audit.models import AuditEvent
from core.navigation import items_for
from intake import services
from intake.models import FieldObservation, ObservationType


@pytest.fixture
def inspector(make_user, make_org):
    pip = make_org("PIP", OrganisationType.LABOUR_INSPECTORATE, name="National Labour Inspectorate")
    return make_user(Role.LABOUR_INSPECTOR, pip, username="inspector")


def test_every_menu_link_a_labour_inspector_sees_opens(client, inspector):
    client.force_login(inspector)
    html = client.get(reverse("core:home")).content.decode()
    links = [item["url"] for item in items_for(inspector)]
    assert reverse("intake:observation_list") in links
    assert reverse("intake:call_list") not in links, "no hotline menu for an inspector"
    assert reverse("intake:triage") not in links
    for url in links:
        assert client.get(url).status_code == 200, url
        assert f'href="{url}"' in html, f"{url} is in the menu but not on the home page"
    # the big button on the home page starts an inspection, and every link on the home page opens too
    assert "Record a labour inspection" in html
    for url in set(re.findall(r'href="(/(?:intake|training|directory|links|protection)/[^"?#]*)"', html)):
        assert client.get(url).status_code == 200, url


def test_a_field_officer_still_files_observations_without_inspection_fields(client, field_officer, medyka):
    client.force_login(field_officer)
    html = client.get(reverse("intake:observation_create")).content.decode()
    assert 'name="offer_types"' in html and 'name="workplace"' not in html


def test_the_inspector_records_an_inspection_in_the_voivodeship_of_the_workplace(
        client, inspector, podkarpackie, medyka, django_capture_on_commit_callbacks):
    client.force_login(inspector)
    form = client.get(reverse("intake:observation_create")).content.decode()
    assert 'name="workplace"' in form and 'name="workers_met"' in form and 'name="offer_types"' not in form
    assert "Medyka" not in form, "an inspection is filed at a voivodeship, not a border crossing"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:observation_create"), {
            "place": podkarpackie.pk, "observed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "workplace": "Strawberry farm, Łańcut", "employer": "AgroPol sp. z o.o.", "workers_met": "14",
            "indicators": ["documents_taken", "debt"], "risk_level": "high",
            "person-TOTAL_FORMS": "0", "person-INITIAL_FORMS": "0",
            "vehicle-TOTAL_FORMS": "0", "vehicle-INITIAL_FORMS": "0",
        })
    inspection = FieldObservation.objects.get()
    assert response.status_code == 302
    assert inspection.type == ObservationType.LABOUR_INSPECTION and inspection.place == podkarpackie
    assert (inspection.workplace, inspection.employer, inspection.workers_met) == (
        "Strawberry farm, Łańcut", "AgroPol sp. z o.o.", 14)
    created = AuditEvent.objects.get(action="create", object_type="intake.fieldobservation")
    assert {"workplace", "employer", "workers_met"} <= set(created.fields)
    # the employer and the workplace reach links, where other reports of the same firm meet them
    from links.models import Mention as LinkMention

    kinds = set(LinkMention.objects.filter(source_type="intake.fieldobservation", source_id=inspection.pk)
                .values_list("kind", flat=True))
    assert kinds == {"organisation", "address"}
    page = client.get(reverse("intake:observation_detail", args=[inspection.pk])).content.decode()
    assert "Labour inspection" in page and "Strawberry farm" in page and "14" in page


def test_an_inspection_names_the_workplace_and_its_voivodeship(inspector, medyka):
    data = services.ObservationInput(place=medyka, observed_at=timezone.now(),
                                     type=ObservationType.LABOUR_INSPECTION)
    with pytest.raises(ValidationError) as error:
        services.log_observation(inspector, data)
    assert set(error.value.message_dict) == {"place", "workplace"}
    assert not FieldObservation.objects.exists()


def test_only_a_labour_inspector_files_an_inspection(field_officer, podkarpackie):
    data = services.ObservationInput(place=podkarpackie, observed_at=timezone.now(), workplace="Building site",
                                     type=ObservationType.LABOUR_INSPECTION)
    with pytest.raises(PermissionDenied):
        services.log_observation(field_officer, data)
