"""Completions from another platform come in as CSV: every row is checked, errors name the row and
column, and a file with any bad row writes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from training import course_content, services
from training.models import ExternalCompletion
from training.selectors import elearning_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(iom: Organisation) -> object:
    return course_content.create_course("pl", iom)


def _post(client: Client, text: str) -> str:
    upload = SimpleUploadedFile("completions.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("training:completions_import"), {"file": upload}, follow=True).content.decode()


def test_a_file_with_one_bad_row_imports_nothing_and_names_row_and_column(
    trainer: User, course: object, login_as: Callable[[User], Client]
) -> None:
    text = (
        "learner,course,completion_date,score\n"
        "sg-00001,forced-labour-indicators,2026-09-01,88\n"
        "sg-00002,forced-labour-indicators,01/09/2026,90\n"
        "sg-00003,no-such-course,2026-09-02,\n"
        "sg-00004,forced-labour-indicators,2026-09-03,140\n"
    )
    page = _post(login_as(trainer), text)
    assert "Nothing was imported" in page
    assert "<td>3</td><td>completion_date</td>" in page
    assert "<td>4</td><td>course</td>" in page
    assert "<td>5</td><td>score</td>" in page
    assert not ExternalCompletion.objects.exists()


def test_a_clean_file_is_imported_and_counts_toward_the_elearning_target(
    trainer: User, course: object, login_as: Callable[[User], Client]
) -> None:
    text = (
        "learner,course,completion_date,score\n"
        "sg-00001,forced-labour-indicators,2026-09-01,88\n"
        "sg-00002,forced-labour-indicators,2026-09-02,\n"
    )
    page = _post(login_as(trainer), text)
    assert "2 completions imported" in page
    assert elearning_figures().completed == 2
    learner = ExternalCompletion.objects.order_by("id").first()
    assert learner is not None and learner.learner == "sg-00001" and learner.score == 88


def test_the_same_completion_cannot_be_imported_twice(trainer: User, course: object) -> None:
    text = "learner,course,completion_date,score\nsg-1,forced-labour-indicators,2026-09-01,70\n"
    assert services.import_completions(trainer, text) == (1, [])
    count, errors = services.import_completions(trainer, text)
    assert count == 0 and errors[0][:2] == (2, "learner")


def test_a_file_without_the_expected_header_is_refused(trainer: User, course: object) -> None:
    count, errors = services.import_completions(trainer, "name,date\nx,2026-01-01\n")
    assert count == 0 and errors[0][0] == 1 and "learner" in errors[0][1]
