"""Administrators keep the directory up to date; staff browse it and download it as CSV."""

from __future__ import annotations

from accounts.roles import Role
from audit.models import AuditEvent
from directory.models import Service

FORM = {
    "name": "Shelter Rzeszów", "provider": "Foundation X", "type": "shelter", "phone": "+48 000 000 200",
    "language_codes": ["pl", "uk"], "audience_codes": ["women", "children"], "voivodeship": "podkarpackie",
    "city": "Rzeszów", "order": "100", "is_active": "on", "days": "weekdays", "opens_at": "09:00", "closes_at": "17:00",
}


def test_an_administrator_adds_a_service_that_the_public_then_finds(login_as, make_user, client):
    admin = make_user(Role.ADMINISTRATOR)
    response = login_as(admin).post("/directory/services/new/", FORM)
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.language_list == ["pl", "uk"] and service.audience_list == ["women", "children"]
    assert AuditEvent.objects.filter(action="create", object_type="directory.service", actor=admin).exists()
    client.logout()
    html = client.get("/help/services/?voivodeship=podkarpackie&language=uk", HTTP_ACCEPT_LANGUAGE="en").content
    assert "Shelter Rzeszów" in html.decode()
    assert "Monday to Friday, 09:00–17:00" in html.decode()


def test_a_service_needs_a_voivodeship_or_all_of_poland(login_as, make_user):
    response = login_as(make_user(Role.ADMINISTRATOR)).post("/directory/services/new/",
                                                            {**FORM, "voivodeship": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Choose the voivodeship, or tick" in response.content.decode()
    assert not Service.objects.exists()


def test_a_case_worker_browses_the_directory_but_cannot_change_it(login_as, make_user, make_service):
    service = make_service("Shelter Lublin")
    client = login_as(make_user(Role.CASE_WORKER))
    html = client.get("/directory/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Shelter Lublin" in html and "Add a service" not in html
    assert client.get(f"/directory/services/{service.pk}/edit/").status_code == 403
    assert client.post("/directory/services/new/", FORM).status_code == 403
    assert Service.objects.count() == 1


def test_the_directory_downloads_as_csv(login_as, make_user, make_service):
    make_service("Shelter Lublin", languages=("pl", "uk"), phone="+48 000 000 101")
    user = make_user(Role.CASE_WORKER)
    response = login_as(user).get("/directory/services.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("id,name,provider,type,phone")
    assert "Shelter Lublin" in lines[1] and "pl;uk" in lines[1]
    assert AuditEvent.objects.filter(action="export", actor=user).exists()
