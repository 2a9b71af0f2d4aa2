"""A trainer or case worker reading the resource library in Ukrainian finds each resource under its Ukrainian
title where a Ukrainian edition exists, sees plainly when it exists only in English, and gets a link to read or
download it; on a phone the library is a list of blocks, not a wide table."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation
from playwright.sync_api import expect

from directory.models import Resource, ResourceAudience, ResourceKind
from directory.tests.test_browser_axe import _violations

HANDBOOK = "https://publications.iom.int/books/iom-handbook-direct-assistance-victims-trafficking-0"


def _library() -> tuple[Resource, Resource]:
    both = Resource.objects.create(
        title="IOM Guidance on Referral Mechanisms", title_language="en", languages=",en,uk,",
        title_uk="Настанови МОМ щодо механізмів перенаправлення", title_pl="Wytyczne IOM (bez polskiego wydania)",
        organisation="IOM", kind=ResourceKind.GUIDANCE, audience=ResourceAudience.CASE_WORKERS,
        url="https://publications.iom.int/", order=1)
    english = Resource.objects.create(
        title="IOM Handbook on Direct Assistance for Victims of Trafficking", title_language="en", languages=",en,",
        organisation="IOM", kind=ResourceKind.HANDBOOK, audience=ResourceAudience.CASE_WORKERS, url=HANDBOOK, order=2)
    return both, english


@pytest.mark.django_db
def test_each_resource_shows_its_title_in_the_readers_language_or_the_published_one_marked(client: Client):
    _library()
    html = client.get("/help/resources/?lang=uk").content.decode()
    assert "<table" not in html
    assert html.count('class="resource"') == 2
    assert "Настанови МОМ щодо механізмів перенаправлення" in html
    assert '<h2 class="resource__title" lang="en">IOM Handbook on Direct Assistance' in html
    with translation.override("uk"):
        note = translation.gettext("Not published in your language; the title is shown as published.")
        read = translation.gettext("Read or download")
    assert note != "Not published in your language; the title is shown as published."
    assert html.count(note) == 1, "only the English-only resource says its title is a fallback"
    assert html.count(read) == 2 and f'href="{HANDBOOK}"' in html
    assert "publications.iom.int" in html


@pytest.mark.django_db
def test_a_translated_title_is_shown_only_where_an_edition_exists_in_that_language():
    both, english = _library()
    assert both.title_in("uk") == ("Настанови МОМ щодо механізмів перенаправлення", "uk", True)
    assert both.title_in("en") == ("IOM Guidance on Referral Mechanisms", "en", True)
    # a Polish title was typed, but there is no Polish edition: the reader is not sent to a text they cannot get
    assert both.title_in("pl") == ("IOM Guidance on Referral Mechanisms", "en", False)
    assert english.title_in("ru").translated is False


@pytest.mark.django_db
def test_the_api_gives_the_title_of_each_edition(client: Client):
    both, _english = _library()
    item = client.get(f"/api/v1/directory/resources/{both.pk}").json()
    assert item["titles"] == {"en": "IOM Guidance on Referral Mechanisms",
                              "uk": "Настанови МОМ щодо механізмів перенаправлення"}
    assert item["url"] == "https://publications.iom.int/"


@pytest.mark.browser
def test_on_a_phone_the_library_is_a_list_that_fits_the_screen(live_server, phone_page):
    _library()
    phone_page.goto(f"{live_server.url}/help/resources/?lang=uk")
    items = phone_page.locator(".resource")
    expect(items).to_have_count(2)
    expect(items.first.get_by_role("heading")).to_have_text("Настанови МОМ щодо механізмів перенаправлення")
    expect(items.nth(1).get_by_role("link")).to_have_attribute("href", HANDBOOK)
    overflow = phone_page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the phone"
    assert not _violations(phone_page)
