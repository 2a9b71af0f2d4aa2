"""Field forms: an officer downloads the observation XLSForm, collects offline in KoboToolbox or ODK Collect,
and the submissions (Kobo's JSON, XLSX or CSV export) are imported through the mapping step onto the
triage board, once however often the same export is imported."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import Workbook
from pyxform.xls2xform import convert

from accounts.models import User
from intake import selectors
from intake.models import FieldObservation, Mention, OfferType, Place
from protection.imports import services as imports
from protection.imports.models import ImportJob

KOBO_JSON = Path(__file__).parent / "data" / "kobo_observations_v2.json"
# ODK Validate (JavaRosa, shipped with pyxform) runs where Java is installed: the check ODK Central makes.
ODK_VALIDATE = shutil.which("java") is not None
LANGUAGES = {"English (en)": "en", "Polish (pl)": "pl", "Ukrainian (uk)": "uk", "Russian (ru)": "ru"}


def _import(actor: User, data: bytes, filename: str, capture: Any) -> ImportJob:
    """Upload, accept the proposed mapping (the dry run must show no problem), import."""
    job = imports.create_job(actor, data, filename, target_key="field_observation")
    assert job.errors == [], job.errors
    with capture(execute=True):
        imports.confirm(actor, job)
    job.refresh_from_db()
    return job


def _labels(xform: str, language: str) -> dict[str, str]:
    block = xform.split(f'<translation lang="{language}"', 1)[1].split("</translation>", 1)[0]
    return dict(re.findall(r'<text id="([^"]+)">\s*<value>([^<]*)</value>', block))


def test_the_observation_form_is_valid_for_odk_in_four_languages(login_as: Callable[[User], Client],
                                                                  field_officer: User, medyka: Place,
                                                                  rp_lublin: Place) -> None:
    client = login_as(field_officer)
    assert 'href="/intake/observations/xlsform/"' in client.get("/intake/observations/").content.decode()
    response = client.get("/intake/observations/xlsform/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ctims-field-observation.xlsx"'
    warnings: list[str] = []
    xform = convert(response.content, warnings=warnings, file_type=".xlsx", validate=ODK_VALIDATE).xform
    assert warnings == []
    by_language = {name: _labels(xform, name) for name in LANGUAGES}
    english = by_language["English (en)"]
    for name, code in LANGUAGES.items():
        labels = by_language[name]
        assert labels.keys() == english.keys()  # every question and choice has a label in every language
        assert all(labels.values())
        with translation.override(code):
            assert labels["/data/observation/place:label"] == translation.gettext("Place")
            assert labels["/data/observation/offer_types:label"] == translation.gettext("What was offered")
    untranslated = [k for k, v in english.items() if not k.startswith("place-")
                    and all(by_language[name][k] == v for name in LANGUAGES)]
    assert untranslated == []  # place names are names; everything else is translated
    # choice names are the codes CTIMS stores, so an export maps back without editing
    choice_names = set(re.findall(r"<name>([^<]+)</name>", xform))
    assert {"bcp_medyka", "rp_rp_lublin", *OfferType.values} <= choice_names


def test_a_kobo_json_export_reaches_the_triage_board_once(field_officer: User, analyst: User, medyka: Place,
                                                          rp_lublin: Place,
                                                          django_capture_on_commit_callbacks: Any) -> None:
    data = KOBO_JSON.read_bytes()
    job = imports.create_job(field_officer, data, "observations.json", target_key="field_observation")
    columns = {c["key"]: c for c in job.summary["columns"]}
    assert columns["place"]["field"] == "place" and columns["_uuid"]["field"] == "submission_uuid"
    assert columns["_submission_time"]["field"] == "ignore" and columns["_submission_time"]["reason"]
    assert columns["photo"]["field"] == "ignore" and "KoboToolbox" in columns["photo"]["reason"]
    assert job.summary["new"] == 3 and job.errors == []
    with django_capture_on_commit_callbacks(execute=True):
        imports.confirm(field_officer, job)
    job.refresh_from_db()

    assert job.status == "done" and job.imported == 3
    board = [item for item in selectors.triage_board(analyst) if item.kind == "observation"]
    assert len(board) == 3
    assert board[0].place == "Medyka" and board[0].priority == 3  # immediate danger first
    children = FieldObservation.objects.get(pk=board[0].id)
    assert children.offered_to == "unaccompanied_minor" and children.offer_types == ["transport"]
    assert children.indicators == ["minor", "threats"]
    assert children.description.startswith("Two teenagers")
    first = FieldObservation.objects.get(offered_to="woman_with_children")
    assert first.offer_types == ["accommodation", "transport"] and first.risk_level == "high"
    assert first.observed_at.isoformat() == "2026-11-28T08:41:00+00:00"
    mentions = sorted((m.kind, m.value) for m in Mention.objects.filter(observation=first))
    assert mentions == [("account", "@free_ride_berlin"), ("phone", "+380 67 123 4567"), ("phone", "+48 501 234 567"),
                        ("vehicle", "RP 81234")]

    again = _import(field_officer, data, "observations (1).json", django_capture_on_commit_callbacks)

    assert again.summary["already"] == 3 and again.imported == 0
    assert FieldObservation.objects.count() == 3
    assert len([i for i in selectors.triage_board(analyst) if i.kind == "observation"]) == 3


def _kobo_xlsx(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_kobo_xlsx_export_with_one_column_per_option_imports(field_officer: User, medyka: Place,
                                                               django_capture_on_commit_callbacks: Any) -> None:
    """Kobo's XLSX export, "XML values and headers", groups in headers, select-many as separate columns."""
    options = [f"observation/offer_types/{code}" for code in OfferType.values]
    header = ["start", "end", "observation/place", "observation/observed_at", *options, "observation/offered_to",
              "observation/risk_level", "observation/description", "identifiers/phones", "identifiers/plates",
              "identifiers/photo", "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
              "_submitted_by", "__version__", "_tags", "_index"]
    rows: list[list[Any]] = [
            header,
            ["2026-11-30T10:00:00.000+01:00", "2026-11-30T10:04:00.000+01:00", "bcp_medyka",
             "2026-11-30T10:01:00.000+01:00", 1, 0, 1, 0, "group", "medium", "Van with Ukrainian plates offering work.",
             "+48 600 100 200", "", "", 301480001, "9f1d2c3b-4a5e-4f60-8a7b-1c2d3e4f5a6b", "2026-11-30T09:05:00", "",
             "", "submitted_via_web", "sg_medyka", "vVx3kQpUu8fJmTz2sHc4Lr", "", 1],
            ["2026-11-30T11:00:00.000+01:00", "2026-11-30T11:04:00.000+01:00", "Medyka",
             "2026-11-30T11:02:00.000+01:00", 0, 1, 0, 0, "woman", "low", "", "", "AB 1234C", "", 301480002,
             "0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d", "2026-11-30T10:05:00", "", "", "submitted_via_web",
             "sg_medyka", "vVx3kQpUu8fJmTz2sHc4Lr", "", 2]]

    job = _import(field_officer, _kobo_xlsx(rows), "ctims_field_observation_2026-11-30.xlsx",
                  django_capture_on_commit_callbacks)

    assert job.status == "done" and job.imported == 2
    assert any("offer_types" in w for w in job.warnings)  # the option columns were read as one, and it says so
    assert sorted(tuple(o.offer_types) for o in FieldObservation.objects.all()) == [
        ("accommodation",), ("transport", "work")]


def test_a_kobo_csv_export_with_labels_as_headers_imports(field_officer: User, medyka: Place,
                                                          django_capture_on_commit_callbacks: Any) -> None:
    """Kobo's CSV export with labels (here Polish) as headers and the select-many as one column of codes."""
    header = ["Miejsce", "Data i godzina", "Co oferowano", "Komu oferowano", "Poziom ryzyka", "Numery telefonów",
              "_uuid"]
    lines = [";".join(header), "bcp_medyka;2026-11-30 12:00:00;transport work;man;high;+48 600 100 200;"
             "5d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a"]
    job = _import(field_officer, "\n".join(lines).encode("utf-8"), "export.csv", django_capture_on_commit_callbacks)

    assert job.imported == 1
    observation = FieldObservation.objects.get()
    assert observation.offer_types == ["transport", "work"] and observation.risk_level == "high"


def test_a_wrong_place_is_named_by_row_and_column_and_nothing_is_written(field_officer: User, medyka: Place) -> None:
    data = json.loads(KOBO_JSON.read_text())
    data["results"][1]["observation/place"] = "bcp_nowhere"

    job = imports.create_job(field_officer, json.dumps(data).encode(), "observations.json",
                             target_key="field_observation")

    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "place")]
    assert "border crossing" in job.errors[0]["message"]
    with pytest.raises(Exception, match="nothing was imported"):
        imports.confirm(field_officer, job)
    assert FieldObservation.objects.count() == 0


def test_a_case_worker_imports_kobo_observations_on_the_import_pages(
        login_as: Callable[[User], Client], make_user: Callable[..., User], police: Any, analyst: User,
        medyka: Place, rp_lublin: Place, django_capture_on_commit_callbacks: Any) -> None:
    """The observations page links to the import with observations chosen; the pages speak of observations."""
    from accounts.roles import Role

    worker = make_user(Role.CASE_WORKER, police, username="duty")
    client = login_as(worker)
    listing = client.get("/intake/observations/").content.decode()
    assert 'href="/protection/import/?target=field_observation"' in listing
    assert 'value="field_observation" selected' in client.get("/protection/import/?target=field_observation"
                                                               ).content.decode()
    with KOBO_JSON.open("rb") as upload:
        job_page = client.post("/protection/import/", {"file": upload, "target": "field_observation"}, follow=True)
    assert "3 new observations would be imported" in job_page.content.decode()

    job_url = job_page.redirect_chain[-1][0]
    with django_capture_on_commit_callbacks(execute=True):  # the background import runs once the request ends
        client.post(job_url, {"action": "import"})
    done = client.get(job_url).content.decode()

    assert "3 observations imported." in done and "Go to the observations" in done
    codes = [item.code for item in selectors.triage_board(analyst) if item.kind == "observation"]
    assert len(codes) == 3 and all(code in done for code in codes)
