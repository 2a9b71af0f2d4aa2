"""Administrators keep the places; everyone in intake sees them in a list and on a map (no outside requests)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from accounts.models import User
from accounts.roles import Role
from intake import selectors
from intake.models import Place


def test_an_administrator_adds_a_reception_point(login_as: Callable[[User], Client], make_user: Callable[..., User],
                                                 lublin: Place) -> None:
    client = login_as(make_user(Role.ADMINISTRATOR))
    response = client.post("/intake/places/new/", {"type": "rp", "name": "RP Chełm station", "voivodeship": lublin.pk,
                                                    "latitude": "51.14", "longitude": "23.47"}, follow=True)

    assert "The place was saved." in response.content.decode()
    assert Place.objects.get(name="RP Chełm station").voivodeship == lublin


def test_a_reception_point_needs_its_voivodeship(login_as: Callable[[User], Client], make_user: Callable[..., User],
                                                 lublin: Place) -> None:
    client = login_as(make_user(Role.ADMINISTRATOR))
    page = client.post("/intake/places/new/", {"type": "rp", "name": "RP nowhere"}).content.decode()

    assert "Choose the voivodeship this place is in." in page
    assert not Place.objects.filter(name="RP nowhere").exists()


def test_the_map_shows_the_points_without_tiles_by_default(login_as: Callable[[User], Client], operator: User,
                                                           medyka: Place) -> None:
    page = login_as(operator).get("/intake/places/").content.decode()

    assert 'id="places-map"' in page and 'data-tile-url=""' in page
    assert "vendor/leaflet/leaflet.js" in page and "Medyka" in page
    assert '"lat": 49.8' in page
    assert "http://" not in page.split("places-points")[1].split("</script>")[0]


def test_operators_cannot_edit_places(login_as: Callable[[User], Client], operator: User, medyka: Place) -> None:
    assert login_as(operator).get(f"/intake/places/{medyka.pk}/").status_code == 403


def test_other_modules_get_the_voivodeships(lublin: Place, medyka: Place) -> None:
    assert [p.name for p in selectors.voivodeships()] == ["Lubelskie", "Podkarpackie"]


def test_a_closed_reception_point_is_no_longer_offered_to_officers(login_as: Callable[[User], Client],
                                                                   field_officer: User, lublin: Place) -> None:
    import datetime as dt

    Place.objects.create(type="rp", name="RP Hala Targowa (closed)", voivodeship=lublin,
                         active_to=dt.date(2023, 6, 30))
    Place.objects.create(type="rp", name="RP Dworzec", voivodeship=lublin)

    page = login_as(field_officer).get("/intake/observations/new/").content.decode()

    assert "RP Dworzec" in page and "RP Hala Targowa" not in page


def test_an_internal_tile_server_is_used_when_configured(login_as: Callable[[User], Client], operator: User,
                                                         medyka: Place, settings: object) -> None:
    settings.CTIMS_MAP_TILE_URL = "https://tiles.police.internal/{z}/{x}/{y}.png"  # type: ignore[attr-defined]

    page = login_as(operator).get("/intake/places/").content.decode()

    assert 'data-tile-url="https://tiles.police.internal/{z}/{x}/{y}.png"' in page
