"""A refugee or migrant, without signing in, reads every public page in their own language."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.roles import Role

pytestmark = pytest.mark.django_db

# The main heading of each page in each language: proves a real translation is served, not the English source.
HEADINGS = {
    "/": {"en": "Stay safe when you travel, live and work in Poland",
          "pl": "Bezpiecznie w podróży, w domu i w pracy w Polsce",
          "uk": "Будьте в безпеці в дорозі, вдома й на роботі в Польщі",
          "ru": "Будьте в безопасности в дороге, дома и на работе в Польше"},
    "/help/warning-signs/": {"en": "Warning signs of trafficking and forced labour",
                             "pl": "Sygnały ostrzegawcze handlu ludźmi i pracy przymusowej",
                             "uk": "Тривожні ознаки торгівлі людьми та примусової праці",
                             "ru": "Тревожные признаки торговли людьми и принудительного труда"},
    "/help/what-to-do/": {"en": "What to do", "pl": "Co robić", "uk": "Що робити", "ru": "Что делать"},
    "/help/workers-rights/": {"en": "Your rights as a worker in Poland", "pl": "Twoje prawa jako pracownika w Polsce",
                              "uk": "Ваші права як працівника в Польщі", "ru": "Ваши права как работника в Польше"},
    "/help/check-a-job-offer/": {"en": "How to check a job offer", "pl": "Jak sprawdzić ofertę pracy",
                                 "uk": "Як перевірити пропозицію роботи", "ru": "Как проверить предложение работы"},
    "/help/helplines/": {"en": "Helplines", "pl": "Telefony zaufania", "uk": "Гарячі лінії", "ru": "Горячие линии"},
    "/help/services/": {"en": "Find help near you", "pl": "Pomoc w pobliżu", "uk": "Допомога поруч",
                        "ru": "Помощь рядом"},
    "/help/resources/": {"en": "Resources for professionals", "pl": "Materiały dla specjalistów",
                         "uk": "Матеріали для фахівців", "ru": "Материалы для специалистов"},
    "/help/report/": {"en": "Report a concern", "pl": "Zgłoś podejrzenie", "uk": "Повідомити про підозру",
                      "ru": "Сообщить о подозрении"},
}
PAGES = list(HEADINGS)

# What every page shows, in each language: the 112 line and the first navigation link.
SHELL = {
    "en": ("In danger? Call 112.", "Warning signs"),
    "pl": ("Grozi Ci niebezpieczeństwo? Dzwoń pod 112.", "Sygnały ostrzegawcze"),
    "uk": ("У небезпеці? Телефонуйте 112.", "Тривожні ознаки"),
    "ru": ("В опасности? Звоните 112.", "Тревожные признаки"),
}


@pytest.mark.parametrize("language", ["en", "pl", "uk", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_each_public_page_opens_without_signing_in_in_each_language(client: Client, seed_helplines, path, language):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    danger, nav = SHELL[language]
    assert f'<html lang="{language}">' in html
    assert f"<h1>{HEADINGS[path][language]}</h1>" in html
    assert danger in html, "112 must be visible on every public page"
    assert 'href="tel:112"' in html
    assert nav in html
    assert "/accounts/sign-in/" in html, "staff find their way to sign in"
    assert "htmx" not in html, "public pages need no script"


@pytest.mark.parametrize("language", ["en", "pl", "uk", "ru"])
def test_the_home_page_says_what_to_watch_for_and_whom_to_call(client: Client, seed_helplines, language):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert HEADINGS["/"][language] in html
    assert 'href="tel:+48477256502"' in html
    assert 'href="tel:+48226280120"' in html
    assert 'href="tel:+48226289999"' in html and 'href="tel:+48605687750"' in html


def test_warning_signs_are_written_in_ukrainian(client: Client):
    html = client.get("/help/warning-signs/", HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert "Хтось забирає ваші документи" in html
    assert "Ви не можете піти" in html


def test_russian_visitor_reads_how_to_check_a_job_offer(client: Client):
    html = client.get("/help/check-a-job-offer/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Как проверить предложение работы" in html


def test_polish_visitor_reads_their_rights_at_work(client: Client):
    html = client.get("/help/workers-rights/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Twoje prawa jako pracownika w Polsce" in html


def test_the_leaflet_link_opens_the_site_in_its_language_and_the_switch_still_works(client: Client):
    response = client.get("/?lang=uk", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, "rendered at once, no redirect (a round trip costs seconds on a slow line)"
    assert '<html lang="uk">' in response.content.decode() and "Тривожні ознаки" in response.content.decode()
    assert response.cookies["ctims_language"].value == "uk"
    assert "Тривожні ознаки" in client.get("/").content.decode()
    switched = client.post("/language/", {"language": "pl", "next": "/?lang=uk"})
    assert switched["Location"] == "/", "the QR code's lang= is dropped so the new choice wins"
    assert "Sygnały ostrzegawcze" in client.get(switched["Location"]).content.decode()
    kept = client.post("/language/", {"language": "ru", "next": "/help/services/?voivodeship=lubelskie&lang=uk"})
    assert kept["Location"] == "/help/services/?voivodeship=lubelskie"


def test_public_pages_are_sent_compressed_and_staff_pages_are_not(client: Client, login_as, make_user):
    import gzip

    response = client.get("/?lang=uk", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert '<html lang="uk">' in html and "Тривожні ознаки" in html
    assert "Content-Encoding" not in client.get("/help/helplines/")  # a client that did not ask
    staff = login_as(make_user(Role.CASE_WORKER))
    assert "Content-Encoding" not in staff.get("/home/", HTTP_ACCEPT_ENCODING="gzip")


def test_public_pages_carry_the_stylesheet_inline_allowed_by_its_hash_alone(client: Client):
    import base64
    import hashlib
    import re

    response = client.get("/help/warning-signs/")
    html = response.content.decode()
    assert 'rel="stylesheet"' not in html, "no second round trip for the stylesheet"
    (css,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert ".emergency" in css and ".helpline" in css
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    style_src = next(d for d in response["Content-Security-Policy"].split("; ") if d.startswith("style-src"))
    assert style_src == f"style-src 'self' 'sha256-{digest}'", "exactly this text, and no 'unsafe-inline'"


def test_an_unknown_leaflet_language_is_dropped_from_the_address(client: Client):
    response = client.get("/help/helplines/?lang=xx")
    assert response.status_code == 302 and response["Location"] == "/help/helplines/"
    assert "ctims_language" not in response.cookies


def test_the_home_page_names_the_helplines_before_the_warning_signs(client: Client, seed_helplines):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    quick = html.index('class="quick-call"')
    assert "Гарячі лінії" in html and "Безкоштовні" not in html  # the police line is not free of charge
    for number in ("+48477256502", "+48226280120", "+48226289999"):
        assert quick < html.index(f'href="tel:{number}"') < html.index('id="signs-heading"'), number


def test_the_browser_finds_the_site_icon(client: Client):
    assert 'rel="icon" href="/static/ctims/favicon.svg"' in client.get("/").content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/ctims/favicon.svg"


def test_a_signed_in_staff_member_sees_the_public_home_with_a_link_to_their_work(login_as, make_user):
    client = login_as(make_user(Role.CASE_WORKER))
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Go to your work" in html and 'href="/home/"' in html


def test_a_demo_service_is_marked_demo(client: Client, make_service):
    make_service("Shelter Lublin (demo)", is_demo=True)
    html = client.get("/help/services/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Shelter Lublin (demo)" in html and '<span class="tag">demo</span>' in html
