"""A link to a person in another module's network opens only where the case page would show their identity."""

from __future__ import annotations

from accounts.roles import Role
from links import sources


def test_a_linked_person_opens_for_the_case_worker_but_not_for_roles_or_agencies_without_identity(
        iom_worker, ls_worker, make_user, make_case):
    case = make_case()
    person_id = case.person_id
    iom_supervisor_without_identity = make_user(Role.INVESTIGATOR, iom_worker.organisation)
    assert sources.can_open(iom_worker, "protection.person", person_id, case.organisation_id)
    assert not sources.can_open(iom_supervisor_without_identity, "protection.person", person_id,
                                case.organisation_id)
    assert not sources.can_open(ls_worker, "protection.person", person_id, case.organisation_id)
    assert sources.get_source("protection.person").url(person_id) == f"/protection/cases/{case.pk}/"
