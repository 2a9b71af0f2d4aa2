"""A native course exports as a SCORM 1.2 package: a valid manifest naming every file, all present,
and a script that reports completion and score to the LMS."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from xml.etree import ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Organisation, User
from training import course_content, scorm

pytestmark = pytest.mark.django_db


def test_the_exported_package_has_a_valid_manifest_and_every_file_it_names(
    trainer: User, iom: Organisation, login_as: Callable[[User], Client]
) -> None:
    course = course_content.create_course("pl", iom)
    response = login_as(trainer).get(reverse("training:course_export", args=[course.pk]))
    assert response["Content-Type"] == "application/zip"
    data = response.content

    info = scorm.inspect_package(data)  # the same checks an upload gets
    assert info.version == "1.2" and info.launch_path == "index.html" and info.sco_count == 1

    archive = zipfile.ZipFile(io.BytesIO(data))
    root = ET.fromstring(archive.read("imsmanifest.xml"))  # noqa: S314 - our own export
    ns = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2"}
    named = {f.get("href") for f in root.iterfind(".//cp:file", ns)}
    assert named == set(archive.namelist()) - {"imsmanifest.xml"}
    assert any(n.startswith("images/") and n.endswith(".svg") for n in named)
    assert root.find(".//cp:schemaversion", ns).text == "1.2"  # type: ignore[union-attr]
    assert root.find(".//cp:organization/cp:title", ns).text == "Praca przymusowa: jak rozpoznać wskaźniki"  # type: ignore[union-attr]

    index = archive.read("index.html").decode()
    assert "Niewola za długi" in index and 'src="images/' in index
    script = archive.read("scorm.js").decode()
    assert 'LMSSetValue("cmi.core.lesson_status", passed ? "passed" : "failed")' in script
    assert 'LMSSetValue("cmi.core.score.raw"' in script
