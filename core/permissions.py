"""View guards: a capability check that audits refusals and never reveals what was refused."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

ViewFunc = Callable[..., HttpResponse]


def capability_required(*capabilities: str) -> Callable[[ViewFunc], ViewFunc]:
    """Let the view run only for a signed-in user whose role has any of `capabilities`."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(user.has_capability(c) for c in capabilities):  # type: ignore[union-attr]
                from audit.models import Action
                from audit.services import record

                record(user, Action.PERMISSION_DENIED, object_type="view", object_id=request.resolver_match.view_name
                       if request.resolver_match else "")
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
