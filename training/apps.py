from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy check)
