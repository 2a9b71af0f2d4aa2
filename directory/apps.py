from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"

    def ready(self) -> None:
        """Tell links how to check access to a public concern (the triage scope) whose text named a phone,
        a plate or an account."""
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from links.sources import register_source

        from . import selectors
        from .triage import SOURCE_TYPE

        register_source(
            SOURCE_TYPE, label=_("Public concern"),
            can_open=lambda user, pk: selectors.concerns_for_triage(user).filter(pk=pk).exists(),
            visible_ids=lambda user, pks: set(selectors.concerns_for_triage(user).filter(pk__in=pks)
                                              .values_list("pk", flat=True)),
            url=lambda pk: reverse("directory:concern_detail", args=[pk]),
            owner_label=lambda pk: "",
            code=lambda pk: f"C-{pk:05d}",
        )
