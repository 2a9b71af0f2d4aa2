"""The case pages in Polish and Ukrainian use one word for each thing: a case's status agrees with
"sprawa" (Aktywna, Zamknięta), and Ukrainian calls a referral "направлення" everywhere."""

from __future__ import annotations

from django.conf import settings

from protection import services
from protection.choices import CaseStatus


def test_a_polish_case_worker_reads_the_case_status_in_the_feminine(login_as, iom_worker, make_case):
    open_case, closed_case = make_case(), make_case(first_name="Oksana")
    services.set_case_status(iom_worker, closed_case.id, CaseStatus.CLOSED, "Returned home safely.")
    client = login_as(iom_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    assert "Aktywna" in client.get(f"/protection/cases/{open_case.id}/").content.decode()
    listing = client.get("/protection/?scope=organisation").content.decode()
    assert "Zamknięta" in listing and "Zamknięte" not in listing and "Aktywny" not in listing


def test_the_ukrainian_referral_pages_use_one_word_for_a_referral(login_as, iom_worker, make_case):
    case = make_case()
    client = login_as(iom_worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    for path in (f"/protection/cases/{case.id}/", f"/protection/cases/{case.id}/referral/", "/protection/referrals/",
                 "/home/"):
        page = client.get(path).content.decode()
        assert "Направ" in page, path
        assert "керув" not in page, path


def test_sensitivity_agrees_with_its_noun_in_polish():
    from django.utils import translation

    from protection.choices import Sensitivity

    with translation.override("pl"):
        assert [str(label) for _v, label in Sensitivity.choices][:2] == ["Zwykła", "Wysoka"]
