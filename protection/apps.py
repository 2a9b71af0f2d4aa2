from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "protection"

    def ready(self) -> None:
        """Tell links how to check access to a person: only where the user may see their identity,
        so a link never shows a victim's name to a role that the case page would hide it from."""
        from django.urls import reverse
        from django.utils.translation import gettext_lazy as _

        from links.sources import register_source

        from . import selectors
        from .models import Case

        def can_open(user: object, pk: int) -> bool:
            access = selectors.person_access(user, pk)  # type: ignore[arg-type]
            return access is not None and access[1]

        def url(pk: int) -> str:
            case_id = Case.objects.filter(person_id=pk).order_by("-id").values_list("id", flat=True).first()
            return reverse("protection:case", args=[case_id]) if case_id else ""

        register_source("protection.person", label=_("Protection case person"), can_open=can_open, url=url,
                        owner_label=lambda pk: "",
                        code=lambda pk: Case.objects.filter(person_id=pk).order_by("-id")
                        .values_list("code", flat=True).first() or "")
