"""An administrator holding a log line's request id finds every audit event of that one request."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from accounts.roles import Role
from audit.models import Action, AuditEvent
from core import request_context


def _in_request(request_id: str, ip: str = "198.51.100.7") -> request_context.RequestContext:
    return request_context.RequestContext(request_id=request_id, ip=ip)


def test_events_carry_the_request_id_and_the_page_filters_by_it(client: Any, make_org: Any, make_user: Any) -> None:
    from audit.services import record

    iom, other = make_org("IOM"), make_org("LS")
    admin = make_user(Role.ADMINISTRATOR, organisation=iom, username="anna")
    iryna = make_user(Role.CASE_WORKER, organisation=iom, username="iryna")
    joanna = make_user(Role.CASE_WORKER, organisation=other, username="joanna")
    for request_id, actor, case in (("7c1e18f0b207e20a", iryna, "IOM-0001"), ("7c1e18f0b207e20a", iryna, "IOM-0002"),
                                    ("99aa00bb11cc22dd", iryna, "IOM-0003"), ("7c1e18f0b207e20a", joanna, "LS-0042")):
        token = request_context.bind(_in_request(request_id))
        try:
            record(actor, Action.VIEW, object_type="protection.case", object_id=case)
        finally:
            request_context.unbind(token)
    assert AuditEvent.objects.filter(request_id="7c1e18f0b207e20a").count() == 3

    client.force_login(admin)
    html = client.get(reverse("audit:event_list"), {"request_id": "7c1e18f0b207e20a"}).content.decode()
    assert "IOM-0001" in html and "IOM-0002" in html
    assert "IOM-0003" not in html, "another request"
    assert "LS-0042" not in html, "another organisation's event of a request id that happens to match"
    assert 'href="?request_id=7c1e18f0b207e20a"' in html, "each row links to all events of its request"


def test_a_sign_in_is_found_by_the_request_id_the_proxy_sent(client: Any, make_user: Any) -> None:
    admin = make_user(Role.ADMINISTRATOR, username="anna")
    make_user(Role.LEARNER, organisation=admin.organisation, username="michal")
    client.post(reverse("accounts:login"), {"username": "michal", "password": "correct-horse-battery-staple"},
                HTTP_X_REQUEST_ID="f00dfeed12345678")
    client.force_login(admin)
    html = client.get(reverse("audit:event_list"), {"request_id": "f00dfeed12345678"}).content.decode()
    assert "Sign-in" in html and "michal" in html
    html = client.get(reverse("audit:event_list"), {"request_id": "0000000000000000"}).content.decode()
    assert "No events match." in html
