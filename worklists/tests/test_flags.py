"""An organisation flags cases and calls; its colleagues see and filter by the flags; nobody outside it does,
not even an organisation the case is referred to."""

from __future__ import annotations

from accounts.roles import Role
from audit.models import AuditEvent
from protection import services as protection
from protection.choices import ReferralReason
from worklists import selectors, services
from worklists.models import Flag


def test_a_colleague_sees_the_flag_and_filters_by_it(login_as, make_user, iom, iom_worker, make_case):
    flagged, plain = make_case(), make_case(second_name="Bondarenko")
    response = login_as(iom_worker).post("/worklists/cases/bulk/", {
        "ids": [flagged.id], "action": "flag", "kind": "safety", "back": "/protection/"}, follow=True)
    assert "1 record was flagged." in response.content.decode()
    assert AuditEvent.objects.filter(action="create", object_type="worklists.flag", actor=iom_worker).count() == 1
    colleague = make_user(Role.SUPERVISOR, iom, username="iom.supervisor")
    page = login_as(colleague).get("/protection/?flag=safety").content.decode()
    assert flagged.code in page and plain.code not in page
    assert 'data-flag="safety"' in page
    assert plain.code in login_as(colleague).get("/protection/").content.decode()


def test_flags_stay_inside_the_organisation_that_set_them(login_as, iom_worker, ls_worker, lastrada, make_case,
                                                          share):
    case = make_case()
    share(case, lastrada)
    protection.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    services.flag(iom_worker, "cases", [case.id], "supervisor")
    client = login_as(ls_worker)
    page = client.get("/protection/?scope=shared").content.decode()
    assert case.code in page, "La Strada sees the referred case"
    assert 'data-flag="' not in page, "but not IOM's flag on it"
    assert case.code not in client.get("/protection/?scope=all&flag=any").content.decode()
    assert selectors.flags_by_id(ls_worker, "cases", [case.id]) == {}
    services.flag(ls_worker, "cases", [case.id], "follow_up")  # a partner may flag what it sees, for itself
    assert [f.kind for f in selectors.flags_by_id(iom_worker, "cases", [case.id])[case.id]] == ["supervisor"]


def test_a_case_that_is_not_visible_cannot_be_flagged(iom_worker, ls_worker, make_case):
    import pytest
    from django.core.exceptions import PermissionDenied

    theirs = make_case(actor=ls_worker)
    with pytest.raises(PermissionDenied):
        services.flag(iom_worker, "cases", [theirs.id], "safety")
    assert not Flag.objects.exists()


def test_clearing_a_flag_takes_it_off_the_filter(login_as, iom_worker, make_case):
    case = make_case()
    services.flag(iom_worker, "cases", [case.id], "data", note="Birth date to check with the person.")
    client = login_as(iom_worker)
    assert case.code in client.get("/protection/?flag=data").content.decode()
    client.post("/worklists/cases/bulk/", {"ids": [case.id], "action": "unflag", "kind": "data"})
    assert case.code not in client.get("/protection/?flag=data").content.decode()
    assert Flag.objects.get().cleared_by == iom_worker


def test_calls_are_flagged_and_filtered(login_as, analyst, operator, log_call):
    calls = [log_call(operator) for _ in range(2)]
    services.flag(analyst, "calls", [calls[0].pk], "follow_up")
    page = login_as(operator).get("/intake/calls/?flag=follow_up").content.decode()
    assert calls[0].code in page and calls[1].code not in page
