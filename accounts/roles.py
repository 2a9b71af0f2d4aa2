"""Roles and what each may do.

A capability is a short dotted name (`protection.view_identity`) checked by services
and selectors; a role is a fixed set of capabilities. Capabilities never widen scope
beyond the user's organisation: scope comes from organisation, referral and consent.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    SUPERVISOR = "supervisor", _("Supervisor")
    CASE_WORKER = "case_worker", _("Case worker")
    HOTLINE_OPERATOR = "hotline_operator", _("Hotline operator")
    FIELD_OFFICER = "field_officer", _("Field officer")
    LABOUR_INSPECTOR = "labour_inspector", _("Labour inspector")
    ANALYST = "analyst", _("Analyst")
    INVESTIGATOR = "investigator", _("Investigator")
    TRAINER = "trainer", _("Trainer")
    LEARNER = "learner", _("Learner")
    ME_OFFICER = "me_officer", _("M&E officer")


# Roles that handle personal data or run the system: MFA is required for all of them.
STAFF_ROLES = frozenset(r for r in Role if r != Role.LEARNER)

CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset({
        "accounts.manage_users", "accounts.manage_organisation", "audit.view", "directory.manage", "reference.manage",
        "training.view", "programme.view", "stats.view", "stats.release", "retention.manage",
    }),
    Role.SUPERVISOR: frozenset({
        "audit.view", "protection.view", "protection.manage", "protection.view_identity",
        "protection.export_identified", "protection.supervise", "intake.view", "intake.triage",
        "investigations.view", "stats.view", "training.view", "programme.view", "links.view", "retention.manage",
        "supervision.view",
    }),
    Role.CASE_WORKER: frozenset({
        "protection.view", "protection.manage", "protection.view_identity", "intake.view",
        "intake.log_observation", "stats.view", "training.learn",
    }),
    Role.HOTLINE_OPERATOR: frozenset({"intake.log_call", "intake.view", "training.learn"}),
    Role.FIELD_OFFICER: frozenset({"intake.log_observation", "intake.view", "training.learn"}),
    # files labour inspections (an observation of a workplace) and sees their own organisation's; no hotline
    Role.LABOUR_INSPECTOR: frozenset({"intake.log_observation", "intake.log_inspection", "training.learn"}),
    Role.ANALYST: frozenset({
        "intake.view", "intake.triage", "investigations.view", "links.view", "links.analyse", "stats.view",
    }),
    Role.INVESTIGATOR: frozenset({
        "intake.view", "intake.triage", "investigations.view", "investigations.manage", "links.view",
        "protection.view", "stats.view", "training.learn",
    }),
    Role.TRAINER: frozenset({"training.view", "training.manage", "training.learn", "programme.view"}),
    Role.LEARNER: frozenset({"training.learn"}),
    Role.ME_OFFICER: frozenset({
        "stats.view", "stats.export", "stats.release", "programme.view", "programme.manage", "training.view",
    }),
}


def capabilities_of(role: str) -> frozenset[str]:
    return CAPABILITIES.get(role, frozenset())
