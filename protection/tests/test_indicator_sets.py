"""An administrator edits the screening indicators as data; case workers cannot."""

from __future__ import annotations

from accounts.roles import Role
from protection.models import Indicator


def test_an_administrator_retires_an_indicator_and_the_screening_no_longer_offers_it(login_as, client, make_user,
                                                                                      iom, iom_worker, make_case):
    case = make_case()
    admin = make_user(Role.ADMINISTRATOR, iom)
    isolation = Indicator.objects.get(code="isolation")
    login_as(admin).post("/protection/indicators/", {"indicator": isolation.id, "name": "Isolation",
                                                      "strength": "medium"})
    isolation.refresh_from_db()
    assert not isolation.is_active
    client.force_login(iom_worker)
    page = client.get(f"/protection/cases/{case.id}/screening/").content.decode()
    assert f'value="{isolation.id}"' not in page and "Deception" in page


def test_an_administrator_adds_an_indicator_to_a_dimension(login_as, make_user, iom):
    admin = make_user(Role.ADMINISTRATOR, iom)
    dimension = Indicator.objects.get(code="deception").dimension
    login_as(admin).post("/protection/indicators/", {"dimension": dimension.id, "name": "Recruitment fee charged",
                                                      "strength": "weak"})
    assert dimension.indicators.filter(name="Recruitment fee charged", strength="weak").exists()


def test_a_case_worker_cannot_edit_indicators(login_as, iom_worker):
    assert login_as(iom_worker).get("/protection/indicators/").status_code == 403
