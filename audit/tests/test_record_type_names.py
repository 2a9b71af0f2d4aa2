"""The audit log names each kind of record in the reader's language, whatever the model calls itself."""

from __future__ import annotations

from django.urls import reverse

from accounts.roles import Role
from audit.models import Action
from audit.services import record


def test_record_types_and_columns_read_in_ukrainian(client, make_org, make_user):
    iom = make_org("IOM")
    worker = make_user(Role.CASE_WORKER, organisation=iom)
    admin = make_user(Role.ADMINISTRATOR, organisation=iom)
    record(worker, Action.VIEW, object_type="protection.monitoringvisit", object_id="7")
    record(worker, Action.VIEW, object_type="intake.hotlinecall", object_id="8")
    client.force_login(admin)
    client.cookies["ctims_language"] = "uk"
    html = client.get(reverse("audit:event_list")).content.decode()
    assert "моніторинговий візит" in html and "дзвінок на гарячу лінію" in html
    assert "monitoring visit" not in html
    assert "IP-адреса" in html
