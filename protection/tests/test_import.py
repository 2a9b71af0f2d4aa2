"""The import pages: upload a partner's file, see every column and value with its proposal, fix what is flagged,
check (a dry run), import; bad input is named by row and column and nothing is written."""

from __future__ import annotations

import datetime

from protection.imports.models import ImportJob
from protection.models import Case, Person

from .import_files import toolkit_xlsx, xlsx


def _upload(client, data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/protection/import/", {"file": SimpleUploadedFile(name, data), "target": "htcds_case"})


def test_upload_shows_every_column_and_value_then_imports(login_as, iom_worker, django_capture_on_commit_callbacks):
    client = login_as(iom_worker)
    response = _upload(client, toolkit_xlsx(), "partner.xlsx")
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/protection/import/{job.pk}/"
    page = client.get(f"/protection/import/{job.pk}/").content.decode()
    assert "prs_Citizenship" in page and "Moldova, Republic of" in page and "Partner notes" in page
    assert "no field found" in page  # the unnamed column is flagged, proposed as ignored
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/protection/import/{job.pk}/", {"action": "import"})
    page = client.get(f"/protection/import/{job.pk}/").content.decode()
    assert "3 cases imported." in page and "Columns ignored: Partner notes" in page
    assert Case.objects.count() == 3


def test_bad_input_is_named_by_row_and_column_and_nothing_is_written(login_as, iom_worker,
                                                                      django_capture_on_commit_callbacks):
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    data = xlsx([
        ["prs_FirstName", "prs_Birthdate", "prs_Email", "prs_Gender", "cas_Status"],
        ["Anna", future, "anna@example.org", "Feminine", "Active"],
        ["Olha", "1990-01-01", "not-an-email", "Feminine", "Active"],
        ["Ivan", "1990-01-01", "", "Dragon", "Active"],
        ["Petro", "1850-05-05", "", "Masculine", "Active"],
    ])
    client = login_as(iom_worker)
    _upload(client, data, "bad.xlsx")
    job = ImportJob.objects.get()
    found = {(e["row"], e["column"], e["code"]) for e in job.errors}
    assert found == {(2, "prs_Birthdate", "future_birth_date"), (3, "prs_Email", "invalid_email"),
                     (4, "prs_Gender", "unknown_value"), (5, "prs_Birthdate", "date_out_of_range")}
    page = client.get(f"/protection/import/{job.pk}/").content.decode()
    assert "4 problems to fix before importing" in page and "This is not an e-mail address." in page
    assert "not-an-email" not in page  # identity values are not repeated in the problems kept on the job
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/protection/import/{job.pk}/", {"action": "import"})
    assert not Case.objects.exists() and not Person.objects.exists()
    # The user says what "Dragon" means and clears the other rows' values: now it imports.
    client.post(f"/protection/import/{job.pk}/", {"action": "check", "val:prs_Gender:Dragon": "NonSpecifiedUnknown"})
    job.refresh_from_db()
    assert {e["code"] for e in job.errors} == {"future_birth_date", "invalid_email", "date_out_of_range"}


def test_a_windows_1250_semicolon_csv_from_polish_excel_imports(login_as, iom_worker,
                                                                 django_capture_on_commit_callbacks):
    text = ("Imię;Nazwisko;Płeć;Obywatelstwo;cas_Status\r\n"
            "Łucja;Żółkiewska;Kobieta;Polska;Active\r\n"
            "Wasyl;Łoś;Mężczyzna;Ukraina;Active\r\n")
    client = login_as(iom_worker)
    _upload(client, text.encode("cp1250"), "partner.csv")
    job = ImportJob.objects.get()
    assert job.errors == [], job.errors
    assert {c["key"]: c["field"] for c in job.summary["columns"]} == {
        "Imię": "prs_FirstName", "Nazwisko": "prs_SecondName", "Płeć": "prs_Gender",
        "Obywatelstwo": "prs_Citizenship", "cas_Status": "cas_Status"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/protection/import/{job.pk}/", {"action": "import"})
    people = {p.second_name: p for p in Person.objects.all()}
    assert people["Żółkiewska"].first_name == "Łucja" and people["Żółkiewska"].citizenship == "PL"
    assert people["Łoś"].gender == "Masculine" and people["Łoś"].citizenship == "UA"


def test_a_file_that_is_not_what_its_name_says_gets_a_clear_message(login_as, iom_worker):
    client = login_as(iom_worker)
    page = _upload(client, b"just some words, not a workbook", "partner.xlsx").content.decode()
    assert "not an Excel workbook" in page
    assert not ImportJob.objects.exists()


def test_a_formula_without_a_saved_value_is_named(login_as, iom_worker):
    data = xlsx([["prs_FirstName", "cas_Status", "ageBroad"], ["Anna", "Active", "=1+1"]])  # openpyxl saves no value
    client = login_as(iom_worker)
    _upload(client, data, "formula.xlsx")
    job = ImportJob.objects.get()
    assert any("C2" in w for w in job.warnings)
    assert "C2" in client.get(f"/protection/import/{job.pk}/").content.decode()


def test_another_organisation_cannot_open_the_import(login_as, iom_worker, ls_worker):
    _upload(login_as(iom_worker), toolkit_xlsx(), "partner.xlsx")
    job = ImportJob.objects.get()
    assert login_as(ls_worker).get(f"/protection/import/{job.pk}/").status_code == 404


def test_the_mapping_page_speaks_the_users_language(login_as, iom_worker, settings):
    client = login_as(iom_worker)
    _upload(client, toolkit_xlsx(), "partner.xlsx")
    job = ImportJob.objects.get()
    expected = {"pl": ("Sprawdź ponownie", "Mołdawia"), "uk": ("Перевірити знову", "Молдова"),
                "ru": ("Проверить снова", "Молдавия"), "en": ("Check again", "Moldova")}
    for language, (button, country) in expected.items():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(f"/protection/import/{job.pk}/").content.decode()
        assert button in page and country in page, language  # country names in the value selects, by pycountry


def test_the_progress_bar_polls_while_importing_and_then_leads_to_the_result(login_as, iom_worker):
    client = login_as(iom_worker)
    _upload(client, toolkit_xlsx(), "partner.xlsx")
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status="importing", rows_total=4, rows_done=2)
    page = client.get(f"/protection/import/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and '<progress max="100" value="50">' in page
    ImportJob.objects.filter(pk=job.pk).update(status="done")
    polled = client.get(f"/protection/import/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert polled["HX-Redirect"] == f"/protection/import/{job.pk}/"
