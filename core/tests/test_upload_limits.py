"""An upload larger than allowed is counted as it streams in and never stored whole: on a page the
form keeps its other fields and the file field says why; on the API the request stops at the limit
with 413 and the error shape."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test import Client, RequestFactory

from accounts.models import User
from accounts.roles import Role
from core.api import ApiError
from core.uploads import LimitedUploadHandler, RefusedUpload

MB = 1024 * 1024
BOUNDARY = "ctimsboundary"


def _body(file_bytes: int) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nPassport scan\r\n'.encode(),
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode() + b"%PDF-1.7\n" + b"x" * file_bytes + b"\r\n",
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\ntyped after the file\r\n'.encode(),
        f"--{BOUNDARY}--\r\n".encode(),
    ]
    return b"".join(parts)


class Recorder(FileUploadHandler):
    """Stands where Django's own handlers stand: counts what it would have stored."""

    stored = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        Recorder.stored += len(raw_data)
        return None

    def file_complete(self, file_size: int) -> None:
        return None


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.consumed = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.consumed += len(chunk)
        return chunk


def _parse(path: str, body: bytes, stream: io.BytesIO) -> tuple[Any, Any]:
    request = RequestFactory().post(path, data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
    Recorder.stored = 0
    handlers = [LimitedUploadHandler(request), Recorder(request)]
    return MultiPartParser(request.META, stream, handlers, "utf-8").parse()


def test_a_page_upload_over_the_limit_stores_no_more_than_the_limit_and_keeps_the_other_fields(
    settings: Any,
) -> None:
    settings.CTIMS_UPLOAD_MAX_BYTES = 1 * MB
    body = _body(8 * MB)
    post, files = _parse("/protection/cases/1/documents/", body, io.BytesIO(body))
    refused = files["file"]
    assert isinstance(refused, RefusedUpload) and refused.field_name == "file"
    assert refused.received > 8 * MB and refused.read() == b""
    with pytest.raises(ValidationError) as asked:
        refused.size  # noqa: B018 - what every form's FileField asks first
    assert asked.value.messages == ["The file scan.pdf is 8.0\xa0MB; this field accepts files up to 1.0\xa0MB."]
    assert Recorder.stored <= 1 * MB  # the next handler never got past the limit
    assert post["title"] == "Passport scan" and post["note"] == "typed after the file"


def test_an_upload_under_the_limit_reaches_djangos_handlers_untouched(settings: Any) -> None:
    settings.CTIMS_UPLOAD_MAX_BYTES = 1 * MB
    body = _body(200_000)
    request = RequestFactory().post("/x/", data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
    handlers = [LimitedUploadHandler(request), MemoryFileUploadHandler(request)]
    _post, files = MultiPartParser(request.META, io.BytesIO(body), handlers, "utf-8").parse()
    uploaded: Any = files["file"]
    assert uploaded.read() == b"%PDF-1.7\n" + b"x" * 200_000


def test_an_api_upload_over_the_limit_is_stopped_at_the_limit(settings: Any) -> None:
    settings.CTIMS_UPLOAD_MAX_BYTES = 1 * MB
    body = _body(50 * MB)
    stream = CountingStream(body)
    with pytest.raises(ApiError) as refused:
        _parse("/api/v1/protection/imports", body, stream)
    assert refused.value.status_code == 413 and refused.value.code == "file_too_large"
    assert "file" in str(refused.value)
    assert stream.consumed < 2 * MB  # the other 48 MB were never read


def test_the_api_answers_413_with_the_error_shape(
    settings: Any, make_user: Callable[..., User], login_as: Callable[[User], Client]
) -> None:
    settings.CTIMS_UPLOAD_MAX_BYTES = 1 * MB
    client = login_as(make_user(Role.CASE_WORKER))
    response = client.post(
        "/api/v1/protection/imports", data=_body(3 * MB), content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "file_too_large"
    assert error["message"] == "The file sent in the field 'file' is larger than 1.0\xa0MB, the most it accepts."
