"""An organisation's logo, printed on its certificates: a PNG or JPEG picture checked by its content (Pillow),
never SVG (which can run code) nor anything merely named .png, and stored re-encoded as a bounded PNG.

Re-encoding drops whatever else the file carried (metadata, trailing bytes) and gives the PDF writer one format
it always reads; the size limit is enforced while the upload streams in (core.uploads) and again here."""

from __future__ import annotations

import io
import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from core import storage

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000  # pixels of the upload; larger is a poster, not a logo (and a decompression risk)
STORED_SIDE = 800  # the stored PNG fits in this square: sharp at 18 mm high on a printed A4 page
FORMATS = {"PNG", "JPEG"}
UPLOAD_TO = "accounts/logos"


class InvalidLogo(ValueError):
    """The bytes are not a PNG or JPEG picture that CTIMS can print."""


def _not_a_picture(name: str) -> str:
    return _("%(name)s is not a PNG or JPEG picture, whatever its name says. Save the logo as PNG and upload it "
             "again.") % {"name": name}


def normalised_png(content: bytes, name: str = "") -> bytes:
    """`content` re-encoded as a PNG of at most STORED_SIDE pixels a side; InvalidLogo with a message to show
    when it is not a PNG or JPEG picture, is too large, or is damaged."""
    if len(content) > MAX_BYTES:
        raise InvalidLogo(_("The logo is %(size)s; upload one of at most %(limit)s.") % {
            "size": filesizeformat(len(content)), "limit": filesizeformat(MAX_BYTES)})
    try:
        with Image.open(io.BytesIO(content)) as probe:
            kind, (width, height) = probe.format, probe.size
            probe.verify()  # a damaged or truncated file fails here, before it is decoded in full
        if kind not in FORMATS:
            raise InvalidLogo(_not_a_picture(name))
        if width > MAX_SIDE or height > MAX_SIDE:
            raise InvalidLogo(_("The logo is too large: %(width)s × %(height)s. Upload one no larger than "
                                "%(max)s × %(max)s.") % {"width": width, "height": height, "max": MAX_SIDE})
        with Image.open(io.BytesIO(content)) as picture:
            upright = ImageOps.exif_transpose(picture)
            has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
            upright = upright.convert("RGBA" if has_alpha else "RGB")
            upright.thumbnail((STORED_SIDE, STORED_SIDE))
            out = io.BytesIO()
            upright.save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise InvalidLogo(_not_a_picture(name)) from exc
    return out.getvalue()


def store(png: bytes) -> str:
    """Write the PNG whole or not at all under MEDIA_ROOT; the storage name for the ImageField.

    storage.StorageFullError when the disk is full (nothing is left behind)."""
    name = f"{UPLOAD_TO}/{uuid.uuid4().hex}.png"
    storage.write_whole(Path(settings.MEDIA_ROOT) / name, png)
    return name


def remove(name: str) -> None:
    """Delete a replaced logo's file, if it is one of ours."""
    if name.startswith(UPLOAD_TO + "/"):
        (Path(settings.MEDIA_ROOT) / name).unlink(missing_ok=True)


class LogoField(forms.FileField):
    """A logo upload: the error beside the field says why a file is refused (not a picture, too large)."""

    default_help_text = gettext_lazy("A PNG or JPEG picture of up to 2 MB, ideally on a white or transparent "
                                     "background. It is printed at the top of your certificates.")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", self.default_help_text)
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": "image/png,image/jpeg"}))
        super().__init__(**kwargs)

    def to_python(self, data: Any) -> Any:
        upload = super().to_python(data)  # a file over the streaming limit fails here with its own message
        if upload is None:
            return None
        upload.seek(0)
        content = upload.read(MAX_BYTES + 1)
        upload.seek(0)
        try:
            normalised_png(content, upload.name or "")  # the service stores its own re-encoding
        except InvalidLogo as exc:
            raise forms.ValidationError(str(exc), code="invalid_logo") from exc
        if isinstance(upload, UploadedFile):
            upload.content_type = "image/png"
        return upload
