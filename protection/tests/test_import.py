"""Import from an HTCDS-columned file: every row checked, problems by row and column, all or nothing."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from protection.models import Case, Person


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("cases.xlsx", out.getvalue())


def test_a_file_with_one_bad_row_imports_nothing_and_says_where(login_as, iom_worker):
    upload = _xlsx([
        ["cas_Status", "prs_Gender", "prs_FirstName", "prs_Birthdate", "vic_TypeOfExploitation"],
        ["Active", "Masculine", "Andriy", "1988-01-02", "ForcedLabour"],
        ["Active", "Male", "Vasyl", "02/01/1988", "ForcedLabour"],
        ["Closed", "Feminine", "Iryna", "", "SexualExploitation"],
    ])
    response = login_as(iom_worker).post("/protection/import/", {"file": upload})
    page = response.content.decode()
    assert "nothing was imported" in page
    assert "<td>3</td><td>prs_Gender</td>" in page
    assert "<td>3</td><td>prs_Birthdate</td>" in page
    assert "<td>4</td><td>cas_ReasonForCaseClosure</td>" in page
    assert not Case.objects.exists() and not Person.objects.exists()


def test_an_unknown_column_is_reported_on_row_one(login_as, iom_worker):
    upload = SimpleUploadedFile("cases.csv", b"cas_Status,Name\nActive,Andriy\n")
    page = login_as(iom_worker).post("/protection/import/", {"file": upload}).content.decode()
    assert "<td>1</td><td>Name</td>" in page
    assert not Case.objects.exists()


def test_a_good_file_imports_every_row(login_as, iom_worker):
    upload = SimpleUploadedFile("cases.csv", (
        b"cas_Status,prs_Gender,prs_SecondName,vic_TraffickingStatus,vic_TraffickingStatusDecisionMakingOrg\n"
        b"Active,Masculine,Nguyen,PossibleVictimOfTrafficking,NGO\n"
        b"FollowUp,Feminine,Lukashevich,,\n"))
    login_as(iom_worker).post("/protection/import/", {"file": upload})
    assert Case.objects.count() == 2
    assert Case.objects.filter(trafficking_status="PossibleVictimOfTrafficking").count() == 1
