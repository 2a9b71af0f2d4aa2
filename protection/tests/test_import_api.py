"""The import API: upload, read the proposals and problems, confirm with overrides; the HTCDS export by API."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from protection.models import Case

from .import_files import toolkit_xlsx, xlsx


def test_upload_read_and_confirm_with_overrides(login_as, iom_worker, django_capture_on_commit_callbacks):
    client = login_as(iom_worker)
    created = client.post("/api/v1/protection/imports", {"file": SimpleUploadedFile("partner.xlsx", toolkit_xlsx())})
    assert created.status_code == 201 and created.json()["status"] == "ready"
    job_id = created.json()["id"]
    body = client.get(f"/api/v1/protection/imports/{job_id}").json()
    assert body["rows"] == 3 and body["errors"] == [] and body["imported"] == 0
    assert {"column": "Partner notes", "field": "ignore", "proposal": "none"} in body["columns"]
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/api/v1/protection/imports/{job_id}/confirm",
                                {"columns": {"prs_Email": "ignore"}}, content_type="application/json")
    assert confirmed.status_code == 202
    body = client.get(f"/api/v1/protection/imports/{job_id}").json()
    assert body["status"] == "done" and body["imported"] == 3 and "prs_Email" in body["ignored"]
    assert all(not c.person.email for c in Case.objects.select_related("person"))
    assert AuditEvent.objects.filter(object_type="protection.importjob", action="view").exists()


def test_an_unknown_value_blocks_the_confirm_with_its_row_and_column(login_as, iom_worker):
    client = login_as(iom_worker)
    data = xlsx([["prs_FirstName", "prs_Gender"], ["Anna", "Feminine"], ["Ivan", "Dragon"]])
    job_id = client.post("/api/v1/protection/imports", {"file": SimpleUploadedFile("a.xlsx", data)}).json()["id"]
    body = client.get(f"/api/v1/protection/imports/{job_id}").json()
    assert body["status"] == "mapping"
    assert body["unmapped_values"] == [{"field": "prs_Gender", "value": "Dragon", "count": 1}]
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [(3, "prs_Gender", "unknown_value")]
    response = client.post(f"/api/v1/protection/imports/{job_id}/confirm", {}, content_type="application/json")
    assert response.status_code == 409 and response.json()["error"]["code"] == "import_has_problems"
    assert not Case.objects.exists()


def test_a_damaged_file_is_a_400_with_a_stable_code(login_as, iom_worker):
    data = toolkit_xlsx()
    response = login_as(iom_worker).post("/api/v1/protection/imports",
                                         {"file": SimpleUploadedFile("a.xlsx", data[:2000])})
    assert response.status_code == 400 and response.json()["error"]["code"] == "unreadable_file"


def test_another_organisation_gets_404_and_a_role_without_manage_403(login_as, iom_worker, ls_worker, make_user, iom):
    job_id = login_as(iom_worker).post("/api/v1/protection/imports",
                                       {"file": SimpleUploadedFile("p.xlsx", toolkit_xlsx())}).json()["id"]
    assert login_as(ls_worker).get(f"/api/v1/protection/imports/{job_id}").status_code == 404
    assert login_as(make_user("trainer", iom)).get(f"/api/v1/protection/imports/{job_id}").status_code == 403


def test_the_anonymous_htcds_export_by_api(login_as, iom_worker, make_case):
    make_case()
    response = login_as(iom_worker).get("/api/v1/protection/exports/htcds?identified=false")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("cas_Status,prs_Gender,ctims_ageBroad")
    assert login_as(iom_worker).get("/api/v1/protection/exports/htcds?identified=true").status_code == 403
