"""The main navigation: each entry shows only to roles with its capability.

Modules add their entries here, in the order a user meets them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    capabilities: tuple[str, ...]  # any one of them shows the entry; () = every signed-in user
    description: str | Promise = ""  # shown on the home page card
    badge: str = ""  # optional "module.selectors.function" (user) -> int, shown as a count next to the label


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "core:home", ()),
    NavItem(_("Triage"), "intake:triage", ("intake.triage",),
            _("New calls and observations, most urgent first: assign, comment, escalate."),
            badge="intake.selectors.overdue_triage_count"),
    NavItem(_("Hotline calls"), "intake:call_list", ("intake.log_call", "intake.view"),
            _("Log a hotline call in under a minute; see earlier calls from the same number.")),
    NavItem(_("Observations"), "intake:observation_list", ("intake.log_observation", "intake.view"),
            _("File what you saw at a reception point or border crossing, from your phone.")),
    NavItem(_("Cases"), "protection:case_list", ("protection.view",),
            _("Victim-centred cases: screening, consent, services, referrals, safe return and reintegration.")),
    NavItem(_("Find a person"), "worklists:find_person", ("protection.view",),
            _("A person's cases and whole timeline, by case code, phone, document number or name.")),
    NavItem(_("Referrals"), "protection:referral_list", ("protection.view",),
            _("Cases referred to your organisation and by it: accept, decline, complete.")),
    NavItem(_("Approvals"), "approvals:list", ("protection.manage",),
            _("Closures, support plans and transfers waiting for a supervisor; transfers offered to you."),
            badge="approvals.selectors.pending_count"),
    NavItem(_("Supervision"), "supervision:index", ("supervision.view",),
            _("Caseloads, timeliness, referrals and hotline figures of your organisation, with downloads.")),
    NavItem(_("Investigations"), "investigations:list", ("investigations.view",),
            _("Criminal cases of your agency and those shared with it; dashboard by offence and stage.")),
    NavItem(_("Alerts"), "links:alert_list", ("links.analyse",),
            _("Someone in your reports seen again elsewhere within a week: the evidence, for analysts."),
            badge="links.selectors.open_alert_count"),
    NavItem(_("Links"), "links:entity_list", ("links.view",),
            _("The same people, phones, vehicles and accounts across reports and scripts, and their networks.")),
    NavItem(_("Public concerns"), "directory:concerns", ("intake.triage",),
            _("Concerns sent from the public site, often anonymously, waiting for triage.")),
    NavItem(_("Trainings"), "training:event_list", ("training.view", "training.manage"),
            _("Trainings, workshops, study visits: participants, attendance, tests and certificates.")),
    NavItem(_("Courses"), "training:course_admin", ("training.manage",),
            _("Upload SCORM packages, export courses for other platforms, import completions.")),
    NavItem(_("E-learning"), "training:course_catalogue", ("training.learn",),
            _("Take a course on any device, in your language, and get a certificate.")),
    NavItem(_("My learning"), "training:my_learning", ("training.learn",),
            _("Your courses, the events you take part in, and your certificates.")),
    NavItem(_("Project results"), "programme:dashboard", ("programme.view",),
            _("Progress against every project target, by sex and organisation, over time.")),
    NavItem(_("Statistics"), "stats:index", ("stats.view", "stats.release"),
            _("National tables with small counts hidden; figures released with differential privacy.")),
    NavItem(_("Intake statistics"), "intake:statistics", ("stats.view", "intake.triage"),
            _("Calls per day, voivodeship, language and topic; observations per place; investigations by stage.")),
    NavItem(_("Directory"), "directory:services", ("directory.manage", "protection.manage", "intake.view"),
            _("Services and helplines people can be referred to; kept up to date by administrators.")),
    NavItem(_("Places"), "intake:place_list", ("reference.manage", "intake.view"),
            _("Voivodeships, border crossings and reception points, on a map.")),
    NavItem(_("Screening indicators"), "protection:indicator_sets", ("reference.manage",),
            _("The indicator lists the protection screening uses: rename, regrade, retire or add.")),
    NavItem(_("Users"), "accounts:user_list", ("accounts.manage_users",),
            _("Add people from your organisation, set their roles, unlock accounts.")),
    NavItem(_("Organisation"), "accounts:organisation_settings", ("accounts.manage_organisation",),
            _("Your organisation's settings: the logo printed on its certificates.")),
    NavItem(_("Audit log"), "audit:event_list", ("audit.view",),
            _("Who opened or changed which record, when and from where.")),
    NavItem(_("Retention"), "retention:overview", ("retention.manage",),
            _("What the retention schedule removes next, legal holds, and erasure requests to confirm."),
            badge="retention.selectors.pending_erasure_count"),
]


def items_for(user: object) -> list[dict[str, str]]:
    items = []
    for item in NAV_ITEMS:
        if item.capabilities and not any(user.has_capability(c) for c in item.capabilities):  # type: ignore[attr-defined]
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entry = {"label": str(item.label), "url": url, "description": str(item.description),
                 "url_name": item.url_name}
        if item.badge:
            from django.utils.module_loading import import_string

            count = import_string(item.badge)(user)
            entry["badge"] = str(count) if count else ""
        items.append(entry)
    return items
