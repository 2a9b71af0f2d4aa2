from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "links"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from accounts.models import Organisation

        from .selectors import forget_organisation_names

        # the owner names shown for records a user cannot open are cached: a renamed (or new) organisation
        # must not be shown under a stale name
        post_save.connect(forget_organisation_names, sender=Organisation, dispatch_uid="links-org-names-save")
        post_delete.connect(forget_organisation_names, sender=Organisation, dispatch_uid="links-org-names-delete")

        from .models import Alert
        from .selectors import forget_alert_count

        # the open-alert count (navigation badge, alerts page) is cached per organisation
        post_save.connect(forget_alert_count, sender=Alert, dispatch_uid="links-alert-count-save")
        post_delete.connect(forget_alert_count, sender=Alert, dispatch_uid="links-alert-count-delete")
