"""Notifications: the one `notify()` that modules call from the service function doing the write.

`notify(recipients, kind, obj)` stores an in-app notification for each recipient (never the actor),
and for those who chose that kind by e-mail queues the e-mail on the task worker once the write is
committed. The text says what happened to which record (by its code or number) and links to it: no
names, no free text about a person. It is built in the recipient's language when shown or sent.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import CAPABILITIES

from .models import DEFAULT_EMAIL_KINDS, EmailPreference, EmailStatus, Kind, Notification

log = logging.getLogger("ctims.notifications")

MAX_EMAIL_ATTEMPTS = 5
RETRY_DELAYS = (60, 300, 1800, 7200)  # seconds before the 2nd, 3rd, ... try

TEXTS: dict[str, Promise] = {
    Kind.CASE_ASSIGNED: _("You were assigned to case %(ref)s."),
    Kind.CALL_ASSIGNED: _("You were assigned %(ref)s in triage."),
    Kind.REFERRAL_RECEIVED: _("Case %(ref)s was referred to your organisation: accept or decline it."),
    Kind.REFERRAL_ACCEPTED: _("Your referral of case %(ref)s was accepted."),
    Kind.REFERRAL_DECLINED: _("Your referral of case %(ref)s was declined."),
    Kind.REFERRAL_COMPLETED: _("Your referral of case %(ref)s was completed."),
    Kind.TRANSFER_REQUESTED: _("Case %(ref)s is offered to your organisation: accept or refuse the transfer."),
    Kind.TRANSFER_ANSWERED: _("Your transfer of case %(ref)s was answered."),
    Kind.APPROVAL_REQUESTED: _("Case %(ref)s waits for your approval."),
    Kind.APPROVAL_DECIDED: _("Your request for approval on case %(ref)s was decided."),
    Kind.REVIEW_DUE: _("The review of case %(ref)s is due within a week."),
    Kind.REVIEW_OVERDUE: _("The review of case %(ref)s is overdue."),
    Kind.TASK_DUE: _("A task on case %(ref)s is due within three days."),
    Kind.TASK_OVERDUE: _("A task on case %(ref)s is overdue."),
    Kind.ALERT_NEW: _("New alert %(ref)s: someone in your reports was seen again."),
    Kind.TRAINING_INVITATION: _("You are invited to the training %(ref)s."),
    Kind.TRIAGE_OVERDUE: _("%(ref)s is marked immediate danger and nobody has taken it: assign it now."),
}


def text_of(notification: Notification) -> str:
    """The sentence for a notification, in the active language."""
    return str(TEXTS[notification.kind]) % {"ref": notification.reference or "—"}


# --- what a notification points at ------------------------------------------------------------


def target_of(obj: Any) -> tuple[str, str, str]:
    """(URL name, URL argument, reference) of a record: its page and its code or number, nothing personal."""
    label = obj._meta.label_lower
    if label == "protection.case":
        return "protection:case", str(obj.pk), obj.code
    if label in ("protection.referral", "protection.transfer", "protection.casetask"):
        return "protection:case", str(obj.case_id), obj.case.code
    if label == "intake.hotlinecall":
        return "intake:call_detail", str(obj.pk), str(getattr(obj, "code", "") or f"#{obj.pk}")
    if label == "intake.fieldobservation":
        return "intake:observation_detail", str(obj.pk), str(getattr(obj, "code", "") or f"#{obj.pk}")
    if label == "directory.concernreport":
        return "directory:concern_detail", str(obj.pk), obj.code
    if label == "links.alert":
        return "links:alert_detail", str(obj.pk), f"#{obj.pk}"
    if label == "training.trainingevent":
        return "training:my_learning", "", str(getattr(obj, "code", "") or obj.pk)
    if label == "approvals.approvalrequest":  # the approvals page: where it is decided, and the comment shown
        return "approvals:list", "", obj.case.code
    raise ValueError(f"no notification target for {label}")


# --- who is told --------------------------------------------------------------------------------


def users_with(organisation_id: int | None, *capabilities: str) -> QuerySet[User]:
    """Active users of one organisation whose role has any of `capabilities` (never anyone else's staff)."""
    if organisation_id is None:
        return User.objects.none()
    roles = [role for role, caps in CAPABILITIES.items() if any(c in caps for c in capabilities)]
    return User.objects.filter(organisation_id=organisation_id, is_active=True, role__in=roles)


# --- e-mail preferences ---------------------------------------------------------------------------


def email_kinds(user: User) -> frozenset[str]:
    pref = EmailPreference.objects.filter(user=user).first()
    return frozenset(pref.kinds) if pref is not None else frozenset(str(k) for k in DEFAULT_EMAIL_KINDS)


def set_email_kinds(user: User, kinds: Iterable[str]) -> EmailPreference:
    from audit.models import Action
    from audit.services import record

    chosen = sorted({k for k in kinds if k in Kind.values})
    pref, _created = EmailPreference.objects.update_or_create(user=user, defaults={"kinds": chosen})
    record(user, Action.UPDATE, pref, fields=["kinds"])
    return pref


# --- notify ---------------------------------------------------------------------------------------


def notify(recipients: Iterable[User], kind: str, obj: Any, *, actor: User | None = None,
           key: str = "") -> list[Notification]:
    """Tell each recipient (not the actor, not inactive accounts) that `kind` happened to `obj`.

    `key` (daily reminders) makes it once per recipient: a second call with the same key adds nothing."""
    url_name, url_arg, reference = target_of(obj)
    people: dict[int, User] = {}
    for user in recipients:
        if user is None or not user.is_active or (actor is not None and user.pk == actor.pk):
            continue
        people[user.pk] = user
    if key:
        taken = set(Notification.objects.filter(recipient_id__in=people, key=key).values_list("recipient_id",
                                                                                             flat=True))
        people = {pk: u for pk, u in people.items() if pk not in taken}
    created = []
    for user in people.values():
        by_email = bool(user.email) and kind in email_kinds(user)
        created.append(Notification.objects.create(
            recipient=user, kind=kind, url_name=url_name, url_arg=url_arg, reference=reference[:64], key=key,
            email_status=EmailStatus.PENDING if by_email else EmailStatus.NONE))
    to_send = [n.pk for n in created if n.email_status == EmailStatus.PENDING]
    if to_send:
        transaction.on_commit(lambda: _enqueue(to_send))
    return created


def _enqueue(ids: list[int]) -> None:
    from .tasks import send_email_task

    for pk in ids:
        send_email_task.enqueue(pk)


# --- reading ------------------------------------------------------------------------------------------


def mark_read(user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when `ids` is None); returns how many changed."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


# --- e-mail -----------------------------------------------------------------------------------------


def build_email(notification: Notification) -> EmailMessage:
    """The e-mail in the recipient's language: what happened, the record's code and a link. Nothing else."""
    user = notification.recipient
    language = user.preferred_language or settings.LANGUAGE_CODE
    base = str(getattr(settings, "CTIMS_PUBLIC_BASE_URL", "")).rstrip("/")
    with translation.override(language):
        from django.urls import reverse

        subject = str(_("CTIMS: %(what)s")) % {"what": notification.get_kind_display()}
        body = "\n\n".join([
            text_of(notification),
            str(_("Open it in CTIMS (you may need to sign in): %(link)s")) % {"link": base + notification.link()},
            str(_("You receive this e-mail because you chose it. Change which notifications come by e-mail: "
                  "%(link)s")) % {"link": base + reverse("notifications:preferences")},
        ])
    return EmailMessage(subject=subject, body=body, to=[user.email])


def send_email(notification_id: int) -> str:
    """Send one notification's e-mail; on failure try again later (up to MAX_EMAIL_ATTEMPTS).

    Returns the e-mail status afterwards."""
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or notification.email_status not in (EmailStatus.PENDING, EmailStatus.FAILED):
        return "skipped"
    notification.email_attempts += 1
    try:
        build_email(notification).send()
    except Exception as exc:  # any transport error: SMTP refused, DNS, timeout
        log.warning("notification e-mail %s failed (attempt %s): %s", notification.pk, notification.email_attempts,
                    type(exc).__name__)
        notification.email_status = EmailStatus.FAILED
        notification.save(update_fields=["email_status", "email_attempts"])
        if notification.email_attempts < MAX_EMAIL_ATTEMPTS:
            _retry_later(notification)
        return EmailStatus.FAILED
    notification.email_status = EmailStatus.SENT
    notification.save(update_fields=["email_status", "email_attempts"])
    return EmailStatus.SENT


def _retry_later(notification: Notification) -> None:
    from .tasks import send_email_task

    backend = send_email_task.get_backend()
    if not backend.supports_defer:  # the tests' immediate backend: a retry is the test's to make
        return
    delay = RETRY_DELAYS[min(notification.email_attempts - 1, len(RETRY_DELAYS) - 1)]
    send_email_task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(notification.pk)


# --- daily reminders: reviews and tasks due and overdue ------------------------------------------------


REVIEW_NOTICE_DAYS = 7
TASK_NOTICE_DAYS = 3


def send_reminders(today: datetime.date | None = None) -> int:
    """Remind case workers of reviews and tasks due soon or overdue; once per record and day. Returns how many."""
    from protection.choices import OPEN_STATUSES
    from protection.models import Case, CaseTask

    today = today or timezone.localdate()
    count = 0
    cases = Case.objects.filter(status__in=OPEN_STATUSES, next_review_due__lte=today + datetime.timedelta(
        days=REVIEW_NOTICE_DAYS)).select_related("case_worker")
    for case in cases.iterator():
        kind = Kind.REVIEW_OVERDUE if case.next_review_due < today else Kind.REVIEW_DUE
        people = [case.case_worker] if case.case_worker else list(users_with(case.organisation_id,
                                                                             "protection.supervise"))
        people = [u for u in people if u.organisation_id == case.organisation_id]
        count += len(notify(people, kind, case, key=f"{kind}:case{case.pk}:{today.isoformat()}"))
    tasks = CaseTask.objects.filter(done_at__isnull=True, due_on__lte=today + datetime.timedelta(
        days=TASK_NOTICE_DAYS), case__status__in=OPEN_STATUSES).select_related("case", "assigned_to",
                                                                               "case__case_worker")
    for task_ in tasks.iterator():
        kind = Kind.TASK_OVERDUE if task_.due_on < today else Kind.TASK_DUE
        person = task_.assigned_to or task_.case.case_worker
        people = [person] if person is not None and person.organisation_id == task_.case.organisation_id else []
        count += len(notify(people, kind, task_, key=f"{kind}:task{task_.pk}:{today.isoformat()}"))
    return count


def unread_filter() -> Q:
    return Q(read_at__isnull=True)
