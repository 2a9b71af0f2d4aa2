"""A restricted case is seen only by the workers on it and by supervisors, even within the owner organisation."""

from __future__ import annotations

from accounts.roles import Role
from protection import services
from protection.choices import Gender, Sensitivity


def test_a_restricted_case_is_hidden_from_colleagues_not_on_it(login_as, client, make_user, iom, iom_worker):
    case = services.register_person(iom_worker, services.Identity(first_name="Lan"), gender=Gender.FEMININE,
                                    sensitivity=Sensitivity.RESTRICTED)
    colleague = make_user(Role.CASE_WORKER, iom)
    supervisor = make_user(Role.SUPERVISOR, iom)
    assert login_as(colleague).get(f"/protection/cases/{case.id}/").status_code == 404
    client.force_login(supervisor)
    assert client.get(f"/protection/cases/{case.id}/").status_code == 200
    client.force_login(iom_worker)
    assert client.get(f"/protection/cases/{case.id}/").status_code == 200
