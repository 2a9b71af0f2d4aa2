"""Serving the files of an uploaded SCORM package so that its scripts cannot act as the learner.

A package is a trainer's code and runs in every learner's browser, staff included. Its files are
served sandboxed (``core.csp.package_policy``: ``sandbox`` without ``allow-same-origin``), so each
of its documents has an opaque origin: its scripts cannot read CTIMS pages, API answers, cookies
or storage, nor reach into the player page. Such a document sends no usable session, so the URL
itself carries the right to read the files: a signed token naming the package and the learner.

SCORM content looks for ``API`` / ``API_1484_11`` on its own window and its parents; the parent is
out of reach from an opaque origin, so every HTML document of the package gets three tags written
at the top of its ``<head>``: a JSON block with the values the attempt resumes from, scorm-again's
``CrossFrameAPI`` and ``training/scorm-frame.js``, which together answer the package synchronously
from that cache and relay every call to the player page (``training/scorm-player.js``) by
``postMessage``; the player checks where each message comes from and commits as before.

Optionally (``CTIMS_SCORM_CONTENT_ORIGIN``, docs/production.md) the files come from a host name of
their own instead: that origin is already foreign to CTIMS's pages, cookies and API, so the sandbox
there also allows same-origin, and packages that need their own storage, service workers or
scripting between their own frames work too.
"""

from __future__ import annotations

import mimetypes
import re
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, json_script

from accounts.models import User
from core import csp

from . import scorm, selectors
from .models import Enrolment, ScormPackage

TOKEN_SALT = "training.scorm.files"  # noqa: S105 - a signing salt, not a secret
# As long as the longest session (12 hours absolute): a token cannot outlive the sign-in it came from by more.
TOKEN_MAX_AGE = 12 * 3600
BRIDGE_ID = "ctims-scorm-bridge"
# The opaque origin of a sandboxed document, as `MessageEvent.origin` reports it to the player.
SANDBOXED_ORIGIN = "null"

_HEAD = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
_HTML = re.compile(rb"<html(?:\s[^>]*)?>", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!doctype[^>]*>", re.IGNORECASE)


def content_origin() -> str:
    """The separate origin package files are served from (``https://host``), or "" for CTIMS's own."""
    return str(getattr(settings, "CTIMS_SCORM_CONTENT_ORIGIN", "") or "").strip().rstrip("/")


def sandbox_flags() -> tuple[str, ...]:
    """The package's sandbox: an opaque origin on CTIMS's host; its own origin on a content host."""
    return (*csp.PACKAGE_SANDBOX, "allow-same-origin") if content_origin() else csp.PACKAGE_SANDBOX


def files_token(package: ScormPackage, user: User, player_origin: str, session_key: str = "", sco: str = "") -> str:
    """The signed part of a package file URL that lets `user` read `package`'s files; it also
    carries the origin of the player page, the only window the runtime's messages may go to, and
    the learning session (one visit of the player) its time counts toward."""
    return signing.dumps([package.pk, user.pk, player_origin, session_key, sco], salt=TOKEN_SALT)


EXIT_SALT = "training.scorm.exit"


def exit_token(enrolment_id: int, user_id: int, session_key: str, sco: str = "") -> str:
    """Lets a package document send what its SCO set when it is unloaded (a beacon from an opaque origin carries
    no cookie): the right to write this one enrolment's cmi values in this session, which is exactly what the
    package may already do through the runtime bridge, nothing more."""
    return signing.dumps([enrolment_id, user_id, session_key, sco], salt=EXIT_SALT)


def read_exit_token(token: str) -> tuple[int, int, str, str] | None:
    try:
        enrolment_id, user_id, session_key, *rest = signing.loads(token, salt=EXIT_SALT, max_age=TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return int(enrolment_id), int(user_id), str(session_key), str(rest[0]) if rest else ""


def _read_token(token: str, package_id: int) -> tuple[User, str, str, str] | None:
    try:
        signed_package, user_id, player_origin, *rest = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if signed_package != package_id or user is None:
        return None
    return user, str(player_origin), str(rest[0]) if rest else "", str(rest[1]) if len(rest) > 1 else ""


def _on_files_host(request: HttpRequest) -> bool:
    """Package files only on the content host when there is one, and only there."""
    origin = content_origin()
    return not origin or origin.split("://", 1)[-1] == request.get_host()


def _may_read(user: User, package: ScormPackage) -> bool:
    return (
        selectors.my_enrolments(user).filter(course=package.course).exists()
        or selectors.courses_managed_by(user).filter(pk=package.course_id).exists()
    )


def initial_values(package: ScormPackage, user: User, sco: str = "") -> dict[str, str]:
    """What the runtime starts from: the learner's suspended attempt, if any (`scorm.resume_values`); in a
    package of several SCOs, that SCO's own data."""
    enrolment = Enrolment.objects.filter(user=user, course=package.course).select_related("scorm").first()
    runtime = getattr(enrolment, "scorm", None) if enrolment else None
    cmi = runtime.cmi if runtime else {}
    if runtime is not None and len(package.scos) > 1 and sco:
        cmi = runtime.sco_cmi.get(sco, {})
    return scorm.resume_values(package.version, cmi, str(user.pk), user.get_full_name() or user.get_username())


def bridge_tags(version: str, parent_origin: str, initial: dict[str, str], exit_url: str = "") -> bytes:
    """The tags written into a package's HTML: the data block, then the two scripts that use it."""
    data: dict[str, Any] = {"version": version, "origin": parent_origin, "initial": initial, "exitUrl": exit_url}
    html = json_script(data, BRIDGE_ID) + format_html(
        '<script src="{}"></script><script src="{}"></script>',
        static("vendor/scorm-again/cross-frame-api.min.js"),
        static("training/scorm-frame.js"),
    )
    return html.encode("ascii")  # json_script escapes every non-ASCII character


def inject(document: bytes, tags: bytes) -> bytes:
    """`tags` as the first thing the browser runs in `document`: right after <head>, else after
    <html> or the doctype, else at the very start (a fragment the browser wraps itself)."""
    for pattern in (_HEAD, _HTML, _DOCTYPE):
        match = pattern.search(document)
        if match:
            return document[: match.end()] + tags + document[match.end() :]
    bom = b"\xef\xbb\xbf" if document.startswith(b"\xef\xbb\xbf") else b""
    return bom + tags + document[len(bom) :]


def serve(request: HttpRequest, package_id: int, token: str, path: str) -> HttpResponseBase:
    """One file of a package, for the learner (or course manager) the token was made for."""
    signed = _read_token(token, package_id) if _on_files_host(request) else None
    package = ScormPackage.objects.filter(pk=package_id).select_related("course").first()
    if signed is None or package is None or not _may_read(signed[0], package):
        raise Http404
    user, player_origin, session_key, sco = signed
    root = (settings.MEDIA_ROOT / package.storage_dir).resolve()
    target = (root / path).resolve()
    if not str(target).startswith(str(root) + "/") or not target.is_file():
        raise Http404
    content_type = mimetypes.guess_type(str(target))[0] or "application/octet-stream"
    response: HttpResponseBase
    if content_type == "text/html":
        exit_url = ""
        enrolment = Enrolment.objects.filter(user=user, course=package.course).first()
        if enrolment is not None and session_key:
            exit_url = (content_origin() and player_origin) + reverse(
                "training:scorm_exit", args=[enrolment.pk, exit_token(enrolment.pk, user.pk, session_key, sco)]
            )
        tags = bridge_tags(package.version, player_origin, initial_values(package, user, sco), exit_url)
        response = HttpResponse(inject(target.read_bytes(), tags), content_type=content_type)
        response["Cache-Control"] = "no-store, private"  # it carries the learner's resume values
    else:
        response = FileResponse(open(target, "rb"), content_type=content_type)  # noqa: SIM115 - FileResponse closes it
        response["Cache-Control"] = "private, max-age=3600"
    response[csp.HEADER] = csp.package_policy(sandbox_flags())
    response.xframe_options_exempt = True  # type: ignore[union-attr]  # see core.csp.package_policy
    return response
