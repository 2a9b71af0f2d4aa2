from django.apps import AppConfig


class InvestigationsConfig(AppConfig):
    name = "investigations"

    def ready(self) -> None:
        """Tell links how to check access to investigations: the owning agency and those it shares with."""
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from links.sources import register_source

        from . import selectors
        from .models import Investigation

        register_source(
            "investigations.investigation", label=_("Investigation"),
            can_open=lambda user, pk: selectors.investigations_visible_to(user).filter(pk=pk).exists(),
            visible_ids=lambda user, pks: set(selectors.investigations_visible_to(user).filter(pk__in=pks)
                                              .values_list("pk", flat=True)),
            url=lambda pk: reverse("investigations:detail", args=[pk]),
            owner_label=lambda pk: "",
            code=lambda pk: Investigation.objects.filter(pk=pk).values_list("code", flat=True).first() or "",
        )
