"""A participant's position and feedback comment are ciphertext at rest; the trainer still reads them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection

from accounts.models import User
from training import services
from training.models import TrainingEvent


def test_position_and_comment_are_encrypted_and_the_results_page_lists_only_written_comments(
        trainer: User, make_event: Callable[..., TrainingEvent], login_as: Any) -> None:
    event = make_event()
    quiet = services.add_participant(trainer, event, full_name="Ivan Petrenko", organisation_name="UMA")
    talker = services.add_participant(trainer, event, full_name="Oksana Bondarenko", organisation_name="UMA",
                                      position="Labour inspector, Chełm office")
    services.submit_feedback(trainer, quiet, 4, 4, 4)
    services.submit_feedback(trainer, talker, 5, 5, 5, comment="More cases from the Chełm office, please")

    with connection.cursor() as cursor:
        cursor.execute("SELECT position FROM training_participant WHERE id = %s", [talker.pk])
        position = cursor.fetchone()[0]
        cursor.execute("SELECT comment FROM training_feedback")
        comments = sorted(row[0] for row in cursor.fetchall())
    assert position.startswith("enc1:") and "Chełm" not in position
    assert comments[0] == "" and comments[1].startswith("enc1:")  # no comment stays empty, a comment is hidden

    client = login_as(trainer)
    results = client.get(f"/training/events/{event.pk}/results/")
    assert results.context["comments"] == ["More cases from the Chełm office, please"]
    assert "More cases from the Chełm office, please" in results.content.decode()
    detail = client.get(f"/training/participants/{talker.pk}/").content.decode()
    assert "Labour inspector, Chełm office" in detail
