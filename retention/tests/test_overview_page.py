"""The administrators' retention page: what goes next for their own organisation only, holds, requests to confirm."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.test import Client

from accounts.models import User
from protection.models import Case
from retention import services

CASE_DAYS = settings.CTIMS_RETENTION_DAYS["case"]


def test_the_page_lists_our_next_records_and_none_of_another_organisation(
        make_case: Callable[..., Case], ls_worker: User, iom_admin: User, iom_supervisor: User,
        login_as: Callable[[User], Client]) -> None:
    soon = make_case(closed_days_ago=CASE_DAYS - 5)
    held = make_case(closed_days_ago=CASE_DAYS + 2, first_name="Iryna")
    later = make_case(closed_days_ago=10, first_name="Oksana")
    theirs = make_case(actor=ls_worker, closed_days_ago=CASE_DAYS - 3)
    services.place_hold(iom_supervisor, kind="case", reference=held.code, reason="Court order 5/26")

    page = login_as(iom_admin).get("/retention/").content.decode()

    assert soon.code in page and held.code in page
    assert "on hold: kept" in page and "Court order 5/26" in page
    assert later.code not in page  # not within the next 30 days
    assert theirs.code not in page
    assert "Olena" not in page and "Iryna" not in page  # codes and dates, never names


def test_a_second_administrator_confirms_a_request_from_the_page(
        make_case: Callable[..., Case], iom_admin: User, iom_supervisor: User,
        login_as: Callable[[User], Client]) -> None:
    case = make_case()
    client = login_as(iom_supervisor)
    response = client.post("/retention/erasure/", {"erase-kind": "case", "erase-reference": case.code,
                                                  "erase-reason": "Letter of 1 December"}, follow=True)
    assert "Another administrator of your organisation must confirm it" in response.content.decode()
    assert "Erase " + case.code not in response.content.decode()  # not offered to the requester

    client = login_as(iom_admin)
    page = client.get("/retention/").content.decode()
    assert f"Erase {case.code} now" in page
    req_id = services.ErasureRequest.objects.get().pk
    response = client.post(f"/retention/erasure/{req_id}/confirm/", follow=True)

    assert f"{case.code} is erased" in response.content.decode()
    assert not Case.objects.filter(pk=case.pk).exists()


def test_a_wrong_code_is_explained_beside_the_field_and_the_typed_reason_kept(
        iom_admin: User, login_as: Callable[[User], Client]) -> None:
    response = login_as(iom_admin).post("/retention/holds/", {"hold-kind": "case", "hold-reference": "IOM-2026-99999",
                                                              "hold-reason": "Court order 7/26"})

    assert response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page and "No record of this type with this reference" in page
    assert "Court order 7/26" in page


def test_a_system_administrator_sees_counts_per_organisation_but_not_their_codes(
        make_case: Callable[..., Case], ls_worker: User, ls_admin: User, iom_admin: User,
        login_as: Callable[[User], Client]) -> None:
    theirs = make_case(actor=ls_worker, closed_days_ago=CASE_DAYS + 3)
    services.place_hold(ls_admin, kind="case", reference=theirs.code, reason="Claim pending")
    services.apply_retention(dry_run=True)
    iom_admin.is_superuser = True
    iom_admin.save(update_fields=["is_superuser"])

    page = login_as(iom_admin).get("/retention/").content.decode()

    assert "All organisations" in page and "La Strada" in page
    assert theirs.code not in page  # neither in what goes next nor among the held records of the run
    assert theirs.code in login_as(ls_admin).get("/retention/").content.decode()


def test_the_page_is_for_administrators_and_supervisors_only(iom_admin: User, ls_worker: User,
                                                           login_as: Callable[[User], Client]) -> None:
    assert login_as(ls_worker).get("/retention/").status_code == 403
    page = login_as(iom_admin).get("/retention/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Retencja" in page


def test_another_organisations_or_impossible_ids_are_not_found(
        make_case: Callable[..., Case], iom_supervisor: User, ls_admin: User,
        login_as: Callable[[User], Client]) -> None:
    case = make_case()
    req = services.request_erasure(iom_supervisor, kind="case", reference=case.code, reason="Letter")
    hold = services.place_hold(iom_supervisor, kind="case", reference=case.code, reason="Court order")
    client = login_as(ls_admin)

    assert client.post(f"/retention/erasure/{req.pk}/confirm/").status_code == 404
    assert client.post(f"/retention/holds/{hold.pk}/lift/", {f"lift-{hold.pk}-reason": "x"}).status_code == 404
    assert client.post(f"/retention/erasure/{2**64}/refuse/", {f"refuse-{2**64}-reason": "x"}).status_code == 404
    assert Case.objects.filter(pk=case.pk).exists()
    assert case.code not in client.get("/retention/").content.decode()
