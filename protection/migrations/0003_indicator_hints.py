"""Adds what-to-look-for hints to the ILO indicators loaded by 0002."""

from django.db import migrations


def fill(apps, schema_editor):
    from protection.indicators import fill_hints

    fill_hints(apps)


class Migration(migrations.Migration):
    dependencies = [("protection", "0002_load_indicator_sets")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
