"""The notification centre and e-mail preferences. Thin: reads through selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.models import User

from . import selectors, services
from .forms import EmailPreferenceForm


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def centre(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    unread_only = request.GET.get("show") == "unread"
    page = Paginator(selectors.notifications_for(user, unread_only=unread_only), 50).get_page(request.GET.get("page"))
    items = [(n, services.text_of(n)) for n in page.object_list]
    return render(request, "notifications/centre.html", {
        "page": page, "items": items, "unread_only": unread_only, "unread": selectors.unread_count(user)})


@login_required
@require_POST
def open_notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark it read and go to the record (which checks, as always, whether the user may open it)."""
    user = _user(request)
    notification = selectors.notifications_for(user).filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    services.mark_read(user, [notification.pk])
    return redirect(notification.link() or "notifications:centre")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_read(_user(request))
    messages.success(request, ngettext("%(count)d notification marked as read.",
                                       "%(count)d notifications marked as read.", count) % {"count": count})
    return redirect("notifications:centre")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        form = EmailPreferenceForm(request.POST)
        if form.is_valid():
            services.set_email_kinds(user, form.cleaned_data["kinds"])
            messages.success(request, _("Your e-mail choices are saved."))
            return redirect("notifications:preferences")
    else:
        form = EmailPreferenceForm(initial={"kinds": sorted(services.email_kinds(user))})
    return render(request, "notifications/preferences.html", {"form": form, "has_email": bool(user.email)})
