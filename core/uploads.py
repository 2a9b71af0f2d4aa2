"""Upload limits enforced while a request body streams in, and case documents recognised by content.

Django stores an upload in memory or a temporary file as it arrives and checks nothing about its
size; a view that checks ``file.size`` afterwards has already paid for the whole file (a 734 MB
SCORM zip took a worker from 170 MB to 754 MB). ``LimitedUploadHandler`` runs before Django's own
handlers and counts each file's bytes: past the limit of the view (``upload_limit``; otherwise
``CTIMS_UPLOAD_MAX_BYTES``) it passes nothing more on, so no more than the limit is ever stored.

- On a page, the form's other fields are still read and the file field gets a ``RefusedUpload``,
  which any form's file field turns into an error beside the field, so the person loses nothing
  they typed.
- On the API (``/api/``) the request is stopped there: 413 with the error shape, code
  ``file_too_large``, naming the field.

nginx's ``client_max_body_size`` refuses larger bodies before they reach CTIMS at all
(docs/production.md).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, TypeVar

import filetype
from charset_normalizer import from_bytes
from django import forms
from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .api import ApiError

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB

View = TypeVar("View", bound=Callable[..., Any])


def upload_limit(max_bytes: int) -> Callable[[View], View]:
    """View decorator: each file uploaded to this view may have at most `max_bytes`.

    An attribute, not a wrapper: ``functools.wraps`` in the view's other decorators carries it
    to the function the URL resolves to, in whatever order they are applied.
    """

    def decorate(view: View) -> View:
        view.upload_max_bytes = max_bytes  # type: ignore[attr-defined]
        return view

    return decorate


def limit_for(request: HttpRequest | None) -> int:
    """The most one file of this request may have: the view's limit, else the site's."""
    match = getattr(request, "resolver_match", None)
    view_limit = getattr(match.func, "upload_max_bytes", None) if match is not None else None
    return int(view_limit or getattr(settings, "CTIMS_UPLOAD_MAX_BYTES", None) or DEFAULT_MAX_BYTES)


def _size(n: int) -> str:
    return str(filesizeformat(n))


class RefusedUpload(UploadedFile):
    """Stands in, in ``request.FILES``, for a file that was larger than allowed; it holds no content.

    Asking its size raises the ValidationError that says so: every form FileField asks while
    cleaning, so any form, whoever wrote it, shows the message beside its file field, and no
    code can take it for a file that arrived.
    """

    def __init__(self, name: str, field_name: str, received: int, max_bytes: int, content_type: str) -> None:
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type)
        self.field_name = field_name
        self.received = received
        self.max_bytes = max_bytes

    @property  # type: ignore[override]
    def size(self) -> int:
        raise forms.ValidationError(self.message(), code="file_too_large")

    @size.setter
    def size(self, value: int | None) -> None:
        pass  # UploadedFile.__init__ sets it; this file has no size to keep

    def message(self) -> str:
        return _("The file %(name)s is %(size)s; this field accepts files up to %(limit)s.") % {
            "name": self.name, "size": _size(self.received), "limit": _size(self.max_bytes)}


class LimitedUploadHandler(FileUploadHandler):
    """Counts each file as it streams in and stores nothing past the limit (see the module docstring)."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.max_bytes = limit_for(request)
        self.received = 0
        self.refused = False

    def new_file(self, field_name: str, file_name: str, content_type: str, content_length: int | None,
                 charset: str | None = None, content_type_extra: dict[str, bytes] | None = None) -> None:
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        self.received = 0
        self.refused = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if not self.refused and self.received > self.max_bytes:
            self.refused = True
            request = self.request
            if request is not None and request.path.startswith("/api/"):
                raise ApiError(413, "file_too_large", _(
                    "The file sent in the field '%(field)s' is larger than %(limit)s, the most it accepts.") % {
                    "field": self.field_name, "limit": _size(self.max_bytes)})
        return None if self.refused else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.refused:
            return None  # Django's own handlers hold the file
        return RefusedUpload(self.file_name or "", self.field_name or "", self.received, self.max_bytes,
                             self.content_type or "")


# What a case file needs, by content: scans and letters (PDF), photos of documents (JPEG, PNG, and
# HEIC, which iPhones take), office documents in today's formats (DOCX, XLSX, ODT, ODS) and plain
# text. Not: executables, archives, HTML or SVG (they run code when opened), legacy .doc/.xls
# (macro carriers; save them as PDF or DOCX).
CASE_DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/heic": "HEIC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "text/plain": "TXT",
}
_SNIFF_BYTES = 8192  # filetype reads at most this much; text is judged on its first 64 KB
_TEXT_BYTES = 65536


_MARKUP = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe")


def _looks_like_text(head: bytes) -> bool:
    """Plain text: no NUL bytes, a readable encoding, and not markup (HTML, SVG or XML run or
    load things when opened, so they are not 'plain text' however they are named)."""
    if not head or b"\x00" in head:
        return False
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(start.startswith(tag) for tag in _MARKUP) or b"<script" in head.lower():
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut at the end of the sample
            return from_bytes(head).best() is not None
    return True


def case_document_type(upload: File) -> str | None:
    """The MIME type of `upload` judged by its content, if it is one CASE_DOCUMENT_TYPES allows."""
    upload.seek(0)
    head = upload.read(_TEXT_BYTES)
    upload.seek(0)
    kind = filetype.guess(head[:_SNIFF_BYTES])
    if kind is not None:
        mime = "image/heic" if kind.mime in ("image/heic", "image/heif") else kind.mime
        return mime if mime in CASE_DOCUMENT_TYPES else None
    return "text/plain" if _looks_like_text(head) else None


class CaseDocumentField(forms.FileField):
    """A document for a case file: one of CASE_DOCUMENT_TYPES by its content, whatever its name
    says; the content type stored with it is the one found, not the one the browser sent."""

    default_help_text = gettext_lazy("PDF, a photo (JPEG, PNG, HEIC), DOCX, XLSX, ODT, ODS or plain text.")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", self.default_help_text)
        super().__init__(**kwargs)

    def to_python(self, data: Any) -> Any:
        upload = super().to_python(data)
        if upload is None:
            return upload
        mime = case_document_type(upload)
        if mime is None:
            raise forms.ValidationError(
                _("%(name)s is not a PDF, a photo (JPEG, PNG, HEIC), a DOCX, XLSX, ODT or ODS document or plain "
                  "text, whatever its name says. Save it as PDF and upload it again.") % {"name": upload.name},
                code="document_type")
        if isinstance(upload, UploadedFile):
            upload.content_type = mime
        return upload
