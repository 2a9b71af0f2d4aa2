"""Reads of organisations and users, scoped to what the reader may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import ApiToken, Organisation, User


def users_manageable_by(actor: User, *, search: str = "", role: str = "", active: str = "") -> QuerySet[User]:
    """Users of the actor's own organisation, for its administrators; nobody else's."""
    if not actor.has_capability("accounts.manage_users"):
        return User.objects.none()
    qs = User.objects.filter(organisation_id=actor.organisation_id)
    if search:
        qs = qs.filter(Q(username__icontains=search) | Q(first_name__icontains=search) | Q(last_name__icontains=search)
                       | Q(email__icontains=search))
    if role:
        qs = qs.filter(role=role)
    if active in {"yes", "no"}:
        qs = qs.filter(is_active=active == "yes")
    return qs.order_by("username")


def manageable_user(actor: User, user_id: int) -> User | None:
    return users_manageable_by(actor).filter(pk=user_id).first()


def active_tokens(user: User) -> QuerySet[ApiToken]:
    return user.api_tokens.filter(revoked_at__isnull=True)  # type: ignore[attr-defined]


def member_organisations() -> QuerySet[Organisation]:
    """Active organisations: the list of possible referral receivers and partners."""
    return Organisation.objects.filter(is_active=True).order_by("name")
