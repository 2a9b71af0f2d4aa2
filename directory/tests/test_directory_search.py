"""Someone looks for help near them: by voivodeship, kind of help, language and who it is for."""

from __future__ import annotations

from django.test import Client

from directory import selectors
from directory.models import ServiceType


def _names(qs) -> set[str]:
    return {s.name for s in qs}


def test_search_by_voivodeship_type_and_language(make_service):
    make_service("Shelter Lublin", ServiceType.SHELTER, ("pl", "uk"), voivodeship="lubelskie")
    make_service("Shelter Krakow", ServiceType.SHELTER, ("pl", "en"), voivodeship="małopolskie")
    make_service("Lawyer Lublin", ServiceType.LEGAL_AID, ("pl", "ru"), voivodeship="lubelskie")
    make_service("National line", ServiceType.HOTLINE, ("pl", "uk", "ru", "en"), nationwide=True)
    make_service("Closed shelter", ServiceType.SHELTER, ("uk",), voivodeship="lubelskie", is_active=False)

    assert _names(selectors.search_services(voivodeship="lubelskie")) == {"Shelter Lublin", "Lawyer Lublin",
                                                                          "National line"}
    assert _names(selectors.search_services(type=ServiceType.SHELTER)) == {"Shelter Lublin", "Shelter Krakow"}
    assert _names(selectors.search_services(language="uk")) == {"Shelter Lublin", "National line"}
    assert _names(selectors.search_services(voivodeship="lubelskie", type=ServiceType.SHELTER, language="uk")) == {
        "Shelter Lublin"}
    assert _names(selectors.search_services(voivodeship="małopolskie", language="ru")) == {"National line"}


def test_search_by_who_it_serves_includes_services_for_everyone(make_service):
    make_service("Women's shelter", audiences=("women",))
    make_service("Open clinic", ServiceType.MEDICAL, audiences=("everyone",))
    make_service("Workers' advice", ServiceType.LABOUR_INSPECTION, audiences=("workers", "men"))
    assert _names(selectors.search_services(audience="women")) == {"Women's shelter", "Open clinic"}
    assert _names(selectors.search_services(audience="men")) == {"Open clinic", "Workers' advice"}


def test_the_public_search_page_filters_and_shows_click_to_call(client: Client, make_service):
    make_service("Shelter Lublin", ServiceType.SHELTER, ("pl", "uk"), voivodeship="lubelskie", phone="+48 000 000 101")
    make_service("Shelter Krakow", ServiceType.SHELTER, ("pl",), voivodeship="małopolskie")
    html = client.get("/help/services/?voivodeship=lubelskie&type=shelter&language=uk",
                      HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert "Shelter Lublin" in html and "Shelter Krakow" not in html
    assert 'href="tel:+48000000101"' in html
    assert "Знайдено послуг: 1" in html


def test_services_for_referral_lists_every_active_service_with_its_member_organisation(make_service, lastrada):
    make_service("La Strada helpline", ServiceType.HOTLINE, organisation=lastrada, nationwide=True)
    make_service("Old shelter", is_active=False)
    receivers = list(selectors.services_for_referral())
    assert [s.name for s in receivers] == ["La Strada helpline"]
    assert receivers[0].organisation == lastrada
