"""What an officer notes about a person or vehicle seen (nationality, language, make, colour) is ciphertext at rest
and reads back on the observation page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection

from accounts.models import User
from intake.models import Mention
from intake.services import MentionInput


def test_a_mentions_descriptions_are_encrypted_and_shown_to_the_officer(
        field_officer: User, log_observation: Callable[..., Any], login_as: Any) -> None:
    observation = log_observation(field_officer, mentions=[
        MentionInput("person", "Szewczenko", nationality="Moldovan", language="Romanian"),
        MentionInput("vehicle", "LU 12345", country="PL", make="Opel Vivaro", colour="cherry red"),
    ])
    with connection.cursor() as cursor:
        cursor.execute("SELECT nationality, language, make, colour, country FROM intake_mention")
        stored = cursor.fetchall()
    plain = " ".join(str(v) for row in stored for v in row if not str(v).startswith("enc1:"))
    assert "Moldovan" not in plain and "Romanian" not in plain and "Opel" not in plain and "cherry" not in plain
    assert "PL" in plain  # the plate's country is a code, kept plain
    assert Mention.objects.get(kind="vehicle").make == "Opel Vivaro"

    page = login_as(field_officer).get(f"/intake/observations/{observation.pk}/").content.decode()
    assert "Moldovan" in page and "Romanian" in page and "Opel Vivaro" in page and "cherry red" in page
