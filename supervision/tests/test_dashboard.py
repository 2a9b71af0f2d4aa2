"""A supervisor starts the day from the dashboard: the figures are counts of her own organisation's records,
the same in the table, the CSV and the XLSX; nobody else's cases count, and other roles cannot open it."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Organisation, User
from accounts.roles import Role
from audit.models import Action, AuditEvent
from intake import services as intake_services
from intake.models import HotlineCall, Urgency
from protection import services
from protection.choices import OPEN_STATUSES, CaseStatus, ExploitationType, Gender, ReferralReason
from protection.models import Case


@pytest.fixture
def iom_supervisor(make_user: Callable[..., User], iom: Organisation) -> User:
    return make_user(Role.SUPERVISOR, iom, username="iom.supervisor")


@pytest.fixture
def make_case(iom_worker: User) -> Callable[..., Case]:
    """Open a case as `actor` (IOM's case worker by default) with the case fields given."""

    def make(actor: User | None = None, **fields: Any) -> Case:
        return services.register_person(actor or iom_worker, services.Identity(first_name="Olena"),
                                        gender=Gender.FEMININE, **fields)

    return make


def _figure(client: Client, board: str, key: str, query: str = "") -> Any:
    response = client.get(f"/supervision/{board}/{query}")
    assert response.status_code == 200
    return response.context["board"].figure(key)


def _row(figure: Any, label: str) -> list[Any]:
    return next(r for r in figure.rows if r[0] == label)


def test_caseload_counts_the_open_cases_of_each_case_worker(login_as, iom_supervisor, iom_worker, ls_worker,
                                                            make_user, iom, make_case) -> None:
    colleague = make_user(Role.CASE_WORKER, iom, first_name="Anna", last_name="Nowak")
    for _ in range(3):
        make_case()
    make_case(actor=colleague)
    closed = make_case()
    Case.objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED, closed_at=timezone.now())
    for _ in range(2):
        make_case(actor=ls_worker)  # La Strada's cases: never in IOM's figures
    overdue = Case.objects.filter(organisation=iom, case_worker=iom_worker, status__in=OPEN_STATUSES).first()
    Case.objects.filter(pk=overdue.pk).update(next_review_due=timezone.localdate() - datetime.timedelta(days=10))

    figure = _figure(login_as(iom_supervisor), "protection", "caseload")

    expected = Case.objects.filter(organisation=iom, case_worker=iom_worker, status__in=OPEN_STATUSES).count()
    assert _row(figure, "Iryna Melnyk") == ["Iryna Melnyk", expected, 1]
    assert _row(figure, "Anna Nowak")[1] == 1
    assert figure.total == Case.objects.filter(organisation=iom, status__in=OPEN_STATUSES).count() == 4
    assert ls_worker.username not in [r[0] for r in figure.rows]


def test_stage_type_closure_and_reviews_count_only_the_viewers_organisation(login_as, iom_supervisor, iom,
                                                                            make_user, lastrada, make_case) -> None:
    make_case(exploitation_types=[ExploitationType.FORCED_LABOUR])
    make_case(exploitation_types=[ExploitationType.FORCED_LABOUR, ExploitationType.SEXUAL])
    unrecorded = make_case()
    opened = timezone.now() - datetime.timedelta(days=45)
    Case.objects.filter(pk=unrecorded.pk).update(status=CaseStatus.CLOSED, opened_at=opened,
                                                 closed_at=timezone.now(),
                                                 next_review_due=timezone.localdate() - datetime.timedelta(days=40))
    ls_supervisor = make_user(Role.SUPERVISOR, lastrada)
    ls_worker = make_user(Role.CASE_WORKER, lastrada)
    make_case(actor=ls_worker, exploitation_types=[ExploitationType.FORCED_LABOUR])
    Case.objects.filter(organisation=lastrada).update(next_review_due=timezone.localdate()
                                                      - datetime.timedelta(days=3))

    client = login_as(iom_supervisor)
    types = _figure(client, "protection", "exploitation")
    assert _row(types, "Forced labour")[1] == Case.objects.filter(
        organisation=iom, exploitation_types__contains=ExploitationType.FORCED_LABOUR).count() == 2
    assert _row(types, "Sexual exploitation")[1] == 1
    assert _row(types, "Not recorded")[1] == 1
    stage = _figure(client, "protection", "stage")
    assert _row(stage, "Active")[1] == 2 and _row(stage, "Closed")[1] == 1
    assert stage.total == Case.objects.filter(organisation=iom).count()
    closure = _figure(client, "protection", "closure")
    assert _row(closure, "30 to 89 days")[1] == 1 and closure.total == 1
    reviews = _figure(client, "protection", "reviews")
    assert reviews.total == 0, "a closed case's review is not overdue, and La Strada's overdue cases are not ours"

    theirs = _figure(login_as(ls_supervisor), "protection", "reviews")
    assert _row(theirs, "1 to 7 days")[1] == 1 and theirs.total == 1


def test_referrals_count_for_the_sender_and_the_receiver(login_as, iom_supervisor, iom_worker, ls_worker, lastrada,
                                                         make_user, make_case, share) -> None:
    answered, waiting = make_case(), make_case()
    for case in (answered, waiting):
        share(case, lastrada)
    first = services.send_referral(iom_worker, answered.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    services.send_referral(iom_worker, waiting.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    services.accept_referral(ls_worker, first.id)

    ours = login_as(iom_supervisor)
    status = _figure(ours, "protection", "referrals")
    assert _row(status, "Accepted") == ["Accepted", 1, 0, 1]
    assert _row(status, "Sent") == ["Sent", 1, 0, 1]
    answer = _figure(ours, "protection", "answer")
    assert _row(answer, "Within a day") == ["Within a day", 1, 0, 1]
    assert _row(answer, "Not answered yet") == ["Not answered yet", 1, 0, 1]

    theirs = _figure(login_as(make_user(Role.SUPERVISOR, lastrada)), "protection", "referrals")
    assert _row(theirs, "Accepted") == ["Accepted", 0, 1, 1]


def test_the_period_leaves_out_cases_opened_before_it(login_as, iom_supervisor, make_case) -> None:
    old = make_case()
    make_case()
    Case.objects.filter(pk=old.pk).update(opened_at=timezone.now() - datetime.timedelta(days=200))
    today = timezone.localdate()

    figure = _figure(login_as(iom_supervisor), "protection", "stage",
                     f"?start={today - datetime.timedelta(days=30)}&end={today}")

    assert figure.total == 1


def test_csv_and_xlsx_hold_the_figures_of_the_table_and_the_export_is_audited(login_as, iom_supervisor,
                                                                            iom_worker, make_case) -> None:
    for _ in range(2):
        make_case(exploitation_types=[ExploitationType.FORCED_LABOUR])
    client = login_as(iom_supervisor)
    figure = _figure(client, "protection", "caseload")

    text = client.get("/supervision/protection/caseload.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == figure.columns
    assert rows[1:] == [[str(c) for c in r] for r in figure.rows] == [["Iryna Melnyk", "2", "0"]]

    response = client.get("/supervision/protection/caseload.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[1] == figure.columns and values[2:] == figure.rows

    events = AuditEvent.objects.filter(actor=iom_supervisor, action=Action.EXPORT, object_type="supervision.figure")
    assert sorted(events.values_list("fields", flat=True)) == [["csv"], ["xlsx"]]
    assert set(events.values_list("object_id", flat=True)) == {"protection.caseload"}


def test_the_downloads_speak_the_viewers_language(login_as, iom_supervisor, make_case) -> None:
    make_case()
    client = login_as(iom_supervisor)
    text = client.get("/supervision/protection/stage.csv", HTTP_ACCEPT_LANGUAGE="uk").content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Етап,Справи"


def test_another_organisation_cannot_be_chosen(login_as, iom_supervisor, lastrada) -> None:
    client = login_as(iom_supervisor)

    page = client.get(f"/supervision/protection/?organisation={lastrada.pk}")
    assert "Select a valid choice" in page.content.decode()
    assert client.get(f"/supervision/protection/stage.csv?organisation={lastrada.pk}").status_code == 404


@pytest.mark.parametrize("role", [Role.CASE_WORKER, Role.HOTLINE_OPERATOR, Role.ANALYST, Role.ME_OFFICER])
def test_a_role_without_supervision_gets_403(login_as, make_user, iom, role) -> None:
    client = login_as(make_user(role, iom))
    for url in ("/supervision/", "/supervision/protection/", "/supervision/hotline/",
                "/supervision/protection/caseload.csv", "/supervision/hotline/lines.xlsx"):
        assert client.get(url).status_code == 403, url


def test_the_menu_shows_supervision_to_supervisors_only(login_as, iom_supervisor, iom_worker) -> None:
    assert 'href="/supervision/"' in login_as(iom_supervisor).get("/home/").content.decode()
    assert 'href="/supervision/"' not in login_as(iom_worker).get("/home/").content.decode()


def test_hotline_figures_count_the_organisations_calls(login_as, make_user, make_org, log_call, lublin) -> None:
    police = make_org("POL", name="Police HQ")
    other = make_org("SG", name="Border Guard")
    operator = make_user(Role.HOTLINE_OPERATOR, police)
    supervisor = make_user(Role.SUPERVISOR, police)
    triaged = log_call(operator, actions=["advice"])
    log_call(operator, urgency=Urgency.IMMEDIATE_DANGER, actions=["advice", "police_notified"])
    log_call(operator)
    log_call(make_user(Role.HOTLINE_OPERATOR, other), urgency=Urgency.IMMEDIATE_DANGER)
    intake_services.assign(supervisor, triaged, supervisor)

    client = login_as(supervisor)
    lines = _figure(client, "hotline", "lines")
    assert lines.rows == [["Lubelskie", HotlineCall.objects.filter(organisation=police).count()]] == [["Lubelskie", 3]]
    outcomes = _figure(client, "hotline", "outcomes")
    assert _row(outcomes, "Advice given")[1] == 2 and _row(outcomes, "Police notified")[1] == 1
    assert _row(outcomes, "No action recorded")[1] == 1
    hours = _figure(client, "hotline", "hours")
    assert hours.total == 3 and len(hours.rows) == 24
    triage = _figure(client, "hotline", "triage")
    assert _row(triage, "Within 15 minutes")[1] == 1 and _row(triage, "Not triaged yet")[1] == 2
    danger = _figure(client, "hotline", "danger")
    assert _row(danger, "Within 15 minutes") == ["Within 15 minutes", 1, 0, 1] and danger.total == 1
