from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"

    def ready(self) -> None:
        """Tell links how to check access to calls and observations (same selectors as the pages), and the
        import engine how a file of field observations (a KoboToolbox export) becomes observations."""
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from links.sources import register_source

        from . import selectors
        from .models import call_code, observation_code

        register_source(
            "intake.hotlinecall", label=_("Hotline call"),
            can_open=lambda user, pk: selectors.calls_visible_to(user).filter(pk=pk).exists(),
            visible_ids=lambda user, pks: set(selectors.calls_visible_to(user).filter(pk__in=pks)
                                              .values_list("pk", flat=True)),
            url=lambda pk: reverse("intake:call_detail", args=[pk]),
            owner_label=lambda pk: "",
            code=call_code,
        )
        register_source(
            "intake.fieldobservation", label=_("Field observation"),
            can_open=lambda user, pk: selectors.observations_visible_to(user).filter(pk=pk).exists(),
            visible_ids=lambda user, pks: set(selectors.observations_visible_to(user).filter(pk__in=pks)
                                              .values_list("pk", flat=True)),
            url=lambda pk: reverse("intake:observation_detail", args=[pk]),
            owner_label=lambda pk: "",
            code=observation_code,
        )
        from protection.imports.targets import register

        from .imports import target

        register(target())
