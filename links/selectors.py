"""Every read in links, scoped to the user.

Scope: a user lists entities and alerts of their own organisation (an entity is theirs when
one of its mentions comes from one of their organisation's records). Inside an entity, each
mention shows its content only when the user may open its source record (links.sources);
otherwise it shows only that a record exists and which organisation owns it.
"""

from __future__ import annotations

import datetime
import json
import math
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.models import Organisation
from core import crypto

from . import sources
from .models import Alert, AlertStatus, Entity, MatchPair, MatchRun, MatchStatus, Mention, MentionKind


def _can_view(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_capability("links.view"))


def _can_analyse(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_capability("links.analyse"))


def entities_visible_to(user: Any, *, kind: str = "") -> QuerySet[Entity]:
    """Entities with at least one mention from the user's organisation (lists and details alike)."""
    if not _can_view(user):
        return Entity.objects.none()
    qs = Entity.objects.filter(mentions__owner_organisation_id=user.organisation_id)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(mention_count=Count("mentions", distinct=True),
                       last_seen=Max("mentions__occurred_at")).order_by("-last_seen", "-id").distinct()


def alerts_visible_to(user: Any, *, status: str = "") -> QuerySet[Alert]:
    """Alerts for the user's organisation, for its analysts."""
    if not _can_analyse(user):
        return Alert.objects.none()
    qs = Alert.objects.filter(organisation_id=user.organisation_id).select_related("entity")
    if status:
        qs = qs.filter(status=status)
    return qs


# The open-alert count is on every page of an analyst (navigation badge): cached per organisation (a number,
# nothing personal), dropped whenever an alert is saved or deleted (apps.py) and otherwise kept one minute
# (the bound on staleness where the cache is per process, as the demo's local memory is).
ALERT_COUNT_SECONDS = 60


def _alert_count_key(organisation_id: int) -> str:
    return f"links:open-alerts:{organisation_id}"


def open_alert_count(user: Any) -> int:
    if not _can_analyse(user):
        return 0
    key = _alert_count_key(user.organisation_id)
    count = cache.get(key)
    if count is None:
        count = alerts_visible_to(user, status=AlertStatus.OPEN).count()
        cache.set(key, count, ALERT_COUNT_SECONDS)
    return int(count)


def forget_alert_count(sender: Any, instance: Alert, **kwargs: Any) -> None:
    """Drop the organisation's cached count now and again after the commit (a page that counted in between
    would otherwise keep the old figure)."""
    from django.db import transaction

    key = _alert_count_key(instance.organisation_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def pairs_visible_to(user: Any) -> QuerySet[MatchPair]:
    """Pairs an analyst may decide: both mentions recorded by their own organisation."""
    if not _can_analyse(user):
        return MatchPair.objects.none()
    return MatchPair.objects.filter(left__owner_organisation_id=user.organisation_id,
                                    right__owner_organisation_id=user.organisation_id)


def runs_visible_to(user: Any) -> QuerySet[MatchRun]:
    if not _can_analyse(user):
        return MatchRun.objects.none()
    return MatchRun.objects.filter(full=True)


# --- what a user may learn of one mention --------------------------------------------------------


EXTRA_LABELS = {
    "birth_date": gettext_lazy("birth date"), "sex": gettext_lazy("sex"), "country": gettext_lazy("country"),
    "make": gettext_lazy("make"), "colour": gettext_lazy("colour"), "service": gettext_lazy("service"),
    "nationality": gettext_lazy("nationality"), "language": gettext_lazy("language"),
    "approximate_age": gettext_lazy("approximate age"), "description": gettext_lazy("description"),
}
# Choice values stored in a mention's details, shown through their labels (by first letter: the sources write
# "female", "Female" or "F"); anything else is shown as recorded.
SEX_VALUE_LABELS = {"f": pgettext_lazy("sex", "female"), "m": pgettext_lazy("sex", "male"),
                    "o": pgettext_lazy("sex", "other"), "u": pgettext_lazy("sex", "unknown")}


def extra_value_label(key: str, value: Any) -> str:
    if key == "sex" and isinstance(value, str) and value.strip():
        return str(SEX_VALUE_LABELS.get(value.strip()[:1].lower(), value))
    return str(value)


@dataclass
class MentionView:
    id: int
    kind: str
    kind_label: str
    source_type: str
    source_label: str
    owner: str
    visible: bool
    value: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    place: str = ""
    occurred_at: datetime.datetime | None = None
    url: str = ""
    entity_id: int | None = None
    code: str = ""  # the record's own reference (CALL-138), only when visible
    own: bool = False  # a record of the viewer's own organisation (never "ask the owner")

    @property
    def extra_display(self) -> list[tuple[str, str]]:
        return [(str(EXTRA_LABELS.get(k, k)), extra_value_label(k, v)) for k, v in self.extra.items()]

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "source_type": self.source_type,
                                "source": self.source_label, "owner": self.owner, "visible": self.visible}
        if self.visible:
            data.update(value=self.value, details=self.extra, place=self.place,
                        occurred_at=self.occurred_at.isoformat() if self.occurred_at else None,
                        url=self.url, entity_id=self.entity_id)
        return data


_ORG_NAMES: dict[int, str] = {}


def forget_organisation_names(**kwargs: Any) -> None:
    """Drop the cached organisation names (connected to Organisation saves and deletes in apps.py)."""
    _ORG_NAMES.clear()


def _org_name(org_id: int) -> str:
    if org_id not in _ORG_NAMES:
        org = Organisation.objects.filter(pk=org_id).first()
        _ORG_NAMES[org_id] = str(org) if org else "?"
    return _ORG_NAMES[org_id]


def owner_label(source_type: str, source_id: int, owner_organisation_id: int) -> str:
    src = sources.get_source(source_type)
    if src is not None:
        try:
            return src.owner_label(source_id) or _org_name(owner_organisation_id)
        except Exception:  # a module's label failing falls back to the organisation's name
            return _org_name(owner_organisation_id)
    return _org_name(owner_organisation_id)


def _check_many(user: Any, rows: list[Mention], cache: dict[tuple[str, int], bool]) -> None:
    """Fill `cache` (mention_view's) for all these mentions' records at once: one query per source type
    rather than one per record."""
    todo = {(m.source_type, m.source_id): m.owner_organisation_id for m in rows
            if (m.source_type, m.source_id) not in cache}
    if todo:
        visible = sources.can_open_many(user, [(t, i, o) for (t, i), o in todo.items()])
        cache.update({key: key in visible for key in todo})


def mention_view(user: Any, m: Mention, cache: dict[tuple[str, int], bool] | None = None) -> MentionView:
    """The mention as `user` may see it: full content, or only existence and owner."""
    key = (m.source_type, m.source_id)
    if cache is not None and key in cache:
        visible = cache[key]
    else:
        visible = sources.can_open(user, m.source_type, m.source_id, m.owner_organisation_id)
        if cache is not None:
            cache[key] = visible
    view = MentionView(id=m.pk, kind=m.kind, kind_label=str(MentionKind(m.kind).label), source_type=m.source_type,
                       source_label=sources.label_for(m.source_type),
                       owner=owner_label(m.source_type, m.source_id, m.owner_organisation_id), visible=visible,
                       own=m.owner_organisation_id == getattr(user, "organisation_id", None))
    if visible:
        view.value = m.value
        view.extra = json.loads(m.extra) if m.extra else {}
        view.place = m.place
        view.occurred_at = m.occurred_at
        view.url = sources.url_of(m.source_type, m.source_id)  # `visible` is the same check url_for makes
        view.entity_id = m.entity_id
        view.code = sources.code_for(m.source_type, m.source_id)
        if view.code:
            view.source_label = f"{view.source_label} {view.code}"
    return view


def unseen_label(kind: str, owner_organisation_id: int | None) -> str:
    """What names an entity whose values the viewer may not see: its kind and whose record it is in
    ("Person (record of Police HQ)"), never a blank kind alone."""
    kind_label = str(MentionKind(kind).label) if kind in MentionKind.values else kind
    if owner_organisation_id is None:
        return kind_label
    return _("%(kind)s (record of %(owner)s)") % {"kind": kind_label, "owner": _org_name(owner_organisation_id)}


def entity_label(user: Any, entity: Entity, cache: dict[tuple[str, int], bool] | None = None) -> str:
    """The first value of the entity the user may see, or its kind and the owner of its first record."""
    first_owner = None
    for m in entity.mentions.all().order_by("occurred_at", "id")[:50]:
        first_owner = first_owner or m.owner_organisation_id
        view = mention_view(user, m, cache)
        if view.visible and view.value:
            return view.value
    return unseen_label(entity.kind, first_owner)


def entity_labels(user: Any, entities: list[Entity]) -> dict[int, str]:
    """entity_label for a page of entities in three queries, decrypting only the values shown.

    The same answer as entity_label: the first (by time) of an entity's first 50 mentions whose record the
    user may open, else the kind alone.
    """
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    ids = [e.pk for e in entities]
    rows = list(Mention.objects.filter(entity_id__in=ids)
                .annotate(rank=Window(RowNumber(), partition_by=F("entity_id"),
                                      order_by=[F("occurred_at").asc(), F("id").asc()]))
                .filter(rank__lte=50).order_by("entity_id", "rank")
                .values_list("id", "entity_id", "source_type", "source_id", "owner_organisation_id"))
    visible = sources.can_open_many(user, [(t, s, o) for _i, _e, t, s, o in rows])
    first: dict[int, int] = {}
    owner: dict[int, int] = {}
    for mention_id, entity_id, source_type, source_id, owner_id in rows:
        owner.setdefault(entity_id, owner_id)
        if entity_id not in first and (source_type, source_id) in visible:
            first[entity_id] = mention_id
    values = dict(Mention.objects.filter(pk__in=first.values()).values_list("id", "value"))
    return {e.pk: values.get(first.get(e.pk, 0)) or unseen_label(e.kind, owner.get(e.pk)) for e in entities}


@dataclass
class IdentityView:
    entity: Entity
    label: str
    mentions: list[MentionView]
    proposals: list[dict[str, Any]]
    decided: list[dict[str, Any]]
    records: int
    places: list[str]
    automatic: list[dict[str, Any]] = field(default_factory=list)
    co_mentions: list[MentionView] = field(default_factory=list)
    automatic_total: int = 0


AUTOMATIC_SHOWN = 20


COMPARISON_LABELS = {
    "surname": pgettext_lazy("match comparison", "Surname"),
    "given": pgettext_lazy("match comparison", "Given name"),
    "birth_date": pgettext_lazy("match comparison", "Birth date"),
    "sex": pgettext_lazy("match comparison", "Sex"),
    "linked": pgettext_lazy("match comparison", "Shared phone, vehicle, account or document"),
    "name_pair": pgettext_lazy("match comparison", "Full name"),
}
LEVEL_LABELS = {
    "same": pgettext_lazy("match level", "the same"),
    "exact": pgettext_lazy("match level", "the same"),
    "overlap": pgettext_lazy("match level", "shared"),
    "one letter off": pgettext_lazy("match level", "one letter off"),
    "similar": pgettext_lazy("match level", "similar"),
    "forms of one name": pgettext_lazy("match level", "forms of one name"),
    "day and month swapped": pgettext_lazy("match level", "day and month swapped"),
    "one digit off": pgettext_lazy("match level", "one digit off"),
    "same year": pgettext_lazy("match level", "same year only"),
    "different": pgettext_lazy("match level", "different"),
    "common full name": pgettext_lazy("match level", "common: shared by other people on record"),
}


def pair_explanation(a: MentionView, b: MentionView, tf: Any = None) -> list[dict[str, Any]]:
    """Why the matcher scored a pair as it did: each comparison's level and the factor it multiplied the odds
    by (Splink's waterfall). Only for two mentions the user may see; comparisons without data are left out."""
    from . import matching, training

    if not (a.visible and b.visible):
        return []
    model = training.current().comparisons
    fa = matching.features(a.id, a.value, a.extra)
    fb = matching.features(b.id, b.value, b.extra)
    if tf is None:
        # the mentions sharing the full name (as the incremental matcher's candidate pool has them), in memory
        pool = [fa, fb]
        if fa.get("name_pair"):
            key = crypto.blind_index("links.namekey", f"n:{fa['name_pair']}")
            for m in Mention.objects.filter(name_keys__key=key).exclude(pk__in=[a.id, b.id])[:500]:
                pool.append(matching.features(m.pk, m.value, json.loads(m.extra) if m.extra else {}))
        tf = matching.stored_term_frequencies(pool, model)
    _p, parts = matching.explain(fa, fb, model, prior=matching.prior_for(Mention.objects.filter(kind="person").count()),
                                 tf=tf)
    rows = []
    for part in parts:
        if not part.level:
            continue
        factor = part.bayes_factor
        rows.append({"comparison": COMPARISON_LABELS.get(part.column, part.column),
                     "level": LEVEL_LABELS.get(part.level, part.level), "factor": factor,
                     "raised": factor >= 1, "weight": round(math.log2(factor), 1),
                     "meter": min(20.0, abs(math.log2(factor)))})
    return rows


def identity(user: Any, entity: Entity) -> IdentityView:
    """Everything about one entity that `user` may see (entity from entities_visible_to)."""
    cache: dict[tuple[str, int], bool] = {}
    rows = list(entity.mentions.all().order_by("occurred_at", "id"))
    _check_many(user, rows, cache)
    views = [mention_view(user, m, cache) for m in rows]
    label = next((v.value for v in views if v.visible and v.value),
                 unseen_label(entity.kind, rows[0].owner_organisation_id if rows else None))
    ids = [m.pk for m in rows]
    proposals: list[dict[str, Any]] = []
    decided: list[dict[str, Any]] = []
    automatic: list[dict[str, Any]] = []
    automatic_total = 0
    if entity.kind == "person" and _can_analyse(user):
        decidable = set(pairs_visible_to(user).filter(Q(left_id__in=ids) | Q(right_id__in=ids))
                        .values_list("pk", flat=True))
        pairs = list(MatchPair.objects.filter(Q(left_id__in=ids) | Q(right_id__in=ids)).select_related(
            "decided_by").order_by("probability"))
        by_id = {v.id: v for v in views}
        own = set(ids)
        outside = {p.right_id if p.left_id in own else p.left_id for p in pairs} - own
        for m in Mention.objects.filter(pk__in=outside):
            by_id[m.pk] = mention_view(user, m, cache)
        for pair in pairs:
            mine_id, other_id = (pair.left_id, pair.right_id) if pair.left_id in own else (pair.right_id, pair.left_id)
            if pair.status == MatchStatus.AUTO:
                automatic_total += 1
                if len(automatic) >= AUTOMATIC_SHOWN:  # the least certain links are the ones worth a look
                    continue
            mine_view, other_view = by_id[mine_id], by_id[other_id]
            item = {"pair": pair, "mine": mine_view, "other": other_view,
                    "can_decide": pair.pk in decidable and mine_view.visible and other_view.visible}
            if pair.is_decided:
                decided.append(item)
            elif pair.status == MatchStatus.PROPOSED:
                item["why"] = pair_explanation(mine_view, other_view)
                proposals.append(item)
            elif pair.status == MatchStatus.AUTO:
                automatic.append(item)
        proposals.reverse()  # most likely first
    places = sorted({v.place for v in views if v.visible and v.place})
    return IdentityView(entity, label, views, proposals, decided, len({(m.source_type, m.source_id) for m in rows}),
                        places, automatic, co_mentioned(user, rows, cache), automatic_total)


def co_mentioned(user: Any, rows: list[Mention], cache: dict[tuple[str, int], bool]) -> list[MentionView]:
    """Other people, phones, vehicles... in the same records, from the records the user may open."""
    keys = {(m.source_type, m.source_id) for m in rows}
    own = {m.pk for m in rows}
    if not keys:
        return []
    q = Q()
    for st, sid in keys:
        q |= Q(source_type=st, source_id=sid)
    out = []
    others = list(Mention.objects.filter(q).exclude(pk__in=own).order_by("occurred_at", "id")[:500])
    _check_many(user, others, cache)
    for m in others:
        view = mention_view(user, m, cache)
        if view.visible:
            out.append(view)
    return out


def alert_evidence(user: Any, alert: Alert) -> tuple[list[MentionView], list[MentionView]]:
    """The alert's evidence mentions, and what else the evidence records the user may open mention."""
    cache: dict[tuple[str, int], bool] = {}
    rows = list(alert.evidence.all().order_by("occurred_at", "id"))
    return [mention_view(user, m, cache) for m in rows], co_mentioned(user, rows, cache)


# --- the network around an entity --------------------------------------------------------------------


NODE_TYPES = ["person", "phone", "vehicle", "account", "document", "organisation", "address", "place", "record"]


def network(user: Any, entity: Entity, *, hops: int = 2, types: set[str] | None = None,
            date_from: datetime.date | None = None, date_to: datetime.date | None = None,
            max_nodes: int = 250) -> dict[str, Any]:
    """Entities, records and places around `entity`, as far as `user` may see.

    A record the user cannot open is a leaf: it shows that it exists and who owns it, and
    nothing it contains is followed. Entities are reached only through records the user may open.
    """
    import networkx as nx

    types = set(types or NODE_TYPES)
    cache: dict[tuple[str, int], bool] = {}
    nodes: dict[str, dict[str, Any]] = {}
    edges: set[tuple[str, str]] = set()

    def in_dates(m: Mention) -> bool:
        day = m.occurred_at.date()
        return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)

    def add_entity(e_id: int, kind: str, label: str, depth: int) -> str:
        nid = f"e{e_id}"
        if nid not in nodes:
            nodes[nid] = {"id": nid, "type": kind, "label": label, "depth": depth, "visible": True,
                          "url": "", "network_url": "", "entity_id": e_id}
        return nid

    root_label = entity_label(user, entity, cache)
    add_entity(entity.pk, entity.kind, root_label, 0)
    frontier = {entity.pk}
    seen_entities = {entity.pk}
    for depth in range(1, hops + 1):
        mentions = list(Mention.objects.filter(entity_id__in=frontier))
        _check_many(user, mentions, cache)
        record_keys = {(m.source_type, m.source_id) for m in mentions}
        by_record: dict[tuple[str, int], list[Mention]] = {}
        if record_keys:
            q = Q()
            for st, sid in record_keys:
                q |= Q(source_type=st, source_id=sid)
            for m in Mention.objects.filter(q):
                by_record.setdefault((m.source_type, m.source_id), []).append(m)
        next_frontier: set[int] = set()
        for m in mentions:
            rkey = (m.source_type, m.source_id)
            view = mention_view(user, m, cache)
            if view.visible and not in_dates(m):
                continue
            rid = f"r{m.source_type}:{m.source_id}"
            if rid not in nodes:
                if len(nodes) >= max_nodes:
                    break
                if view.visible:
                    # the record's code names it in the graph (short enough to read); the kind is in its prefix
                    label = f"{view.code or view.source_label} · {m.occurred_at:%Y-%m-%d}"
                else:
                    label = _("%(record)s owned by %(owner)s") % {"record": view.source_label, "owner": view.owner}
                nodes[rid] = {"id": rid, "type": "record", "label": label, "depth": depth, "visible": view.visible,
                              "url": view.url, "owner": view.owner, "network_url": "", "own": view.own}
            edges.add((f"e{m.entity_id}", rid))
            if not view.visible:
                continue  # existence and owner only: nothing inside is followed
            if m.place:
                pid = f"p{m.place_index[:16]}"
                if pid not in nodes:
                    nodes[pid] = {"id": pid, "type": "place", "label": m.place, "depth": depth, "visible": True,
                                  "url": "", "network_url": ""}
                edges.add((rid, pid))
            for other in by_record.get(rkey, []):
                if other.entity_id is None or (other.entity_id in seen_entities and f"e{other.entity_id}" in nodes):
                    if other.entity_id is not None:
                        edges.add((f"e{other.entity_id}", rid))
                    continue
                if len(nodes) >= max_nodes:
                    break
                add_entity(other.entity_id, other.kind, other.value or unseen_label(other.kind,
                                                                                    other.owner_organisation_id),
                           depth)
                edges.add((f"e{other.entity_id}", rid))
                if other.entity_id not in seen_entities:
                    seen_entities.add(other.entity_id)
                    next_frontier.add(other.entity_id)
        frontier = next_frontier
        if not frontier:
            break
    # links only to entities the user may open (one query for the whole graph)
    entity_ids = {n["entity_id"] for n in nodes.values() if n.get("entity_id")}
    openable = set(Entity.objects.filter(pk__in=entity_ids, mentions__owner_organisation_id=user.organisation_id)
                   .values_list("pk", flat=True)) if _can_view(user) else set()
    for n in nodes.values():
        e_id = n.pop("entity_id", None)
        if e_id in openable:
            n["url"] = reverse("links:entity_detail", args=[e_id])
            n["network_url"] = reverse("links:network", args=[e_id])
    # filter by type (the root always stays), then drop edges to removed nodes
    keep = {nid for nid, n in nodes.items() if n["type"] in types or n["depth"] == 0}
    nodes = {nid: n for nid, n in nodes.items() if nid in keep}
    edge_list = [(a, b) for a, b in edges if a in nodes and b in nodes]
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edge_list)
    communities: list[Any] = []
    if graph.number_of_edges():
        communities = list(nx.algorithms.community.greedy_modularity_communities(graph))
    for i, community in enumerate(sorted(communities, key=len, reverse=True)):
        for nid in community:
            nodes[nid]["community"] = i + 1
    centrality = nx.betweenness_centrality(graph) if graph.number_of_nodes() > 2 else {}
    ranked = sorted((c, nid) for nid, c in centrality.items() if c > 0)
    key_connectors = {nid for _, nid in ranked[-3:]}
    for nid, n in nodes.items():
        n.setdefault("community", 0)
        n["degree"] = graph.degree(nid)
        n["centrality"] = round(centrality.get(nid, 0.0), 3)
        n["key"] = nid in key_connectors
    ordered = sorted(nodes.values(), key=lambda n: (n["depth"], -n["degree"], n["id"]))
    # an edge joins an entity to a record it is mentioned in, or a record to its place
    edges_out = [{"source": a, "target": b, "kind": "place" if b.startswith("p") else "record"}
                 for a, b in sorted(edge_list)]
    return {"nodes": ordered, "edges": edges_out,
            "communities": len(communities), "truncated": len(nodes) >= max_nodes}
