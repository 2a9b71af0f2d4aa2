"""Lockout after repeated failed sign-ins, kept by django-axes.

Axes counts failures per username *and* address (``AXES_LOCKOUT_PARAMETERS``): five wrong passwords
sent from one address lock that pairing only, so nobody can lock a colleague out from elsewhere and
the real user still signs in from their own address. On top, a ceiling per address
(``CTIMS_LOCKOUT_MAX_FAILURES_PER_IP``, over axes' own records) stops one address trying password
after password across many accounts. Both clear ``AXES_COOLOFF_TIME`` after the last failure.
Wrong second-factor codes count like wrong passwords (they are reported to axes as failed sign-ins).
"""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from audit.models import Action
from audit.services import record
from core.middleware import client_ip

LOCKED_OUT_MESSAGE = gettext_lazy(
    "Too many failed attempts. Wait 15 minutes or ask your organisation's administrator to unlock the account.")
ADDRESS_LOCKED_OUT_MESSAGE = gettext_lazy(
    "Too many failed sign-ins from this network. Wait 15 minutes and try again.")


def username_key(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The username axes counts under (``AXES_USERNAME_CALLABLE``): usernames sign in whatever
    their letter case, so "Michal" and "michal" must share one count."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    return str(username).strip().lower()[:255] if username else None


def client_str(username: str | None, ip_address: str | None, user_agent: str | None, path_info: object,
               request: HttpRequest | None) -> str:
    """How axes names a client in its log lines (``AXES_CLIENT_STR_CALLABLE``): the path only,
    since usernames and addresses are personal data and stay out of logs (the audit log has them)."""
    path = path_info[0] if isinstance(path_info, (tuple, list)) else path_info
    return f"{{path_info: {path!s}}}"


def _credentials(username: str) -> dict[str, str]:
    return {"username": username}


def _address_failures(ip: str) -> int:
    """Failures from one address in the cool-off window, whatever the username. A later success
    clears only that user's own pairing, so one valid account cannot be used to go on spraying."""
    since = timezone.now() - (get_cool_off() or settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start"))["n"]
    return int(total or 0)


def refusal(request: HttpRequest, username: str) -> str | None:
    """Why a sign-in as ``username`` from this request's address is refused right now, or None.

    The two messages differ: an administrator can unlock an account, not an address.
    """
    if AxesProxyHandler.is_locked(request, _credentials(username)):
        return str(LOCKED_OUT_MESSAGE)
    ip = client_ip(request)
    if ip is not None and _address_failures(ip) >= settings.CTIMS_LOCKOUT_MAX_FAILURES_PER_IP:
        return str(ADDRESS_LOCKED_OUT_MESSAGE)
    return None


def record_failure(request: HttpRequest, username: str) -> None:
    """Count a failure that Django's ``authenticate`` did not see (a wrong second-factor code, an
    account of a closed organisation): axes listens to the same signal."""
    user_login_failed.send(sender=__name__, credentials=_credentials(username), request=request)


def clear_pair(request: HttpRequest, username: str) -> None:
    """A full sign-in (both factors, web or API) clears the failures of this username from this
    address, and only those: the address's failures on other accounts still count to its ceiling."""
    ip = client_ip(request)
    if ip is not None:
        reset(ip=ip, username=username_key(None, _credentials(username)))


def is_locked_anywhere(username: str) -> bool:
    """Whether ``username`` is locked from at least one address (for the administrator's page)."""
    since = timezone.now() - (get_cool_off() or settings.AXES_COOLOFF_TIME)
    per_address = (AccessAttempt.objects.filter(username=username_key(None, _credentials(username)),
                                                attempt_time__gte=since)
                   .values("ip_address").annotate(n=Sum("failures_since_start")))
    return any(row["n"] >= settings.AXES_FAILURE_LIMIT for row in per_address)


def unlock(username: str) -> int:
    """Forget every failure of ``username`` (from every address); returns how many records went."""
    return reset(username=username_key(None, _credentials(username)))


@receiver(user_locked_out)
def _audit_lockout(sender: object, request: HttpRequest | None = None, username: str | None = None,
                   **kwargs: Any) -> None:
    """The moment a username-and-address pair locks: a security event in the owner's audit log."""
    from .models import User

    known = User.objects.filter(username__iexact=username).first() if username else None
    record(None, Action.LOGIN_FAILED, known, object_type="accounts.user",
           organisation_id=known.organisation_id if known else None, reason="lockout started")
