"""The targets from the project document (see docs domain README). Editable data afterwards."""

from django.db import migrations

TARGETS = [
    ("one_day_training", "events", 15, ""),
    ("one_day_training", "participants", 300, ""),
    ("specialist_workshop", "events", 2, ""),
    ("specialist_workshop", "participants", 110, ""),
    ("elearning", "learners", 3000, ""),
    ("study_visit", "countries", 2, "Norway, Great Britain"),
    ("community_training", "events", 6, ""),
    ("safe_return", "returns", 10, ""),
]


def seed(apps, schema_editor):
    Target = apps.get_model("programme", "Target")
    for order, (activity, measure, value, detail) in enumerate(TARGETS):
        Target.objects.get_or_create(activity=activity, measure=measure,
                                     defaults={"value": value, "detail": detail, "order": order})


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
