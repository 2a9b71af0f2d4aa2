"""The anonymous export must not let a rare combination identify a person: k-anonymity with k = 11 (CTDC)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from accounts.roles import Role
from protection import exports, services
from protection.choices import Gender, LabourIndustry

COLUMNS = exports.ANONYMOUS_COLUMNS
Q = {c: COLUMNS.index(c) for c in COLUMNS}


def _row(gender: str = "Feminine", age: str = "18--20", citizenship: str = "UA",
         exploitation: str = "SexualExploitation", industry: str = "", country: str = "PL",
         year: str = "2026") -> list[str]:
    row = [""] * len(COLUMNS)
    for col, value in (("prs_Gender", gender), (exports.AGE, age), ("prs_Citizenship", citizenship),
                       ("vic_TypeOfExploitation", exploitation), ("vic_ForcedLabourIndustry", industry),
                       ("vic_LocationOfExploitation", country), (exports.YEAR, year)):
        row[Q[col]] = value
    return row


def test_rare_combinations_are_generalised_and_suppressed_until_they_occur_k_times():
    common = [_row() for _ in range(11)]
    # eleven men each with a different citizenship: every one alone in his combination
    rare = [_row("Masculine", "24--26", c, "ForcedLabour", "A_AgricultureForestryAndFishing")
            for c in ("BY", "VN", "MD", "GE", "IN", "NP", "PH", "UZ", "KZ", "RO", "BG")]
    out, protection = exports.protect_small_cells(common + rare, COLUMNS)
    assert out[:11] == [[v or "-99" for v in r] for r in common], "common combinations are kept (missing is -99)"
    for row in out[11:]:
        assert row[Q["prs_Citizenship"]] == "-99" and row[Q["vic_ForcedLabourIndustry"]] == "-99"
        assert row[Q[exports.AGE]] == "18+" and row[Q["vic_TypeOfExploitation"]] == "ForcedLabour"
        assert row[Q["prs_Gender"]] == "Masculine"
    # per rare row: industry, country of exploitation and citizenship suppressed; age generalised
    assert (protection.suppressed, protection.generalised, protection.dropped) == (33, 11, 0)
    missing_before = sum(v == "" for r in rare for v in r)
    assert sum(v == "-99" for r in out[11:] for v in r) - missing_before == protection.suppressed


def test_a_row_that_cannot_be_protected_is_left_out():
    out, protection = exports.protect_small_cells([_row() for _ in range(11)] + [_row(citizenship="VN")], COLUMNS)
    assert len(out) == 11 and all(r[Q["prs_Citizenship"]] == "UA" for r in out)
    assert protection.dropped == 1 and protection.rows_in == 12


def test_every_combination_in_the_result_occurs_at_least_k_times():
    rows = [_row(age=a, citizenship=c) for a in ("18--20", "21--23", "9--17") for c in ("UA", "BY", "VN", "UA")
            for _ in range(3)]
    out, _protection = exports.protect_small_cells(rows, COLUMNS)
    combos = [tuple(r[Q[c]] for c in exports.QUASI_IDENTIFIERS) for r in out]
    assert all(combos.count(c) >= 11 for c in combos)


def _register(actor, n: int, citizenship: str, industry: str = "") -> None:
    for _ in range(n):
        services.register_person(actor, services.Identity(citizenship=citizenship), gender=Gender.FEMININE,
                                 labour_industry=industry)


def test_the_export_suppresses_the_rare_case_and_reports_the_count(login_as, iom_worker):
    _register(iom_worker, 10, "UA")
    _register(iom_worker, 1, "UA", LabourIndustry.CONSTRUCTION)  # the only one in construction
    _register(iom_worker, 1, "VN")  # the only Vietnamese citizen: cannot be protected
    client = login_as(iom_worker)
    page = client.get("/protection/export/").content.decode()
    assert "cases: 12; rows in the file: 11; values suppressed: 1; values generalised: 0; rows left out: 1" in page
    body = client.post("/protection/export/", {"format": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))[1:]
    assert len(rows) == 11 and all(r[Q["prs_Citizenship"]] == "UA" for r in rows)
    assert "VN" not in body and LabourIndustry.CONSTRUCTION not in body
    assert all(r[Q["vic_ForcedLabourIndustry"]] == "-99" for r in rows), "suppressed reads as missing"


def test_the_xlsx_has_a_readme_sheet_with_the_figures(login_as, iom_worker):
    _register(iom_worker, 11, "UA")
    _register(iom_worker, 1, "BY")
    content = login_as(iom_worker).post("/protection/export/", {"format": "xlsx"}).content
    wb = load_workbook(io.BytesIO(content), read_only=True)
    notes = " ".join(str(r[0]) for r in wb["README"].iter_rows(values_only=True))
    assert "k = 11" in notes and "values suppressed: 0" in notes and "rows left out: 1" in notes
    assert len(list(wb["cases"].iter_rows(values_only=True))) == 12  # header and eleven rows


def test_the_identified_export_is_unchanged(login_as, make_user, iom, iom_worker):
    _register(iom_worker, 1, "VN")
    supervisor = make_user(Role.SUPERVISOR, iom, username="iom.supervisor")
    body = login_as(supervisor).post("/protection/export/", {"format": "csv", "identified": "on",
                                                             "reason": "Court hearing"}).content.decode("utf-8-sig")
    assert "VN" in body and "-99" not in body
