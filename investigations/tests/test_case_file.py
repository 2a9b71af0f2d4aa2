"""An investigation is a case file: several offences, the prosecutor's case-file number, encrypted documents,
tasks with deadlines and a timeline of stages; only the owning agency changes it or opens its documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from accounts.models import Organisation, OrganisationType, User
from accounts.roles import Role
from audit.models import AuditEvent
from investigations import services
from investigations.models import Act, Investigation, InvestigationDocument, InvestigationTask, Offence, StageChange


@pytest.fixture(autouse=True)
def _media(tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def police(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("POL", OrganisationType.POLICE)


@pytest.fixture
def border_guard(make_org: Callable[..., Organisation]) -> Organisation:
    return make_org("SG", OrganisationType.BORDER_GUARD)


@pytest.fixture
def investigator(make_user: Callable[..., User], police: Organisation) -> User:
    return make_user(Role.INVESTIGATOR, police)


@pytest.fixture
def case(investigator: User) -> Investigation:
    return services.create_investigation(investigator, services.InvestigationInput(
        offence=Offence.objects.get(article="189a"), other_offences=[Offence.objects.get(article="203")],
        case_file_number="RP I Ds 12.2026", prosecutor_office="Regional Prosecutor's Office Lublin",
        opened_on=timezone.localdate() - dt.timedelta(days=30)))


def test_an_officer_registers_proceedings_for_two_offences_with_their_case_file_number(
        investigator: User, login_as: Callable[[User], Client]) -> None:
    main, other = Offence.objects.get(article="189a"), Offence.objects.get(article="204 §3")
    foreign_work = Offence.objects.get(act=Act.FOREIGNERS_WORK_2012, article="10")
    client = login_as(investigator)
    response = client.post("/investigations/new/", {
        "offence": main.pk, "other_offences": [other.pk, foreign_work.pk], "stage": "pre_trial",
        "case_file_number": "RP II Ds 7.2026", "prosecutor_office": "District Prosecutor's Office Przemyśl",
        "opened_on": timezone.localdate().isoformat()}, follow=True)
    inv = Investigation.objects.get()
    assert [o.article for o in inv.offences()] == ["189a", "204 §3", "10"]
    assert inv.case_file_number == "RP II Ds 7.2026"
    page = response.content.decode()
    assert "RP II Ds 7.2026" in page and "District Prosecutor&#x27;s Office Przemyśl" in page
    assert "art. 204 §3 — Prostitution of a minor" in page
    assert "art. 10 (Act of 15 June 2012 on employing foreigners staying illegally)" in page
    assert [s.stage for s in StageChange.objects.filter(investigation=inv)] == ["pre_trial"]


def test_a_document_is_stored_encrypted_and_opened_only_by_the_owning_agency(
        case: Investigation, investigator: User, border_guard: Organisation, make_user: Callable[..., User],
        login_as: Callable[[User], Client]) -> None:
    content = b"Protokol przesluchania: Olena Kovalenko, ul. Lipowa 3"
    client = login_as(investigator)
    client.post(f"/investigations/{case.pk}/documents/", {
        "document-title": "Interview record", "document-file": SimpleUploadedFile("interview.txt", content)})
    doc = InvestigationDocument.objects.get(investigation=case)
    stored = (Path(django_settings.MEDIA_ROOT) / "investigations" / doc.storage_name).read_bytes()
    assert content not in stored and b"Olena" not in stored
    assert doc.content_type == "text/plain"
    download = client.get(f"/investigations/{case.pk}/documents/{doc.pk}/")
    assert download.status_code == 200 and download.content == content
    assert AuditEvent.objects.filter(object_type="investigations.investigationdocument", object_id=str(doc.pk),
                                     action="view").count() == 1
    # the Border Guard, with whom the case is shared, sees the document listed but cannot open it
    services.share(investigator, case, border_guard)
    other = login_as(make_user(Role.INVESTIGATOR, border_guard))
    assert "Interview record" in other.get(f"/investigations/{case.pk}/").content.decode()
    assert other.get(f"/investigations/{case.pk}/documents/{doc.pk}/").status_code == 404


def test_tasks_have_deadlines_and_an_overdue_one_is_marked(case: Investigation, investigator: User,
                                                         login_as: Callable[[User], Client]) -> None:
    client = login_as(investigator)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    client.post(f"/investigations/{case.pk}/action/", {"action": "task", "task-title": "Expert opinion on the phones",
                                                       "task-due_on": yesterday.isoformat()})
    client.post(f"/investigations/{case.pk}/action/", {"action": "task", "task-title": "Hearing at the court",
                                                       "task-due_on": (yesterday + dt.timedelta(days=10)).isoformat()})
    refused = client.post(f"/investigations/{case.pk}/action/", {"action": "task", "task-title": "No date"},
                          follow=True).content.decode()
    assert "Enter the deadline." in refused
    tasks = list(InvestigationTask.objects.filter(investigation=case).order_by("due_on"))
    assert [(t.title, t.due_on, t.is_overdue) for t in tasks] == [
        ("Expert opinion on the phones", yesterday, True), ("Hearing at the court", yesterday + dt.timedelta(days=10),
                                                            False)]
    page = client.get(f"/investigations/{case.pk}/").content.decode()
    assert page.count("tag--danger") == 1
    client.post(f"/investigations/{case.pk}/action/", {"action": "task_done", "task": tasks[0].pk})
    tasks[0].refresh_from_db()
    assert tasks[0].done_at is not None and not tasks[0].is_overdue


def test_the_stage_timeline_keeps_each_step_and_its_days(case: Investigation, investigator: User,
                                                        login_as: Callable[[User], Client]) -> None:
    client = login_as(investigator)
    ten_days_ago = timezone.localdate() - dt.timedelta(days=10)
    client.post(f"/investigations/{case.pk}/action/", {"action": "stage", "stage-stage": "pre_trial",
                                                       "stage-entered_on": ten_days_ago.isoformat()})
    too_early = client.post(f"/investigations/{case.pk}/action/", {
        "action": "stage", "stage-stage": "indictment",
        "stage-entered_on": (ten_days_ago - dt.timedelta(days=1)).isoformat()}, follow=True).content.decode()
    assert "The date cannot be before the previous stage began" in too_early
    case.refresh_from_db()
    assert case.stage == "pre_trial"
    assert list(case.stage_changes.values_list("stage", "entered_on")) == [
        ("verification", case.opened_on), ("pre_trial", ten_days_ago)]
    page = client.get(f"/investigations/{case.pk}/").content.decode()
    assert "20 days" in page and "10 days" in page


def test_another_agency_cannot_change_the_case_file(case: Investigation, border_guard: Organisation,
                                                   make_user: Callable[..., User],
                                                   login_as: Callable[[User], Client]) -> None:
    client = login_as(make_user(Role.INVESTIGATOR, border_guard))
    assert client.post(f"/investigations/{case.pk}/action/", {
        "action": "task", "task-title": "x", "task-due_on": "2026-01-01"}).status_code == 404
    assert client.post(f"/investigations/{case.pk}/documents/", {
        "document-title": "x", "document-file": SimpleUploadedFile("a.txt", b"a")}).status_code == 404
    assert not InvestigationTask.objects.exists() and not InvestigationDocument.objects.exists()


def test_the_share_list_leaves_out_the_owning_agency_and_those_already_shared(
        case: Investigation, investigator: User, police: Organisation, border_guard: Organisation,
        make_org: Callable[..., Organisation], login_as: Callable[[User], Client]) -> None:
    ngo = make_org("LS", OrganisationType.NGO, name="La Strada")
    client = login_as(investigator)
    page = client.get(f"/investigations/{case.pk}/").content.decode()
    share_select = page[page.index('name="share-organisation"'):]
    share_select = share_select[:share_select.index("</select>")]
    assert f'value="{police.pk}"' not in share_select
    assert f'value="{border_guard.pk}"' in share_select and f'value="{ngo.pk}"' in share_select
    services.share(investigator, case, border_guard)
    page = client.get(f"/investigations/{case.pk}/").content.decode()
    share_select = page[page.index('name="share-organisation"'):]
    share_select = share_select[:share_select.index("</select>")]
    assert f'value="{border_guard.pk}"' not in share_select and f'value="{ngo.pk}"' in share_select
