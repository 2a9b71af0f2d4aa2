"""An officer reports a van's plate at Medyka, then reports it again an hour later: CTIMS warns before
saving and names the earlier report; saved anyway, the repeat is not new evidence for links."""

from __future__ import annotations

import uuid
from typing import Any

from intake import services
from intake.models import FieldObservation, Place
from links.models import Mention as LinkMention

PLATE = "WZ 4821K"


def _post(client: Any, place: Place, at: str, plate: str = PLATE, confirm: bool = False, json: bool = True,
          phones: str = "") -> Any:
    data = {"place": place.pk, "observed_at": at, "risk_level": "medium", "description": "Van offering lifts",
            "phones": phones, "person-TOTAL_FORMS": "0", "person-INITIAL_FORMS": "0", "vehicle-TOTAL_FORMS": "1",
            "vehicle-INITIAL_FORMS": "0", "vehicle-0-plate": plate, "idempotency_key": str(uuid.uuid4())}
    if confirm:
        data["confirm_duplicate"] = "1"
    return client.post("/intake/observations/new/", data, **({"HTTP_ACCEPT": "application/json"} if json else {}))


def test_the_same_plate_at_the_same_place_warns_before_saving(client: Any, login_as: Any, field_officer: Any,
                                                             medyka: Place, settings: Any) -> None:
    settings.CTIMS_OBSERVATION_DUPLICATE_HOURS = 6
    login_as(field_officer)
    first = _post(client, medyka, "2026-03-01T10:00")
    assert first.status_code == 201

    warned = _post(client, medyka, "2026-03-01T11:00", plate="wz4821k")  # the same plate, written differently
    assert warned.status_code == 409
    error = warned.json()["error"]
    assert error["code"] == "possible_duplicate" and "within 6 hours" in error["message"]
    assert [d["code"] for d in error["duplicates"]] == [first.json()["code"]]
    assert FieldObservation.objects.count() == 1, "nothing saved before the officer confirms"

    page = _post(client, medyka, "2026-03-01T11:00", json=False).content.decode()  # the page without JavaScript
    assert 'id="duplicate-warning"' in page and first.json()["code"] in page and "Save it anyway" in page

    assert _post(client, medyka, "2026-03-01T23:00").status_code == 201, "outside the window: no warning"
    assert _post(client, medyka, "2026-03-01T11:30", plate="KR 1111A").status_code == 201, "another plate"

    saved = _post(client, medyka, "2026-03-01T11:00", confirm=True)
    assert saved.status_code == 201
    repeat = FieldObservation.objects.get(pk=saved.json()["id"])
    assert repeat.repeat_of_id == first.json()["id"]


def test_a_repeat_is_not_new_evidence_for_links(client: Any, login_as: Any, field_officer: Any,
                                                medyka: Place) -> None:
    login_as(field_officer)
    first = _post(client, medyka, "2026-03-01T10:00")
    repeat = _post(client, medyka, "2026-03-01T10:30", confirm=True, phones="+48 601 234 567").json()
    for pk in (first.json()["id"], repeat["id"]):
        services.publish_mentions(FieldObservation.objects.get(pk=pk))
    kinds = list(LinkMention.objects.filter(source_id=repeat["id"]).values_list("kind", flat=True))
    assert kinds == ["phone"], "the plate was already reported by the same officer; the new phone counts"
    assert LinkMention.objects.filter(source_id=first.json()["id"], kind="vehicle").count() == 1


def test_another_officers_earlier_report_is_independent(client: Any, login_as: Any, make_user: Any, police: Any,
                                                        field_officer: Any, medyka: Place) -> None:
    from accounts.roles import Role

    login_as(make_user(Role.FIELD_OFFICER, police, username="colleague"))
    _post(client, medyka, "2026-03-01T10:00")
    login_as(field_officer)
    assert _post(client, medyka, "2026-03-01T10:30").status_code == 409, "warned: a colleague saw it too"
    saved = _post(client, medyka, "2026-03-01T10:30", confirm=True).json()
    assert FieldObservation.objects.get(pk=saved["id"]).repeat_of_id is None
