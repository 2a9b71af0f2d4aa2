"""A person's timeline shows what the viewer may open, newest first, and of the rest only that it exists."""

from __future__ import annotations

from accounts.roles import Role
from protection import services
from protection.choices import CaseStatus, ReferralReason


def test_the_timeline_shows_what_the_viewer_may_open_and_the_existence_of_the_rest(
        login_as, iom_worker, lastrada, iom, make_case, share, make_user):
    iom_supervisor = make_user(Role.SUPERVISOR, iom)
    ls_supervisor = make_user(Role.SUPERVISOR, lastrada)
    first = make_case()
    share(first, lastrada)
    services.set_case_status(iom_supervisor, first.id, CaseStatus.CLOSED, "Moved to Warsaw.")
    second = services.open_case_for_person(iom_worker, first.person_id, summary="She came back.")
    # the first case now belongs to La Strada: IOM may no longer open it
    transfer = services.transfer_case(iom_supervisor, first.id, to_organisation=lastrada, reason="Warsaw.")
    services.answer_transfer(ls_supervisor, transfer.id, accept=True)
    services.add_document(iom_worker, second.id, title="Passport copy", filename="passport.pdf",
                          content_type="application/pdf", content=b"%PDF-1.4 test")
    share(second, lastrada)
    services.send_referral(iom_worker, second.id, to_organisation=lastrada, reason=ReferralReason.OTHER)

    page = login_as(iom_worker).get(f"/timeline/person/{second.person_id}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert second.code in html and "Case opened" in html and "Document added" in html
    assert html.index("Referral to La Strada") < html.index("Case opened"), "newest first"
    assert first.code not in html, "La Strada's case is not shown to IOM"
    assert "A record of La Strada exists." in html

    outsider = make_user(Role.CASE_WORKER)
    assert login_as(outsider).get(f"/timeline/person/{second.person_id}/").status_code == 404


def test_the_case_page_links_to_the_timeline(login_as, iom_worker, make_case):
    case = make_case()
    html = login_as(iom_worker).get(f"/protection/cases/{case.id}/").content.decode()
    assert f"/timeline/person/{case.person_id}/" in html

