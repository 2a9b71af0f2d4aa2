"""Uploading a SCORM package: the manifest is checked and each problem is named; nothing is kept
from a package that cannot be used; multi-SCO packages are accepted with a clear warning."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from training.models import Course

from .scorm_packages import MANIFEST_12, scorm12, zip_of

pytestmark = pytest.mark.django_db


def _upload(client: Client, data: bytes) -> str:
    response = client.post(
        reverse("training:scorm_upload"),
        {
            "package": SimpleUploadedFile("course.zip", data, content_type="application/zip"),
            "family": "outsourced",
            "language": "pl",
            "pass_mark": 80,
            "title": "",
        },
        follow=True,
    )
    return response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip", "not a zip archive"),
        (zip_of({"course/imsmanifest.xml": "<manifest/>"}), "imsmanifest.xml is missing from the top level"),
        (zip_of({"imsmanifest.xml": MANIFEST_12.format(items="", resources="")}), "declares no SCO"),
        (
            zip_of(
                {
                    "imsmanifest.xml": MANIFEST_12.format(
                        items='<item identifier="i1" identifierref="r1"/>',
                        resources='<resource identifier="r1" adlcp:scormtype="sco" href="start.html">'
                        '<file href="start.html"/>'
                        '<file href="media/intro.mp4"/></resource>',
                    )
                }
            ),
            "The launch file start.html",
        ),
        (scorm12(files={"../evil.html": "x"}), "unsafe file paths"),
        (
            zip_of(
                {
                    "imsmanifest.xml": MANIFEST_12.format(
                        items='<item identifier="i1" identifierref="r1"/>',
                        resources='<resource identifier="r1" adlcp:scormtype="sco" href="a.html"><file href="a.html"/>'
                        '<file href="media/intro.mp4"/></resource>',
                    ),
                    "a.html": "x",
                }
            ),
            "missing from the package: media/intro.mp4",
        ),
    ],
)
def test_a_broken_package_is_refused_with_a_reason(
    trainer: User, login_as: Callable[[User], Client], data: bytes, message: str
) -> None:
    page = _upload(login_as(trainer), data)
    assert "The package cannot be used" in page
    assert message in page
    assert not Course.objects.exists()


def test_a_multi_sco_package_is_accepted_with_every_sco_to_play(
    trainer: User, login_as: Callable[[User], Client]
) -> None:
    _upload(login_as(trainer), scorm12(scos=3))
    course = Course.objects.get()
    assert course.scorm_package.launch_path == "sco1/index.html"
    assert course.scorm_package.sco_count == 3
    assert [s["href"] for s in course.scorm_package.scos] == ["sco1/index.html", "sco2/index.html", "sco3/index.html"]


def test_a_package_over_the_limit_is_refused_as_it_arrives_and_the_form_is_kept(
    trainer: User, login_as: Callable[[User], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    from training import scorm, views

    assert views.scorm_upload.upload_max_bytes == scorm.MAX_UPLOAD_BYTES  # type: ignore[attr-defined]
    monkeypatch.setattr(views.scorm_upload, "upload_max_bytes", 64 * 1024)  # a 500 MB zip, scaled down
    video = bytes(range(256)) * 1024  # 256 KB that does not compress
    response = login_as(trainer).post(
        reverse("training:scorm_upload"),
        {
            "package": SimpleUploadedFile("course.zip", scorm12(files={"sco1/intro.mp4": video})),
            "family": "outsourced",
            "language": "pl",
            "pass_mark": 80,
            "title": "Outsourced work",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Course.objects.exists()
    assert "SCORM package (.zip): The file course.zip is 25" in page  # 257 KB, in the summary naming the field
    assert "this field accepts files up to 64.0\xa0KB." in page
    assert 'value="Outsourced work"' in page
