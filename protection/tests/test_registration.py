"""Registering a person: the case code, encrypted identity, and possible duplicates across scripts."""

from __future__ import annotations

import datetime

from django.db import connection

from protection.models import Case, Person


def test_a_case_worker_registers_a_person_and_gets_a_case_code(login_as, iom_worker):
    client = login_as(iom_worker)
    response = client.post("/protection/register/", {
        "first_name": "Олена", "second_name": "Ковальчук", "gender": "Feminine", "sensitivity": "normal",
        "mobile_phone": "+380 67 123 4567", "citizenship": ["UA"], "birth_date": "1994-03-02",
    }, follow=True)
    case = Case.objects.get()
    assert case.code.startswith("IOM-") and case.code.endswith("-00001")
    assert case.code in response.content.decode()
    assert "Ковальчук" in response.content.decode()
    with connection.cursor() as cur:
        cur.execute("SELECT second_name, mobile_phone FROM protection_person")
        raw = cur.fetchone()
    assert all(v.startswith("enc1:") for v in raw), "identity must be stored encrypted"
    assert case.person.age_range != "-99"


def test_a_possible_duplicate_in_latin_script_is_shown_before_registering(login_as, iom_worker, make_case):
    existing = make_case(birth_date=datetime.date(1994, 3, 2))
    client = login_as(iom_worker)
    response = client.post("/protection/register/", {
        "first_name": "Олена", "second_name": "Ковальчук", "birth_date": "1994-03-02", "gender": "Feminine",
        "sensitivity": "normal"})
    page = response.content.decode()
    assert "Possible duplicates" in page and existing.code in page
    assert Person.objects.count() == 1, "nothing is written until the worker confirms"
    client.post("/protection/register/", {
        "first_name": "Олена", "second_name": "Ковальчук", "birth_date": "1994-03-02", "gender": "Feminine",
        "sensitivity": "normal", "confirm_new": "on"})
    assert Person.objects.count() == 2


def test_the_same_phone_number_written_differently_is_an_exact_duplicate(login_as, iom_worker, make_case):
    existing = make_case(first_name="Ivan", second_name="Petrenko", mobile_phone="+48 600 100 200")
    response = login_as(iom_worker).post("/protection/register/", {
        "first_name": "Mykola", "mobile_phone": "600100200", "gender": "Masculine", "sensitivity": "normal"})
    assert existing.code in response.content.decode()
    assert "same phone number" in response.content.decode()


def test_a_bad_phone_number_is_refused_with_a_message_by_the_field(login_as, iom_worker):
    response = login_as(iom_worker).post("/protection/register/", {"mobile_phone": "12", "gender": "Feminine",
                                                                    "sensitivity": "normal"})
    assert "Enter a phone number with its country code" in response.content.decode()
    assert not Case.objects.exists()


def test_a_registered_persons_identifiers_are_published_to_links(make_case):
    from links.models import Mention

    case = make_case(mobile_phone="+48 600 100 200")
    kinds = set(Mention.objects.filter(source_type="protection.person", source_id=case.person_id)
                .values_list("kind", flat=True))
    assert kinds == {"person", "phone"}
