"""The demo shows flags and saved searches on the case and call lists."""

from __future__ import annotations

from accounts import demo as accounts_demo
from core.demo import DemoContext
from intake import demo as intake_demo
from protection import demo as protection_demo
from worklists import demo as worklists_demo
from worklists.models import Flag, SavedSearch


def test_the_demo_flags_cases_and_saves_searches(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    ctx = DemoContext()
    accounts_demo.load(ctx)
    intake_demo.load(ctx)
    protection_demo.load(ctx)
    worklists_demo.load(ctx)
    worker = ctx.users["iom.caseworker"]
    assert Flag.objects.filter(organisation_id=worker.organisation_id, kind="safety").count() == 1
    assert SavedSearch.objects.filter(user=worker).count() == 1
    assert SavedSearch.objects.filter(user=ctx.users["police.analyst"]).count() == 1
    worklists_demo.load(ctx)  # loading twice adds nothing
    assert SavedSearch.objects.count() == 2
