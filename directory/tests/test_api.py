"""The directory through the API: public search and reports, and concerns for the triage team only."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings

from accounts.models import OrganisationType
from accounts.roles import Role
from directory.models import ConcernReport

pytestmark = pytest.mark.django_db


def test_anyone_searches_services_and_reads_the_library(client: Client, make_service):
    shelter = make_service("Shelter Lublin", languages=("pl", "uk"), summary_uk="Безпечне місце")
    make_service("Shelter Krakow", voivodeship="małopolskie")
    body = client.get("/api/v1/directory/services?voivodeship=lubelskie&language=uk&lang=uk").json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == shelter.pk and body["items"][0]["summary"] == "Безпечне місце"
    assert client.get(f"/api/v1/directory/services/{shelter.pk}").json()["name"] == "Shelter Lublin"
    assert client.get("/api/v1/directory/services/999999").json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/directory/resources").json() == {"items": [], "count": 0}


def _post(client: Client, payload: dict) -> object:
    return client.post("/api/v1/directory/concerns", json.dumps(payload), content_type="application/json")


@override_settings(CTIMS_CONCERN_MAX_PER_HOUR=2)
def test_a_concern_sent_through_the_api_is_checked_and_rate_limited(client: Client, police):
    empty = _post(client, {"text": ""})
    assert empty.status_code == 422 and empty.json()["error"]["fields"][0]["field"] == "text"
    assert ConcernReport.objects.count() == 0
    assert _post(client, {"text": "Van at the station", "language": "uk"}).status_code == 201
    flood = _post(client, {"text": "again"})
    assert flood.status_code == 429 and flood.json()["error"]["code"] == "rate_limited"
    assert ConcernReport.objects.count() == 1


def test_only_the_triage_team_of_the_receiving_organisation_lists_and_opens_concerns(client, police, make_user,
                                                                                       make_org, login_as):
    _post(client, {"text": "Van at the station"})
    concern = ConcernReport.objects.get()
    assert client.get("/api/v1/directory/concerns").status_code == 401
    analyst = login_as(make_user(Role.ANALYST, organisation=police))
    body = analyst.get("/api/v1/directory/concerns").json()
    assert body["count"] == 1 and body["items"][0]["id"] == concern.pk
    assert analyst.get(f"/api/v1/directory/concerns/{concern.pk}").json()["text"] == "Van at the station"
    analyst.logout()
    ngo = login_as(make_user(Role.SUPERVISOR, organisation=make_org("LS", OrganisationType.NGO)))
    assert ngo.get("/api/v1/directory/concerns").json()["count"] == 0
    assert ngo.get(f"/api/v1/directory/concerns/{concern.pk}").status_code == 404
