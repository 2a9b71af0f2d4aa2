"""A trainer adds a whole workshop at once: a list pasted from a spreadsheet or uploaded as a file, staff
accounts picked together, or the list of an earlier event. A list with one bad row adds nobody and names the
row and column."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from accounts.roles import Role
from training.models import Participant, TrainingEvent

pytestmark = pytest.mark.django_db


def _officers(n: int) -> list[str]:
    sexes = ["female", "male", "K", "M", ""]
    return [
        f"Officer {i:02d}\tBorder Guard Chełm\tSenior inspector\t{sexes[i % 5]}\tofficer{i:02d}@strazgraniczna.invalid"
        for i in range(1, n + 1)
    ]


def test_pasting_25_participants_with_one_bad_row_imports_nothing_and_names_the_row(
    trainer: User, make_event: Callable[..., TrainingEvent], login_as: Callable[[User], Client]
) -> None:
    event = make_event()
    lines = ["Name\tOrganisation\tPosition\tSex\tE-mail", *_officers(25)]
    lines[18] = lines[18].replace("@strazgraniczna.invalid", "-at-strazgraniczna")  # row 19: not an e-mail
    client = login_as(trainer)
    page = client.post(
        reverse("training:participants_bulk", args=[event.pk]), {"action": "list", "pasted": "\n".join(lines)}
    ).content.decode()
    assert "nobody was added" in page
    assert "<td>19</td><td>e-mail</td><td>This is not an e-mail address.</td>" in page
    assert not Participant.objects.filter(event=event).exists()

    lines[18] = lines[18].replace("-at-strazgraniczna", "@strazgraniczna.invalid")
    response = client.post(
        reverse("training:participants_bulk", args=[event.pk]),
        {"action": "list", "pasted": "\n".join(lines)},
        follow=True,
    )
    assert "25 participants added." in response.content.decode()
    people = list(Participant.objects.filter(event=event).order_by("id"))
    assert len(people) == 25
    assert people[0].full_name == "Officer 01" and people[0].sex == "male"
    assert people[1].sex == "female" and people[3].sex == "unknown"  # "K" and ""


def test_an_uploaded_xlsx_list_is_added_and_a_repeated_email_is_refused(
    trainer: User, make_event: Callable[..., TrainingEvent], login_as: Callable[[User], Client]
) -> None:
    from openpyxl import Workbook

    event = make_event()
    wb = Workbook()
    ws = wb.active
    ws.append(["Imię i nazwisko", "Organizacja", "Stanowisko", "Płeć", "E-mail"])
    ws.append(["Anna Nowak", "Straż Graniczna", "Kapitan", "kobieta", "anna@sg.invalid"])
    ws.append(["Jan Kowalski", "Policja", "", "mężczyzna", "ANNA@sg.invalid"])
    buf = io.BytesIO()
    wb.save(buf)
    upload = SimpleUploadedFile("list.xlsx", buf.getvalue())
    client = login_as(trainer)
    page = client.post(
        reverse("training:participants_bulk", args=[event.pk]), {"action": "list", "file": upload}
    ).content.decode()
    assert "<td>3</td><td>e-mail</td>" in page and "row 2" in page
    assert not Participant.objects.filter(event=event).exists()

    wb2 = Workbook()
    ws2 = wb2.active
    ws2.append(["Imię i nazwisko", "Organizacja", "Stanowisko", "Płeć", "E-mail"])
    ws2.append(["Anna Nowak", "Straż Graniczna", "Kapitan", "kobieta", "anna@sg.invalid"])
    buf = io.BytesIO()
    wb2.save(buf)
    client.post(
        reverse("training:participants_bulk", args=[event.pk]),
        {"action": "list", "file": SimpleUploadedFile("list.xlsx", buf.getvalue())},
    )
    anna = Participant.objects.get(event=event)
    assert (anna.full_name, anna.sex, anna.position) == ("Anna Nowak", "female", "Kapitan")


def test_staff_are_invited_together_and_an_earlier_events_list_is_copied(
    trainer: User,
    make_event: Callable[..., TrainingEvent],
    make_user: Callable[..., User],
    border_guard: Organisation,
    login_as: Callable[[User], Client],
) -> None:
    officers = [make_user(Role.LEARNER, border_guard, first_name=f"Ewa{i}", last_name="Lis") for i in range(3)]
    first = make_event()
    client = login_as(trainer)
    page = client.get(
        reverse("training:participants_bulk", args=[first.pk]), {"organisation": border_guard.pk}
    ).content.decode()
    assert "Ewa0 Lis" in page
    response = client.post(
        reverse("training:participants_bulk", args=[first.pk]),
        {"action": "staff", "user": [o.pk for o in officers]},
        follow=True,
    )
    assert "3 participants added." in response.content.decode()
    assert {p.user_id for p in first.participants.all()} == {o.pk for o in officers}

    second = make_event(title="Follow-up")
    client.post(reverse("training:participants_bulk", args=[second.pk]), {"action": "copy", "source": first.pk})
    client.post(reverse("training:participants_bulk", args=[second.pk]), {"action": "copy", "source": first.pk})
    assert second.participants.count() == 3  # copied once, never twice
