"""Each event tells exactly the right people, in the app and (if they chose it) by e-mail, and nobody else."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.roles import Role
from notifications.models import EmailStatus, Kind, Notification
from notifications.services import send_reminders, set_email_kinds
from protection import services
from protection.choices import ReferralReason


def _kinds(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def people(make_user, iom, lastrada, make_org, iom_worker, ls_worker):
    other = make_org("OTHER")
    return {
        "ls_supervisor": make_user(Role.SUPERVISOR, lastrada),
        "ls_operator": make_user(Role.HOTLINE_OPERATOR, lastrada),
        "iom_supervisor": make_user(Role.SUPERVISOR, iom),
        "other_worker": make_user(Role.CASE_WORKER, other),
    }


def test_a_referral_tells_the_receiving_case_workers_and_supervisors_only(
        iom_worker, ls_worker, lastrada, make_case, share, people, django_capture_on_commit_callbacks):
    case = make_case()
    share(case, lastrada)
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    assert _kinds(ls_worker) == [Kind.REFERRAL_RECEIVED]
    assert _kinds(people["ls_supervisor"]) == [Kind.REFERRAL_RECEIVED]
    for nobody in (people["ls_operator"], people["iom_supervisor"], people["other_worker"], iom_worker):
        assert _kinds(nobody) == []
    # e-mail, in the app's default language, with the case code and a link but no name or free text
    assert [m.to for m in mail.outbox] == [[ls_worker.email], [people["ls_supervisor"].email]] or \
        sorted(m.to[0] for m in mail.outbox) == sorted([ls_worker.email, people["ls_supervisor"].email])
    for message in mail.outbox:
        assert case.code in message.body
        assert f"/protection/cases/{case.id}/" in message.body
        for secret in ("Olena", "Kovalchuk", "Grójec", "strawberry"):
            assert secret not in message.body and secret not in message.subject

    # La Strada accepts: the IOM case worker who sent it is told, La Strada's people are not told again
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_referral(ls_worker, referral.id)
    assert _kinds(iom_worker) == [Kind.REFERRAL_ACCEPTED]
    assert _kinds(ls_worker) == [Kind.REFERRAL_RECEIVED]
    services.complete_referral(ls_worker, referral.id)
    assert _kinds(iom_worker)[0] == Kind.REFERRAL_COMPLETED


def test_a_declined_referral_tells_the_referrer(iom_worker, ls_worker, lastrada, make_case, share, people):
    case = make_case()
    share(case, lastrada)
    referral = services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    services.decline_referral(ls_worker, referral.id, "No place.")
    assert _kinds(iom_worker) == [Kind.REFERRAL_DECLINED]
    assert _kinds(people["other_worker"]) == []


def test_the_email_is_in_the_recipients_language(iom_worker, ls_worker, lastrada, make_case, share,
                                                 django_capture_on_commit_callbacks):
    ls_worker.preferred_language = "pl"
    ls_worker.save()
    case = make_case()
    share(case, lastrada)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    (message,) = mail.outbox
    assert "Sprawa" in message.body and case.code in message.body


def test_no_email_for_a_kind_the_user_turned_off(iom_worker, ls_worker, lastrada, make_case, share,
                                                django_capture_on_commit_callbacks):
    set_email_kinds(ls_worker, [Kind.CASE_ASSIGNED])
    case = make_case()
    share(case, lastrada)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    assert mail.outbox == []
    assert _kinds(ls_worker) == [Kind.REFERRAL_RECEIVED], "still shown in the app"


def test_a_failed_email_is_marked_and_sent_again_on_retry(settings, iom_worker, ls_worker, lastrada, make_case,
                                                          share, django_capture_on_commit_callbacks):
    from notifications.services import send_email

    settings.EMAIL_BACKEND = "notifications.tests.failing_backend.FailingBackend"
    case = make_case()
    share(case, lastrada)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_referral(iom_worker, case.id, to_organisation=lastrada, reason=ReferralReason.OTHER)
    note = Notification.objects.get(recipient=ls_worker)
    assert note.email_status == EmailStatus.FAILED and note.email_attempts == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_email(note.pk) == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_assigning_a_case_tells_the_new_worker_only(make_user, iom, iom_worker, make_case, people):
    colleague = make_user(Role.CASE_WORKER, iom)
    case = make_case()
    services.update_case(iom_worker, case.id, case_worker=colleague, assigned_workers=[iom_worker],
                         sensitivity=case.sensitivity, exploitation_types=[], labour_industry="",
                         country_of_exploitation="", summary=case.summary)
    assert _kinds(colleague) == [Kind.CASE_ASSIGNED]
    assert _kinds(iom_worker) == [], "not the one who made the change"
    assert _kinds(people["other_worker"]) == []


def test_overdue_review_and_task_are_reminded_once_a_day(iom_worker, make_case, people):
    case = make_case()
    case.next_review_due = timezone.localdate() - datetime.timedelta(days=2)
    case.save()
    services.add_task(iom_worker, case.id, title="Call the lawyer", due_on=timezone.localdate())
    send_reminders()
    send_reminders()
    assert sorted(_kinds(iom_worker)) == sorted([Kind.REVIEW_OVERDUE, Kind.TASK_DUE])
    assert _kinds(people["iom_supervisor"]) == []
    assert _kinds(people["other_worker"]) == []
