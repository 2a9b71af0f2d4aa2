"""A reader of the Polish, Ukrainian or Russian pages does not meet organisation names or choice values in
English: organisations carry their names in the four languages (accounts.Organisation name_xx fields,
shown through __str__ and the org_name filter), and an untranslated name is marked with its own language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from accounts.demo import NAMES, ORGANISATIONS
from accounts.models import Organisation
from accounts.roles import Role
from directory.models import Service, ServiceType

ENGLISH = ["Police Headquarters", "Counter-Trafficking Department", "Border Guard HQ", "Border Guard Headquarters",
           "National Labour Inspectorate", "Police HQ"]


@pytest.fixture
def demo_orgs(db) -> dict[str, Organisation]:
    orgs = {}
    for code, name, short, kind in ORGANISATIONS:
        names = {f"{field}_{lang}": value for lang, pair in NAMES[code].items()
                 for field, value in zip(("name", "short_name"), pair, strict=True)}
        orgs[code] = Organisation.objects.create(code=code, name=name, short_name=short, type=kind,
                                                 name_language="en", **names)
    Service.objects.create(name="Police helpline for victims of trafficking", provider=name, organisation=orgs["POL"],
                           type=ServiceType.HOTLINE, phone="+48 47 72 565 02", is_active=True)
    return orgs


@pytest.mark.parametrize("language", ["pl", "uk", "ru"])
def test_pages_name_organisations_in_the_readers_language(client, make_user, demo_orgs, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    service = Service.objects.get()
    pages = {"/help/services/": client.get("/help/services/").content.decode(),
             "service": client.get(f"/help/services/{service.id}/").content.decode()}
    user = make_user(Role.FIELD_OFFICER, demo_orgs["POL"], username="police.field")
    client.force_login(user)
    pages["/home/"] = client.get("/home/").content.decode()
    pages["/accounts/profile/"] = client.get("/accounts/profile/").content.decode()
    for where, page in pages.items():
        for english in ENGLISH:
            assert english not in page, (language, where, english)
    assert NAMES["POL"][language][0] in pages["service"]
    assert NAMES["POL"][language][0] in pages["/home/"]


def test_an_untranslated_name_is_shown_as_entered_and_marked_with_its_language(db):
    org = Organisation.objects.create(code="FDN", name="Fundacja Dialog", type="ngo", name_language="pl",
                                      name_uk="Фонд «Діалог»")
    html = Template('{% load ctims_i18n %}{{ org|org_name }}')
    with translation.override("uk"):
        assert html.render(Context({"org": org})) == "Фонд «Діалог»"
        assert str(org) == "Фонд «Діалог»"
    with translation.override("ru"):
        assert html.render(Context({"org": org})) == '<span lang="pl">Fundacja Dialog</span>'
    with translation.override("pl"):
        assert html.render(Context({"org": org})) == "Fundacja Dialog"


@pytest.mark.parametrize(("language", "female", "male"), [("pl", "kobieta", "mężczyzna"), ("uk", "жінка", "чоловік"),
                                                         ("ru", "женщина", "мужчина")])
def test_recorded_sex_is_shown_through_its_label_not_the_stored_value(language, female, male):
    from links.selectors import extra_value_label
    from programme.results import Figure

    with translation.override(language):
        assert [extra_value_label("sex", v) for v in ("female", "Female", "M")] == [female, female, male]
        labels = [label for label, _n in Figure(value=None, by_sex={"female": 3, "male": 4}).by_sex_display]
        assert "female" not in labels and "male" not in labels and len(labels) == 2
