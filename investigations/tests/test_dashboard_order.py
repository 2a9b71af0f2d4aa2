"""The dashboard lists stages in the order proceedings run, not alphabetically."""

from __future__ import annotations

from typing import Any

from accounts.models import OrganisationType
from accounts.roles import Role
from investigations import selectors
from investigations.models import Investigation, Offence, Stage


def test_stages_come_in_procedural_order(make_org: Any, make_user: Any) -> None:
    police = make_org("POL", OrganisationType.POLICE)
    investigator = make_user(Role.INVESTIGATOR, police)
    offence = Offence.objects.get(article="189a")
    for n, stage in enumerate([Stage.TRIAL, Stage.VERIFICATION, Stage.INDICTMENT, Stage.PRE_TRIAL, Stage.CLOSED]):
        Investigation.objects.create(code=f"POL-INV-{n}", organisation=police, offence=offence, stage=stage,
                                     opened_on="2026-11-01", created_by=investigator)
    assert [r["stage"] for r in selectors.dashboard(investigator)["by_stage"]] == [
        "verification", "pre_trial", "indictment", "trial"]
    assert [r["stage"] for r in selectors.stage_statistics(investigator)] == [
        "verification", "pre_trial", "indictment", "trial", "closed"]


def test_time_in_the_current_stage_counts_from_the_last_step_into_it(make_org: Any, make_user: Any, client: Any
                                                                     ) -> None:
    import datetime as dt

    from investigations.models import StageChange

    police, border = make_org("POL", OrganisationType.POLICE), make_org("SG", OrganisationType.BORDER_GUARD)
    investigator = make_user(Role.INVESTIGATOR, police)
    offence = Offence.objects.get(article="189a")
    today = dt.date(2026, 12, 3)

    def case(code: str, org: Any, stage: str, opened: str, steps: list[tuple[str, str]]) -> None:
        inv = Investigation.objects.create(code=code, organisation=org, offence=offence, stage=stage,
                                           opened_on=opened, created_by=investigator)
        for step_stage, on in steps:
            StageChange.objects.create(investigation=inv, stage=step_stage, entered_on=on)

    case("POL-1", police, Stage.PRE_TRIAL, "2026-09-01", [("verification", "2026-09-01"), ("pre_trial", "2026-11-23")])
    case("POL-2", police, Stage.PRE_TRIAL, "2026-10-01", [("verification", "2026-10-01"), ("pre_trial", "2026-11-03")])
    case("POL-3", police, Stage.PRE_TRIAL, "2026-11-01", [])  # no step recorded: counted from its opening
    case("POL-4", police, Stage.VERIFICATION, "2026-11-28", [("verification", "2026-11-28")])
    case("POL-5", police, Stage.CLOSED, "2026-01-01", [("closed", "2026-02-01")])  # not active
    case("SG-1", border, Stage.PRE_TRIAL, "2025-01-01", [("pre_trial", "2025-01-01")])  # another agency's

    rows = {r["stage"]: r for r in selectors.time_in_stage(investigator, today=today)}
    assert set(rows) == {"verification", "pre_trial"}
    assert rows["pre_trial"] == {"stage": "pre_trial", "n": 3, "median_days": 30, "longest_days": 32}
    assert rows["verification"] == {"stage": "verification", "n": 1, "median_days": 5, "longest_days": 5}

    client.force_login(investigator)
    page = client.get("/investigations/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Time in the current stage (days)" in page
