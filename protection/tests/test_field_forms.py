"""Field forms for partners: the HTCDS 2.0 case registration XLSForm is valid for ODK in four languages, asks
the standard's core fields CTIMS keeps, and a KoboToolbox export of it imports as cases; the field names of the
standard (which the toolkit's own forms use) map, inside Kobo's group paths too."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from defusedxml.ElementTree import fromstring
from django.test import Client
from pyxform.xls2xform import convert

from accounts.models import User
from protection.imports import services as imports
from protection.imports.htcds import FIELDS
from protection.imports.mapping import IGNORE, FieldIndex
from protection.models import Case

from .htcds_standard import ODS, fields

# ODK Validate (JavaRosa, shipped with pyxform) runs where Java is installed: the check ODK Central makes.
ODK_VALIDATE = shutil.which("java") is not None
LANGUAGES = ("English (en)", "Polish (pl)", "Ukrainian (uk)", "Russian (ru)")
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _labels(xform: str, language: str) -> dict[str, str]:
    block = xform.split(f'<translation lang="{language}"', 1)[1].split("</translation>", 1)[0]
    return dict(re.findall(r'<text id="([^"]+)">\s*<value>([^<]*)</value>', block))


def _core_fields() -> set[str]:
    """The fields the standard's spreadsheet marks "Core" (its third column)."""
    with zipfile.ZipFile(ODS) as z:
        root = fromstring(z.read("content.xml"))
    core = set()
    for row in root.iter(_T + "table-row"):
        cells: list[str] = []
        for cell in row:
            cells += ["".join(cell.itertext())] * min(int(cell.get(_T + "number-columns-repeated", "1")), 8)
        if len(cells) > 6 and cells[2] == "Core":
            core.add(cells[6])
    return core


@pytest.fixture
def xform(login_as: Callable[[User], Client], iom_worker: User) -> str:
    client = login_as(iom_worker)
    page = client.get("/protection/import/").content.decode()
    assert 'href="/protection/import/xlsform/htcds-case/"' in page and 'href="/intake/observations/xlsform/"' in page
    response = client.get("/protection/import/xlsform/htcds-case/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ctims-htcds-case-registration.xlsx"'
    warnings: list[str] = []
    result = convert(response.content, warnings=warnings, file_type=".xlsx",
                     validate=ODK_VALIDATE).xform
    assert warnings == []
    return result


def test_the_registration_form_is_valid_for_odk_in_four_languages(xform: str) -> None:
    by_language = {name: _labels(xform, name) for name in LANGUAGES}
    english = by_language["English (en)"]
    assert all(by_language[name].keys() == english.keys() and all(by_language[name].values()) for name in LANGUAGES)
    untranslated = [k for k, v in english.items() if all(by_language[name][k] == v for name in LANGUAGES)]
    assert untranslated == []
    # choice names are the HTCDS value names and ISO codes CTIMS stores; countries are named in each language
    names = set(re.findall(r"<name>([^<]+)</name>", xform))
    assert {"PossibleVictimOfTrafficking", "Feminine", "ForcedLabour", "A_AgricultureForestryAndFishing",
            "DebtBondage", "ClosedReferred", "MD", "VN", "UA"} <= names
    assert "Молдова" in by_language["Ukrainian (uk)"].values()  # the common name (pycountry)
    assert "В'єтнам" in by_language["Ukrainian (uk)"].values()


def test_the_registration_form_asks_the_core_fields_ctims_keeps(xform: str) -> None:
    asked = set(re.findall(r'<bind nodeset="/data/(?:person|trafficking|case)/(\w+)"', xform))
    stored = {f.name for f in FIELDS}

    assert asked == (_core_fields() & stored) | {"cas_CaseCode"}
    assert "prs_Gender" in asked and "con_Consent" not in asked  # consent is recorded in CTIMS, never imported


def test_the_standards_field_names_map_inside_kobo_group_paths(db: None) -> None:
    index = FieldIndex.of("htcds_case")
    stored = {f.name for f in FIELDS}
    for name in fields():
        for header in (name, f"group_person/{name}"):
            field, confidence, _candidates = index.resolve_header(header)
            expected = (name, "exact") if name in stored else (IGNORE, "not_stored")
            assert (field, confidence) == expected, header


def test_a_kobo_export_of_the_registration_form_imports_cases(iom_worker: User,
                                                              django_capture_on_commit_callbacks: Any) -> None:
    submission = {
        "_id": 302001001, "formhub/uuid": "c0ffee00c0ffee00c0ffee00c0ffee00",
        "start": "2026-11-20T10:02:11.000+01:00", "end": "2026-11-20T10:19:40.000+01:00",
        "person/prs_FirstName": "Oksana", "person/prs_SecondName": "Bondarenko",
        "person/prs_Birthdate": "1991-04-17", "person/prs_Gender": "Feminine", "person/prs_Citizenship": "UA MD",
        "person/prs_MobilePhone": "+48 512 345 678", "person/prs_MailingCountry": "PL",
        "trafficking/vic_TraffickingStatus": "PossibleVictimOfTrafficking",
        "trafficking/vic_TraffickingStatusDecisionMakingOrg": "NGO",
        "trafficking/vic_TypeOfExploitation": "ForcedLabour SexualExploitation",
        "trafficking/vic_ForcedLabourIndustry": "I_AccommodationAndFoodServiceActivities",
        "trafficking/vic_TypeOfSexExploitation": "Prostitution",
        "trafficking/vic_MethodsOfControl": "DebtBondage WithholdsDocuments",
        "trafficking/vic_LocationOfExploitation": "DE", "case/cas_CaseCode": "KOBO-0001",
        "case/cas_Status": "Active", "__version__": "v4Jx2sT8nQ",
        "meta/instanceID": "uuid:7d8e9f00-1a2b-4c3d-8e4f-5a6b7c8d9e0f",
        "_xform_id_string": "aQ7mN3xR2sT5uV8wY1zA4b", "_uuid": "7d8e9f00-1a2b-4c3d-8e4f-5a6b7c8d9e0f",
        "_attachments": [], "_status": "submitted_via_web", "_geolocation": [None, None],
        "_submission_time": "2026-11-20T09:20:02", "_tags": [], "_notes": [], "_validation_status": {},
        "_submitted_by": "iom_field",
    }
    data = json.dumps({"count": 1, "next": None, "previous": None, "results": [submission]}).encode()

    job = imports.create_job(iom_worker, data, "htcds_registrations.json")
    assert job.errors == [], job.errors
    with django_capture_on_commit_callbacks(execute=True):
        imports.confirm(iom_worker, job)
    job.refresh_from_db()

    assert job.status == "done" and job.imported == 1
    case = Case.objects.get()
    assert case.person.first_name == "Oksana" and case.person.citizenship == "UA;MD"
    assert case.exploitation_list == ["ForcedLabour", "SexualExploitation"]
    assert case.trafficking_status == "PossibleVictimOfTrafficking"
