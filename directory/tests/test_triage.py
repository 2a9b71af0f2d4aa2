"""An anonymous report from the public lands on the police triage, and nowhere else."""

from __future__ import annotations

from django.http import Http404
from django.test import Client

from accounts.models import OrganisationType
from accounts.roles import Role
from audit.models import AuditEvent
from directory import selectors, services
from directory.models import ConcernStatus


def test_an_anonymous_report_reaches_the_police_analyst_and_supervisor_but_not_an_ngo(
        client: Client, police, make_user, make_org, form_started):
    client.post("/help/report/", {"text": "Suspicious van at the station", "started": form_started})
    analyst = make_user(Role.ANALYST, organisation=police)
    supervisor = make_user(Role.SUPERVISOR, organisation=police)
    hotline = make_user(Role.HOTLINE_OPERATOR, organisation=police)
    ngo_supervisor = make_user(Role.SUPERVISOR, organisation=make_org("LS", OrganisationType.NGO))
    assert [c.text for c in selectors.concerns_for_triage(analyst)] == ["Suspicious van at the station"]
    assert selectors.concerns_for_triage(supervisor).count() == 1
    assert selectors.concerns_for_triage(hotline).count() == 0, "no intake.triage capability"
    assert selectors.concerns_for_triage(ngo_supervisor).count() == 0, "another organisation"


def test_the_analyst_reads_it_on_the_concerns_page_and_marks_it_triaged(login_as, police, make_user):
    concern = services.submit_concern(text="Passports taken by the farm owner", language="ru", ip="198.51.100.1",
                                      place="Farm near Grójec")
    analyst = make_user(Role.ANALYST, organisation=police)
    client = login_as(analyst)
    listing = client.get("/directory/concerns/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert concern.code in listing and "anonymous" in listing
    assert "Passports taken" not in listing, "the list shows no content; opening it is audited"
    detail = client.get(f"/directory/concerns/{concern.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Passports taken by the farm owner" in detail and "Farm near Grójec" in detail  # decrypted to read
    assert AuditEvent.objects.filter(action="view", object_id=str(concern.pk), actor=analyst).exists()
    client.post(f"/directory/concerns/{concern.pk}/triaged/")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.TRIAGED and concern.triaged_by == analyst
    assert selectors.concerns_for_triage(analyst, status="new").count() == 0


def test_an_ngo_user_cannot_open_a_police_concern(login_as, police, make_user, make_org):
    concern = services.submit_concern(text="x", ip="198.51.100.2")
    outsider = make_user(Role.SUPERVISOR, organisation=make_org("LS", OrganisationType.NGO))
    assert login_as(outsider).get(f"/directory/concerns/{concern.pk}/").status_code == 404
    try:
        services.mark_concern_triaged(outsider, concern.pk)
    except Http404:
        pass
    else:
        raise AssertionError("an outsider triaged a police concern")


def test_the_receiving_organisation_is_a_setting(settings, make_org, make_user):
    settings.CTIMS_CONCERN_ORGANISATION_CODE = "SG"
    border_guard = make_org("SG", OrganisationType.BORDER_GUARD)
    services.submit_concern(text="At the crossing", ip="198.51.100.3")
    assert selectors.concerns_for_triage(make_user(Role.INVESTIGATOR, organisation=border_guard)).count() == 1
