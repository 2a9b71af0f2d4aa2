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


def test_the_record_type_filter_takes_what_the_table_shows_and_a_reversed_range_is_explained(
        client, make_org, make_user):
    iom = make_org("IOM")
    worker = make_user(Role.CASE_WORKER, organisation=iom)
    admin = make_user(Role.ADMINISTRATOR, organisation=iom)
    record(worker, Action.VIEW, object_type="intake.hotlinecall", object_id="8")
    record(worker, Action.VIEW, object_type="protection.monitoringvisit", object_id="7")
    client.force_login(admin)
    client.cookies["ctims_language"] = "uk"
    html = client.get(reverse("audit:event_list"), {"object_type": "Дзвінок на гарячу лінію"}).content.decode()
    assert "#8" in html and "#7" not in html, "the label typed as the table shows it finds the records"
    assert '<option value="дзвінок на гарячу лінію">' in html, "the labels are offered as suggestions"
    html = client.get(reverse("audit:event_list"), {"since": "2026-12-01", "until": "2026-11-01"}).content.decode()
    assert "Дата «Від» пізніша за дату «До», тому нічого не знайдено." in html
