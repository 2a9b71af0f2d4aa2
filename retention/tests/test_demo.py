"""The demo shows a legal hold, an erasure request waiting for a second person, and a dry run."""

from __future__ import annotations

from django.test import Client

from accounts import demo as accounts_demo
from core.demo import DemoContext
from protection import services as protection_services
from protection.choices import CaseStatus, Gender
from retention import demo
from retention.models import ErasureRequest, ErasureStatus, LegalHold, RetentionRun


def test_the_demo_has_a_hold_a_pending_request_and_a_dry_run(db: None, client: Client) -> None:
    ctx = DemoContext()
    accounts_demo.load(ctx)
    worker = ctx.users["iom.caseworker"]
    for i in range(3):
        case = protection_services.register_person(worker, protection_services.Identity(first_name=f"Person {i}"),
                                                   gender=Gender.FEMININE)
        if i < 2:
            protection_services.set_case_status(worker, case.id, CaseStatus.CLOSED, "Needs met.")

    demo.load(ctx)

    hold = LegalHold.objects.get()
    assert hold.organisation.code == "IOM" and hold.is_active
    assert ErasureRequest.objects.get().status == ErasureStatus.PENDING
    run = RetentionRun.objects.get()
    assert run.dry_run and run.held[0]["reference"] == hold.reference
    client.force_login(ctx.users["admin"])
    page = client.get("/retention/").content.decode()
    assert hold.reference in page and "Erase " in page
