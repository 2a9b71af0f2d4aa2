"""Offences that trafficking proceedings often add to art. 189a, and a first step in each case's stage timeline."""

from django.db import migrations

OFFENCES = [
    ("kk", "204 §3", "Prostitution of a minor: inducing, facilitating or profiting (prostytucja małoletniego)"),
    ("kk", "211a", "Illegal adoption for profit (nielegalna adopcja)"),
    ("kk", "264 §3", "Organising illegal border crossing (organizowanie nielegalnego przekroczenia granicy)"),
    ("kk", "264a", "Enabling illegal stay for profit (umożliwienie nielegalnego pobytu)"),
    ("foreigners_work_2012", "10",
     "Employing a foreigner staying illegally in particularly exploitative conditions "
     "(powierzenie pracy w warunkach szczególnego wykorzystania)"),
]


def seed(apps, schema_editor):
    Offence = apps.get_model("investigations", "Offence")
    for act, article, name in OFFENCES:
        Offence.objects.get_or_create(act=act, article=article, defaults={"name": name})
    Investigation = apps.get_model("investigations", "Investigation")
    StageChange = apps.get_model("investigations", "StageChange")
    rows = [StageChange(investigation_id=pk, stage=stage,
                        entered_on=opened_on if stage == "verification" else updated_at.date())
            for pk, stage, opened_on, updated_at in Investigation.objects.values_list(
                "pk", "stage", "opened_on", "updated_at").iterator(chunk_size=2000)]
    StageChange.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("investigations", "0003_case_files")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
