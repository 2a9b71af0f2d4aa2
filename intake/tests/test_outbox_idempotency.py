"""A field officer's phone sends a held observation again (the answer to the first send was lost):
CTIMS files it once and answers with the same code; the service worker and its libraries come from
CTIMS itself."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.contrib.staticfiles import finders

from intake.models import FieldObservation, Place


def _post(client: Any, place: Place, key: str, description: str = "Van offering lifts to Berlin") -> Any:
    return client.post("/intake/observations/new/", {
        "place": place.pk, "observed_at": "2026-03-01T10:00", "risk_level": "medium", "description": description,
        "person-TOTAL_FORMS": "0", "person-INITIAL_FORMS": "0", "vehicle-TOTAL_FORMS": "0",
        "vehicle-INITIAL_FORMS": "0", "idempotency_key": key,
    }, HTTP_ACCEPT="application/json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_repeated_send_files_one_observation(client: Any, login_as: Any, field_officer: Any, medyka: Place) -> None:
    login_as(field_officer)
    key = str(uuid.uuid4())
    first = _post(client, medyka, key)
    assert first.status_code == 201, first.content
    again = _post(client, medyka, key, description="the same, sent again")
    assert again.status_code == 201
    assert again.json()["code"] == first.json()["code"]
    obs = FieldObservation.objects.get()
    assert obs.description == "Van offering lifts to Berlin"
    assert _post(client, medyka, str(uuid.uuid4())).json()["code"] != first.json()["code"]
    assert FieldObservation.objects.count() == 2


def test_the_key_belongs_to_the_officer(client: Any, login_as: Any, make_user: Any, police: Any,
                                        field_officer: Any, medyka: Place) -> None:
    key = str(uuid.uuid4())
    login_as(field_officer)
    assert _post(client, medyka, key).status_code == 201
    from accounts.roles import Role

    colleague = make_user(Role.FIELD_OFFICER, police, username="colleague")
    login_as(colleague)
    assert _post(client, medyka, key).status_code == 201
    assert FieldObservation.objects.filter(idempotency_key=key).count() == 2


def test_a_refused_observation_names_the_field(client: Any, login_as: Any, field_officer: Any, medyka: Place) -> None:
    login_as(field_officer)
    response = client.post("/intake/observations/new/", {
        "observed_at": "2026-03-01T10:00", "risk_level": "medium", "person-TOTAL_FORMS": "0",
        "person-INITIAL_FORMS": "0", "vehicle-TOTAL_FORMS": "0", "vehicle-INITIAL_FORMS": "0",
    }, HTTP_ACCEPT="application/json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_observation"
    assert "place" in error["fields"] and "Place" in error["message"]
    assert not FieldObservation.objects.exists()


def test_the_service_worker_loads_workbox_from_ctims(client: Any, login_as: Any, field_officer: Any) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    scripts = re.findall(r'"(/static/vendor/workbox-[^"]+)"', body)
    assert len(scripts) == 3 and "https://" not in body
    for url in scripts:
        assert finders.find(url.removeprefix("/static/")), url
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["start_url"] == "/home/" and manifest["display"] == "standalone"


def test_my_recent_observations_are_mine_only(client: Any, login_as: Any, make_user: Any, police: Any,
                                               field_officer: Any, log_observation: Any) -> None:
    from accounts.roles import Role

    mine = log_observation(field_officer)
    theirs = log_observation(make_user(Role.FIELD_OFFICER, police, username="other"))
    login_as(field_officer)
    page = client.get("/intake/observations/mine/").content.decode()
    assert mine.code in page and theirs.code not in page
