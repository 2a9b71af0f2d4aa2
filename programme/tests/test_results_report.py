"""The M&E officer downloads the donor report for a quarter: every figure equals what the records say for that
quarter, compared with the quarter before, disaggregated by sex and organisation, linked to the records."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.roles import Role
from core.demo import DemoContext
from programme import demo
from programme.models import Indicator, ManualValue
from protection.models import Case, Person, ReturnAndReintegration
from training.models import Participant, TrainingEvent

pytestmark = pytest.mark.django_db

Q1 = {"project": "iom-nfm-ct", "start": "2026-01-01", "end": "2026-03-31"}
N = {"n": 0}


def _event(org, day: datetime.date, activity: str = "one_day_training", status: str = "held",
           people: tuple[tuple[str, str], ...] = ()) -> TrainingEvent:
    N["n"] += 1
    event = TrainingEvent.objects.create(code=f"EV-{N['n']}", title=f"Forced labour {N['n']}", type=activity,
                                         activity=activity, status=status, start_date=day, end_date=day,
                                         city="Lublin", organisation=org)
    for sex, org_name in people:
        Participant.objects.create(event=event, full_name="Officer", organisation_name=org_name, sex=sex,
                                   status="completed")
    Participant.objects.create(event=event, full_name="No-show", organisation_name="Border Guard", sex="male",
                               status="registered")  # did not complete: not counted
    return event


def _return(org, day: datetime.date, gender: str) -> Case:
    N["n"] += 1
    person = Person.objects.create(organisation=org, gender=gender)
    case = Case.objects.create(code=f"R-{N['n']}", organisation=org, person=person,
                               next_review_due=datetime.date(2026, 6, 1))
    ReturnAndReintegration.objects.create(case=case, country_of_origin="UA", returned_on=day)
    return case


@pytest.fixture
def records(iom, lastrada):
    demo.load(DemoContext())
    bg, nli = "Border Guard", "National Labour Inspectorate"
    _event(iom, datetime.date(2026, 1, 20), people=(("female", bg), ("female", bg), ("male", bg), ("male", nli)))
    _event(iom, datetime.date(2026, 3, 31), people=(("female", bg), ("female", nli)))
    _event(iom, datetime.date(2026, 2, 10), status="cancelled", people=(("female", bg),))
    _event(iom, datetime.date(2026, 4, 1), people=(("male", bg),))  # next quarter
    _event(iom, datetime.date(2025, 11, 5), people=(("male", bg), ("male", bg), ("female", bg)))  # previous quarter
    _event(lastrada, datetime.date(2026, 2, 2), activity="community_training", people=(("female", "Migrant org"),))
    _return(iom, datetime.date(2026, 2, 14), "Masculine")
    _return(iom, datetime.date(2026, 3, 1), "Feminine")
    _return(iom, datetime.date(2025, 12, 31), "Masculine")


def _expected() -> dict[str, tuple[int, int]]:
    """What the records say, counted here independently: (this quarter, previous quarter)."""
    def trained(start, end, activity="one_day_training"):
        return Participant.objects.filter(status="completed", event__activity=activity,
                                          event__end_date__range=(start, end)).exclude(event__status="cancelled")

    def held(start, end, activity="one_day_training"):
        return TrainingEvent.objects.filter(activity=activity, end_date__range=(start, end)).exclude(
            status="cancelled")

    q1, q4 = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)), (datetime.date(2025, 10, 1),
                                                                         datetime.date(2025, 12, 31))
    return {
        "1.1.1": (held(*q1).count(), held(*q4).count()),
        "1.1.2": (trained(*q1).count(), trained(*q4).count()),
        "2.1.1": (held(*q1, "community_training").count(), held(*q4, "community_training").count()),
        "3.1.1": (ReturnAndReintegration.objects.filter(returned_on__range=q1).count(),
                  ReturnAndReintegration.objects.filter(returned_on__range=q4).count()),
    }


def test_the_report_figures_equal_the_counts_for_the_quarter_and_the_one_before(records, make_user, iom, login_as):
    expected = _expected()
    assert expected == {"1.1.1": (2, 1), "1.1.2": (6, 3), "2.1.1": (1, 0), "3.1.1": (2, 1)}
    c = login_as(make_user(Role.ME_OFFICER, iom))
    html = c.get("/programme/report/", Q1).content.decode()
    for code, (now, before) in expected.items():
        row = html.split(f'id="indicator-{Indicator.objects.get(code=code).pk}"')[1].split("</tr>")[0]
        assert f'data-figure="current">{now}<' in row, code
        assert f'data-figure="previous">{before}<' in row, code
    officers = html.split(f'id="indicator-{Indicator.objects.get(code="1.1.2").pk}"')[1].split("</tr>")[0]
    assert "Female 4" in officers and "Male 2" in officers
    assert "Border Guard 4" in officers and "National Labour Inspectorate 2" in officers


def test_the_xlsx_has_a_sheet_per_level_with_the_same_figures_and_the_disaggregations(records, make_user, iom,
                                                                                     login_as):
    expected = _expected()
    c = login_as(make_user(Role.ME_OFFICER, iom))
    response = c.get("/programme/report.xlsx", Q1)
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Project", "Outcomes", "Outputs", "Disaggregations"]
    outputs = list(wb["Outputs"].iter_rows(values_only=True))
    header = outputs[0]
    now, before = header.index("This period"), header.index("Previous period")
    rows = {r[header.index("Code")]: r for r in outputs[1:]}
    for code, (n, p) in expected.items():
        assert (rows[code][now], rows[code][before]) == (n, p), code
    assert rows["1.1.2"][header.index("Change")] == 3
    disagg = [r for r in wb["Disaggregations"].iter_rows(values_only=True) if r[0] == "1.1.2"]
    assert ("1.1.2", rows["1.1.2"][header.index("Indicator")], "sex", "Female", 4, 1) in disagg
    assert ("1.1.2", rows["1.1.2"][header.index("Indicator")], "organisation", "Border Guard", 4, 3) in disagg
    assert "SDG target 8.7" in str(list(wb["Project"].iter_rows(values_only=True)))


def test_the_pdf_has_a_narrative_page_per_outcome_in_the_reports_language(records, make_user, iom, login_as):
    c = login_as(make_user(Role.ME_OFFICER, iom))
    response = c.get("/programme/report.pdf", {**Q1, "lang": "uk"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages]
    assert len(pages) >= 4  # a title page and one page per outcome
    assert "Попередній період" in "".join(pages)  # "Previous period", in Ukrainian
    assert any(p.startswith("1 Polish Border Guard officers") for p in pages[1:])


def test_records_link_only_for_those_who_may_open_them(records, make_user, iom, login_as):
    me = login_as(make_user(Role.ME_OFFICER, iom))  # training.view, no protection.view
    html = me.get("/programme/report/", Q1).content.decode()
    returns = html.split(f'id="indicator-{Indicator.objects.get(code="3.1.1").pk}"')[1].split("</tr>")[0]
    assert "/protection/cases/" not in returns
    assert "2 more are counted that your role may not open." in returns
    trainings = html.split(f'id="indicator-{Indicator.objects.get(code="1.1.1").pk}"')[1].split("</tr>")[0]
    assert trainings.count("/training/events/") == 2
    supervisor = login_as(make_user(Role.SUPERVISOR, iom))
    html = supervisor.get("/programme/report/", Q1).content.decode()
    returns = html.split(f'id="indicator-{Indicator.objects.get(code="3.1.1").pk}"')[1].split("</tr>")[0]
    assert returns.count("/protection/cases/") == 2


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_hand_entered_figure_needs_evidence_and_records_who_entered_it(records, make_user, iom, login_as,
                                                                         settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    officer = make_user(Role.ME_OFFICER, iom)
    c = login_as(officer)
    ind = Indicator.objects.get(code="3.a")
    form = {"indicator": ind.pk, "period_start": "2026-01-01", "period_end": "2026-03-31", "value": "5",
            "female": "3", "male": "2"}
    refused = c.post("/programme/report/values/new/",
                     {**form, "evidence": SimpleUploadedFile("notes.txt", b"just text")})
    assert "Attach a PDF, a photo (JPEG or PNG) or an office document." in refused.content.decode()
    assert not ManualValue.objects.exists()
    c.post("/programme/report/values/new/", {**form, "evidence": SimpleUploadedFile("survey.pdf", PDF)})
    value = ManualValue.objects.get()
    assert value.entered_by == officer and value.by_sex == {"female": 3, "male": 2}
    html = c.get("/programme/report/", Q1).content.decode()
    row = html.split(f'id="indicator-{ind.pk}"')[1].split("</tr>")[0]
    assert 'data-figure="current">5<' in row
    evidence = row.split('href="')[1].split('"')[0]
    assert c.get(evidence).content == PDF
    stored = (tmp_path / "programme-evidence" / value.evidence_storage).read_bytes()
    assert b"%PDF" not in stored, "evidence is encrypted at rest"
