"""Session limits: 30 minutes idle and 12 hours absolute, checked on every request.

The session is written back only when something in it changed or when the last write is more than
`CTIMS_SESSION_TOUCH_SECONDS` (60 s) old, not on every request (SESSION_SAVE_EVERY_REQUEST is off): a page
view of a signed-in user costs no UPDATE of the session row. The idle limit is therefore kept to within
that minute, and the row's own expiry (SESSION_COOKIE_AGE from its last write) never ends a session the
idle check would keep for longer than that minute.

It also keeps the session-to-user map current (the key changes at sign-in and at a
password change), so that deactivating a user can end every one of their sessions.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

LOGIN_AT = "ctims_login_at"
LAST_SEEN = "ctims_last_seen"
TRACKED_KEY = "ctims_tracked_key"


class SessionLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            login_at = request.session.get(LOGIN_AT, now)
            last_seen = request.session.get(LAST_SEEN, now)
            too_old = now - login_at > settings.CTIMS_SESSION_ABSOLUTE_SECONDS
            if too_old or now - last_seen > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(request, _("Your session ended. Please sign in again."))
            else:
                if LOGIN_AT not in request.session:
                    request.session[LOGIN_AT] = login_at
                if LAST_SEEN not in request.session or now - last_seen >= settings.CTIMS_SESSION_TOUCH_SECONDS:
                    request.session[LAST_SEEN] = now  # marks the session modified: written once a minute
        response = self.get_response(request)
        self._track(request)
        return self._htmx_sign_in(request, response)

    @staticmethod
    def _htmx_sign_in(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """An htmx request whose session ended would otherwise swap the sign-in page into a
        fragment of the page; tell htmx to load the sign-in page as a whole page instead."""
        if request.headers.get("HX-Request") and response.status_code == 302 and \
                response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL)):
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = response["Location"]
            return redirect
        return response

    @staticmethod
    def _track(request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is None or session is None or not user.is_authenticated:
            return
        key = session.session_key
        # only the session's own user (an API call with a bearer token may carry someone's cookie)
        if key and session.get(TRACKED_KEY) != key and session.get("_auth_user_id") == str(user.pk):
            from .services import track_session

            track_session(user, key)  # type: ignore[arg-type]
            session[TRACKED_KEY] = key
