"""An organisation's administrator uploads its logo on the organisation settings page; a file that is not a PNG
or JPEG picture, whatever its name, is refused with a message beside the field, and nothing is stored; other
roles cannot change it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import Organisation
from accounts.roles import Role
from audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def picture(kind: str = "PNG", size: tuple[int, int] = (300, 120), colour: str = "#0033a0") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=kind)
    return out.getvalue()


def upload(client, name: str, content: bytes, content_type: str = "image/png"):
    return client.post(reverse("accounts:organisation_settings"),
                       {"logo": SimpleUploadedFile(name, content, content_type=content_type)})


def test_the_administrator_uploads_a_logo_and_sees_it_on_the_settings_page(client, make_user, iom):
    admin = make_user(Role.ADMINISTRATOR, iom)
    client.force_login(admin)
    page = client.get(reverse("accounts:organisation_settings")).content.decode()
    assert "No logo yet" in page

    answer = upload(client, "iom.jpg", picture("JPEG", (1600, 640)), "image/jpeg")
    assert answer.status_code == 302
    iom.refresh_from_db()
    stored = Path(settings.MEDIA_ROOT) / iom.logo.name
    assert iom.logo.name.startswith("accounts/logos/") and stored.is_file()
    with Image.open(stored) as kept:  # re-encoded as a PNG that fits in 800 × 800, proportions kept
        assert (kept.format, kept.size) == ("PNG", (800, 320))
    assert AuditEvent.objects.filter(actor=admin, action=Action.UPDATE, object_type="accounts.organisation",
                                     object_id=str(iom.pk), fields=["logo"]).count() == 1

    page = client.get(reverse("accounts:organisation_settings")).content.decode()
    assert reverse("accounts:organisation_logo") in page and "No logo yet" not in page
    served = client.get(reverse("accounts:organisation_logo"))
    assert served["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(served.content)).size == (800, 320)

    # replacing it leaves one file, the new one
    assert upload(client, "iom-2.png", picture()).status_code == 302
    iom.refresh_from_db()
    assert not stored.exists() and (Path(settings.MEDIA_ROOT) / iom.logo.name).is_file()
    # and removing it leaves none
    client.post(reverse("accounts:organisation_settings"), {"action": "remove_logo"})
    assert Organisation.objects.get(pk=iom.pk).logo.name == ""


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("logo.png", b"IOM Poland - our logo\n", "image/png"),  # a text file named .png
    ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/png"),
    ("logo.gif", picture("GIF"), "image/gif"),  # a real picture, but not one of the two formats
    ("logo.png", picture()[:200], "image/png"),  # a PNG cut short
])
def test_a_file_that_is_not_a_png_or_jpeg_picture_gets_an_error_beside_the_field(
        client, make_user, iom, name, content, content_type):
    client.force_login(make_user(Role.ADMINISTRATOR, iom))
    answer = upload(client, name, content, content_type)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "There is a problem" in page
    assert f"{name} is not a PNG or JPEG picture, whatever its name says." in page
    assert 'id="id_logo-error"' in page
    assert Organisation.objects.get(pk=iom.pk).logo.name == ""
    assert not AuditEvent.objects.filter(action=Action.UPDATE, object_type="accounts.organisation").exists()


def test_a_logo_over_the_size_limit_is_refused_while_it_arrives(client, make_user, iom):
    client.force_login(make_user(Role.ADMINISTRATOR, iom))
    noise = Image.frombytes("RGB", (1000, 1000), (bytes(range(256)) * 11719)[:3_000_000])
    out = io.BytesIO()
    noise.save(out, format="PNG", compress_level=0)
    assert len(out.getvalue()) > 2 * 1024 * 1024
    page = upload(client, "huge.png", out.getvalue()).content.decode()
    assert "this field accepts files up to 2.0" in page
    assert Organisation.objects.get(pk=iom.pk).logo.name == ""


def test_only_an_administrator_of_the_organisation_changes_its_logo(client, make_user, iom):
    client.force_login(make_user(Role.TRAINER, iom))
    assert client.get(reverse("accounts:organisation_settings")).status_code == 403
    assert upload(client, "logo.png", picture()).status_code == 403
    assert Organisation.objects.get(pk=iom.pk).logo.name == ""
    client.force_login(make_user(Role.ADMINISTRATOR, iom))
    nav = client.get(reverse("core:home")).content.decode()
    assert reverse("accounts:organisation_settings") in nav
