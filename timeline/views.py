"""A person's timeline page, reached from the case page, the links identity page and search."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from audit.models import Action
from audit.services import record

from . import selectors


def _render(request: HttpRequest, timeline: selectors.Timeline | None, obj: object) -> HttpResponse:
    if timeline is None:
        raise Http404
    record(request.user, Action.VIEW, obj, fields=["timeline"])
    elsewhere = sorted(Counter(timeline.elsewhere).items())
    return render(request, "timeline/timeline.html", {"timeline": timeline, "elsewhere": elsewhere})


@login_required
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    from protection.models import Person

    timeline = selectors.person_timeline(request.user, person_id)
    return _render(request, timeline, Person(pk=person_id))


@login_required
def identity(request: HttpRequest, entity_id: int) -> HttpResponse:
    from links.models import Entity

    timeline = selectors.entity_timeline(request.user, entity_id)
    return _render(request, timeline, Entity(pk=entity_id))
