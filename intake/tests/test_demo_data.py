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
