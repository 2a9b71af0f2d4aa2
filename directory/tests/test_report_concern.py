"""A member of the public reports a concern, anonymously, in a short form that refuses junk and floods."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from audit.models import AuditEvent
from directory.models import ConcernReport
from directory.services import CONCERN_TEXT_MAX

pytestmark = pytest.mark.django_db

URL = "/help/report/"


def test_the_form_warns_to_call_112_and_asks_for_the_minimum(client: Client):
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "If someone is in danger now, do not write: call 112." in html
    assert "You do not have to give your name." in html
    assert "Leave it empty to stay anonymous." in html


def test_an_anonymous_concern_is_received(client: Client, police, form_started):
    response = client.post(URL, {"text": "A man offers free rides to Germany to women with children.",
                                 "voivodeship": "podkarpackie", "place": "Medyka", "started": form_started},
                           HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 302 and response["Location"] == "/help/report/sent/"
    concern = ConcernReport.objects.get()
    assert concern.contact == "" and concern.language == "uk" and concern.organisation == police
    assert "Дякуємо" in client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    event = AuditEvent.objects.get(object_type="directory.concernreport")
    assert event.action == "create" and event.actor_id is None and event.organisation_id == police.pk
    assert "text" in event.fields and "A man" not in str(event.fields)


def test_the_text_contact_and_place_are_stored_encrypted(client: Client, police, form_started):
    client.post(URL, {"text": "Secret detail", "contact": "+48 600 000 000", "place": "Car wash, Okopowa 12",
                      "started": form_started})
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT text, contact, place FROM directory_concernreport")
        text, contact, place = cursor.fetchone()
    assert text.startswith("enc1:") and contact.startswith("enc1:") and place.startswith("enc1:")
    assert ConcernReport.objects.get().place == "Car wash, Okopowa 12"


def test_an_empty_message_is_refused_with_a_clear_message(client: Client, police, form_started):
    response = client.post(URL, {"text": "   ", "started": form_started}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Write what happened or what worries you." in html
    assert ConcernReport.objects.count() == 0


def test_an_oversized_message_is_refused_and_nothing_is_written(client: Client, police, form_started):
    response = client.post(URL, {"text": "x" * (CONCERN_TEXT_MAX + 1), "started": form_started},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert f"Shorten the message to {CONCERN_TEXT_MAX} characters or fewer" in response.content.decode()
    assert ConcernReport.objects.count() == 0


def test_errors_are_shown_in_the_visitors_language(client: Client, police, form_started):
    response = client.post(URL, {"text": "", "started": form_started}, HTTP_ACCEPT_LANGUAGE="uk")
    assert "Напишіть, що сталося або що вас турбує." in response.content.decode()


@override_settings(CTIMS_CONCERN_MAX_PER_HOUR=3)
def test_a_flood_from_one_address_is_throttled(client: Client, police, form_started):
    for n in range(3):
        assert client.post(URL, {"text": f"message {n}", "started": form_started}).status_code == 302
    response = client.post(URL, {"text": "one more", "started": form_started}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many messages were sent from this connection" in response.content.decode()
    assert ConcernReport.objects.count() == 3
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.post(URL, {"text": "from another place", "started": form_started}).status_code == 302


def test_a_bot_filling_the_hidden_field_is_not_stored(client: Client, police, form_started):
    response = client.post(URL, {"text": "cheap pills", "website": "http://spam.example", "started": form_started})
    assert response.status_code == 302
    assert ConcernReport.objects.count() == 0


@pytest.mark.parametrize("started", ["", "forged"])
def test_a_post_without_a_valid_form_time_is_refused(client: Client, police, started):
    response = client.post(URL, {"text": "hello", "started": started}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "This form is too old. Check your message and send it again." in response.content.decode()
    assert ConcernReport.objects.count() == 0


def test_a_form_sent_within_a_second_of_opening_is_refused(client: Client, police):
    html = client.get(URL).content.decode()
    started = html.split('name="started" value="')[1].split('"')[0]
    response = client.post(URL, {"text": "hello", "started": started}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "That was sent very quickly" in response.content.decode()
    assert ConcernReport.objects.count() == 0


def test_hints_and_errors_are_tied_to_their_inputs_for_screen_readers(client: Client, police, form_started):
    html = client.post(URL, {"text": "", "started": form_started}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'aria-describedby="id_text-hint id_text-error"' in html and 'aria-invalid="true"' in html
    assert 'id="id_text-error"' in html and 'href="#id_text"' in html


def test_the_text_is_not_called_optional_and_an_empty_report_names_it(client: Client, police, form_started):
    html = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    label = html.split('for="id_text"', 1)[1].split("</label>", 1)[0]
    assert "optional" not in label
    response = client.post(URL, {"text": "   ", "started": form_started}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Write what happened or what worries you." in response.content.decode()
    assert ConcernReport.objects.count() == 0


def test_an_empty_form_sent_at_once_names_the_missing_text_only(client: Client, police):
    html = client.get(URL).content.decode()
    started = html.split('name="started" value="')[1].split('"')[0]
    page = client.post(URL, {"text": "", "started": started}, HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert "Напишіть, що сталося або що вас турбує." in page
    assert "дуже швидко" not in page, "the bot timer is not the person's problem here"
    assert "Що сталося або що вас турбує? Напишіть" in page, "no colon after a question"
    assert '<div class="error-summary" role="alert" tabindex="-1" autofocus>' in page, "focus moves to the errors"
