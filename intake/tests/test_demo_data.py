"""The demo data has the note's scale and the recurring driver the analysts should find."""

from __future__ import annotations

import pytest

from core.demo import DemoContext, load_all
from intake.models import FieldObservation, HotlineCall, Mention, Place
from intake.services import mention_index
from investigations.models import Investigation, Stage


@pytest.mark.django_db
def test_demo_data_at_the_scale_of_the_note() -> None:
    load_all(DemoContext(), modules=["accounts", "intake", "investigations"])

    assert Place.objects.filter(type="voivodeship").count() == 16
    assert Place.objects.filter(type="bcp").count() == 8
    assert Place.objects.filter(type="rp").count() == 30
    assert HotlineCall.objects.values("hotline").distinct().count() == 16
    assert HotlineCall.objects.count() >= 1200 and FieldObservation.objects.count() >= 400
    assert Investigation.objects.exclude(stage=Stage.CLOSED).count() >= 700
    driver = Mention.objects.filter(value_index=mention_index("phone", "+48 601 234 567"), observation__isnull=False)
    assert {m.observation.place.name for m in driver} == {"Medyka", "Korczowa"}  # type: ignore[union-attr]


@pytest.mark.django_db
def test_demo_gives_the_police_analyst_the_drivers_alert_with_four_reports_in_three_spellings() -> None:
    from accounts.models import User
    from links.models import Alert, AlertStatus
    from links.selectors import alert_evidence

    load_all(DemoContext(), modules=["accounts", "intake", "links"])
    analyst = User.objects.get(username="police.analyst")
    alert = Alert.objects.get(organisation=analyst.organisation, entity__kind="person", status=AlertStatus.OPEN)

    evidence, also = alert_evidence(analyst, alert)
    opened = [m for m in evidence if m.visible]
    assert len(opened) >= 4
    assert all(m.owner == "Police HQ" and m.url for m in opened)
    assert {surname for surname in ("Шевченко", "Shevchenko", "Szewczenko")
            if any(surname in m.value for m in opened)} == {"Шевченко", "Shevchenko", "Szewczenko"}
    assert {"intake.hotlinecall", "intake.fieldobservation"} <= {m.source_type for m in opened}
    cars = {m.source_type + str(m.id) for m in also if m.kind == "vehicle" and m.value == "BC 1234 AK"}
    assert len(cars) == len(opened)  # the same car in every report the analyst can open
    hidden = [m for m in evidence if not m.visible]
    assert hidden and all(m.owner == "Border Guard HQ" and not m.value for m in hidden)
