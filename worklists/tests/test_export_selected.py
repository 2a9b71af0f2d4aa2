"""A case worker exports the rows she ticked: exactly those rows, only the columns the list shows (no names),
each exported row in the audit log; a row she may not see refuses the export."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from audit.models import AuditEvent


def test_export_selected_contains_exactly_the_selected_cases(login_as, iom_worker, make_case):
    cases = [make_case(second_name=f"Kovalchuk{i}", first_name=f"Olena{i}") for i in range(3)]
    chosen = [cases[2], cases[0]]
    response = login_as(iom_worker).post("/worklists/cases/bulk/", {
        "ids": [c.id for c in chosen], "action": "export_csv"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ctims-cases-selected-')
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Case code", "Status", "Owner"]
    assert [r[0] for r in rows[1:]] == [cases[2].code, cases[0].code]
    assert "Olena" not in text and "Kovalchuk" not in text, "no identity in an export of the list"
    exported = AuditEvent.objects.filter(action="export", actor=iom_worker, object_type="protection.case")
    assert sorted(exported.values_list("object_id", flat=True)) == sorted(str(c.id) for c in chosen)


def test_export_selected_calls_as_xlsx(login_as, analyst, operator, log_call):
    calls = [log_call(operator, caller_contact=f"+48 600 100 20{i}") for i in range(3)]
    response = login_as(analyst).post("/worklists/calls/bulk/", {
        "ids": [calls[1].pk], "action": "export_xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 2
    assert values[1][0] == calls[1].code
    assert "+48" not in repr(values), "the caller's contact is not on the list, so not in the export"


def test_a_row_of_another_organisation_refuses_the_export(login_as, iom_worker, ls_worker, make_case):
    ours = make_case()
    theirs = make_case(actor=ls_worker, second_name="Shevchenko")
    response = login_as(iom_worker).post("/worklists/cases/bulk/", {
        "ids": [ours.id, theirs.id], "action": "export_csv"}, follow=True)
    assert "attachment" not in response.get("Content-Disposition", "")
    assert "Nothing was done" in response.content.decode()
    assert not AuditEvent.objects.filter(action="export", actor=iom_worker).exists()
