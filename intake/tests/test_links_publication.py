"""People, phones and plates named in a call or seen in an observation reach the links module, so an
analyst can see the same driver at Medyka and Korczowa."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accounts.models import User
from intake.services import MentionInput
from links import models as links_models
from links import sources as links_sources


def test_a_calls_mentions_are_published_to_links(operator: User, log_call: Callable[..., Any],
                                                 django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call = log_call(operator, mentions=[MentionInput("phone", "+48 601 234 567"),
                                            MentionInput("person", "Szewczenko")])

    rows = links_models.Mention.objects.filter(source_type="intake.hotlinecall", source_id=call.pk)
    assert sorted(rows.values_list("kind", flat=True)) == ["person", "phone"]
    assert all(r.owner_organisation_id == operator.organisation_id for r in rows)


def test_the_same_phone_at_two_crossings_is_one_entity(field_officer: User, log_observation: Callable[..., Any],
                                                       podkarpackie: Any,
                                                       django_capture_on_commit_callbacks: Any) -> None:
    from intake.models import Place

    korczowa = Place.objects.create(type="bcp", name="Korczowa", voivodeship=podkarpackie)
    with django_capture_on_commit_callbacks(execute=True):
        first = log_observation(field_officer, mentions=[MentionInput("phone", "+48 601 234 567")])
        second = log_observation(field_officer, place=korczowa,
                                 mentions=[MentionInput("phone", "0048 601-234-567")])

    entities = links_models.Mention.objects.filter(
        source_type="intake.fieldobservation", source_id__in=[first.pk, second.pk]).values_list("entity_id", flat=True)
    assert len(entities) == 2 and len(set(entities)) == 1


def test_an_analyst_following_a_link_opens_a_call_only_where_the_call_page_would_open(
        operator: User, log_call: Callable[..., Any], make_user: Callable[..., User], border_guard: Any) -> None:
    from accounts.roles import Role

    call = log_call(operator)
    police_analyst = make_user(Role.ANALYST, operator.organisation)
    border_analyst = make_user(Role.ANALYST, border_guard)
    assert links_sources.can_open(police_analyst, "intake.hotlinecall", call.pk, call.organisation_id)
    assert not links_sources.can_open(border_analyst, "intake.hotlinecall", call.pk, call.organisation_id)
    assert links_sources.get_source("intake.hotlinecall").url(call.pk) == f"/intake/calls/{call.pk}/"
