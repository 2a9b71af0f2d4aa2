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
