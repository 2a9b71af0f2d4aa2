"""A concern from the public is triaged like a call: assigned, commented, escalated; its phones meet the hotline's."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEvent
from directory import services
from directory.models import ConcernComment, ConcernStatus
from directory.triage import identifiers_in
from intake import selectors as intake_selectors
from intake import services as intake_services
from intake.models import MentionKind, Place, PlaceType
from investigations.models import InvestigationLink, Offence
from links.models import Mention as LinkMention
from notifications.models import Notification


@pytest.fixture
def analyst(make_user, police):
    return make_user(Role.ANALYST, police, username="analyst")


def _concern(text: str = "A man took their passports", **kw):
    return services.submit_concern(text=text, ip="198.51.100.9", **kw)


def test_the_analyst_assigns_a_concern_and_the_colleague_finds_it_as_theirs_on_the_board(
        login_as, analyst, make_user, police):
    concern = _concern(voivodeship="lubelskie")
    colleague = make_user(Role.INVESTIGATOR, police, username="colleague")
    client = login_as(analyst)
    client.post(f"/directory/concerns/{concern.pk}/triage/", {"action": "assign", "assigned_to": colleague.pk})
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.ASSIGNED and concern.assigned_to == colleague
    assert Notification.objects.filter(recipient=colleague, url_arg=str(concern.pk),
                                       url_name="directory:concern_detail").count() == 1
    mine = intake_selectors.triage_page(colleague, intake_selectors.BoardFilters(assignee="me"))
    assert [(i.kind, i.code, i.assigned_to) for i in mine.items] == [("concern", concern.code, "colleague")]
    nobody = intake_selectors.triage_page(analyst, intake_selectors.BoardFilters(assignee="none"))
    assert nobody.total == 0, "an assigned concern is not on the unassigned list"


def test_a_comment_is_kept_encrypted_and_shown_to_the_triage(login_as, analyst):
    concern = _concern()
    client = login_as(analyst)
    client.post(f"/directory/concerns/{concern.pk}/triage/", {"action": "comment", "text": "Called the shelter"})
    comment = ConcernComment.objects.get(concern=concern)
    assert comment.text == "Called the shelter" and comment.author == analyst
    assert AuditEvent.objects.filter(action="create", object_type="directory.concerncomment").count() == 1
    assert "Called the shelter" in client.get(f"/directory/concerns/{concern.pk}/").content.decode()


def test_escalating_a_concern_opens_an_investigation_linked_back_and_takes_it_off_the_open_board(
        login_as, analyst):
    concern = _concern(voivodeship="lubelskie")
    offence = Offence.objects.filter(is_active=True).first()
    client = login_as(analyst)
    client.post(f"/directory/concerns/{concern.pk}/triage/", {
        "action": "investigation", "offence": offence.pk, "summary": "Passports taken at a farm"})
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.ESCALATED and concern.investigation is not None
    link = InvestigationLink.objects.get(investigation=concern.investigation)
    assert (link.kind, link.object_id, link.label) == ("directory.concernreport", concern.pk, concern.code)
    board = intake_selectors.triage_page(analyst, intake_selectors.BoardFilters())
    assert concern.code not in [i.code for i in board.items]
    escalated = intake_selectors.triage_page(analyst, intake_selectors.BoardFilters(status="escalated"))
    assert [i.code for i in escalated.items] == [concern.code]


def test_a_supervisor_opens_a_protection_case_from_a_concern(login_as, make_user, police):
    concern = _concern()
    supervisor = make_user(Role.SUPERVISOR, police)
    login_as(supervisor).post(f"/directory/concerns/{concern.pk}/triage/", {
        "action": "protection", "summary": "A woman at risk"})
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.ESCALATED and concern.protection_case_code


def test_an_analyst_of_another_organisation_cannot_assign_it(login_as, make_user, make_org, police):
    concern = _concern()
    outsider = make_user(Role.ANALYST, make_org("SG"))
    response = login_as(outsider).post(f"/directory/concerns/{concern.pk}/triage/", {"action": "comment",
                                                                                     "text": "x"})
    assert response.status_code == 404 and not ConcernComment.objects.exists()


def test_a_phone_in_a_concern_links_to_the_same_phone_heard_in_a_call(
        make_user, police, django_capture_on_commit_callbacks):
    operator = make_user(Role.HOTLINE_OPERATOR, police)
    lublin = Place.objects.create(type=PlaceType.VOIVODESHIP, name="Lubelskie")
    with django_capture_on_commit_callbacks(execute=True):
        call = intake_services.log_call(operator, intake_services.CallInput(
            hotline=lublin, started_at=timezone.now(), language="uk", caller_type="witness", topic="offer_work",
            mentions=[intake_services.MentionInput(MentionKind.PHONE, "+48 512 345 678")]))
    with django_capture_on_commit_callbacks(execute=True):
        concern = _concern("The recruiter calls from 512-345-678 and drives WA 12345. Telegram: @easy_job_pl")
    in_call = LinkMention.objects.get(source_type="intake.hotlinecall", source_id=call.pk, kind="phone")
    in_concern = LinkMention.objects.filter(source_type="directory.concernreport", source_id=concern.pk)
    assert sorted(in_concern.values_list("kind", flat=True)) == ["account", "phone", "vehicle"]
    assert in_concern.get(kind="phone").entity_id == in_call.entity_id, "the same number is one entity"


def test_identifiers_are_read_from_free_text_and_an_email_is_not_an_account():
    found = identifiers_in("Dzwonił z +380 67 123 4567 i 600 100 200, auto AA 1234 BC; pisz na job@example.com "
                           "albo t.me/pracaPL")
    assert found == [("phone", "+380671234567"), ("phone", "+48600100200"), ("vehicle", "AA 1234 BC"),
                     ("account", "@pracaPL")]
    assert identifiers_in("Nothing here, 12 people in 2024.") == []
