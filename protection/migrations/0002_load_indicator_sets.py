"""Loads the starting indicator sets (ILO forced labour, HTCDS methods of control and types of exploitation)."""

from django.db import migrations


def load(apps, schema_editor):
    from protection.indicators import load_indicator_sets

    load_indicator_sets(apps)


class Migration(migrations.Migration):
    dependencies = [("protection", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
