"""The trainer types every pre- and post-test score from paper on one page and saves them in one request, or
uploads them as a file; a wrong cell saves nothing and is named by row and column."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from training import services
from training.models import Participant, TrainingEvent
from training.models import TestResult as Score

pytestmark = pytest.mark.django_db


def _workshop(
    trainer: User, make_event: Callable[..., TrainingEvent], n: int
) -> tuple[TrainingEvent, list[Participant]]:
    event = make_event()
    people = [
        services.add_participant(
            trainer, event, full_name=f"Officer {i}", organisation_name="SG", email=f"o{i}@sg.invalid"
        )
        for i in range(1, n + 1)
    ]
    return event, people


def test_the_score_grid_saves_50_scores_in_one_request(
    trainer: User,
    make_event: Callable[..., TrainingEvent],
    login_as: Callable[[User], Client],
) -> None:
    event, people = _workshop(trainer, make_event, 25)
    client = login_as(trainer)
    page = client.get(reverse("training:score_grid", args=[event.pk])).content.decode()
    assert f'name="pre-{people[0].pk}"' in page and f'name="post-{people[24].pk}"' in page
    data = {"max-pre": "20", "max-post": "20"}
    for i, p in enumerate(people):
        data[f"pre-{p.pk}"] = str(5 + i % 10)
        data[f"post-{p.pk}"] = str(10 + i % 10)
    response = client.post(reverse("training:score_grid", args=[event.pk]), data, follow=True)
    assert "50 scores saved." in response.content.decode()
    assert Score.objects.filter(participant__event=event).count() == 50
    assert Score.objects.get(participant=people[3], kind="post").score == 13

    data[f"post-{people[6].pk}"] = "21"  # above the maximum: row 7
    data[f"pre-{people[0].pk}"] = "0"
    page = client.post(reverse("training:score_grid", args=[event.pk]), data).content.decode()
    assert "<td>7</td><td>Post-test</td><td>The score is above the maximum (20).</td>" in page
    assert Score.objects.get(participant=people[0], kind="pre").score == 5  # nothing saved
    assert 'value="21"' in page  # what was typed stays on the page


def test_scores_from_a_csv_file_all_or_nothing(
    trainer: User, make_event: Callable[..., TrainingEvent], login_as: Callable[[User], Client]
) -> None:
    event, people = _workshop(trainer, make_event, 3)
    client = login_as(trainer)
    bad = "participant,pre,post,max_pre,max_post\n1,4,8,10,10\no2@sg.invalid,x,9,10,10\n9,1,1,10,10\n"
    page = client.post(
        reverse("training:score_grid", args=[event.pk]),
        {"upload": "1", "file": SimpleUploadedFile("scores.csv", bad.encode())},
    ).content.decode()
    assert "<td>3</td><td>pre</td>" in page and "<td>4</td><td>participant</td>" in page
    assert not Score.objects.exists()
    good = "participant,pre,post,max_pre,max_post\n1,4,8,10,10\no2@sg.invalid,5,9,10,10\n"
    client.post(
        reverse("training:score_grid", args=[event.pk]),
        {"upload": "1", "file": SimpleUploadedFile("scores.csv", good.encode())},
    )
    assert Score.objects.get(participant=people[1], kind="post").score == 9
    assert Score.objects.filter(participant__event=event).count() == 4
