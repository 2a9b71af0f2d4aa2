"""The offences every installation starts with (Polish Penal Code); the list stays editable."""

from django.db import migrations

OFFENCES = [
    ("189a", "Trafficking in human beings (handel ludźmi)"),
    ("197", "Rape (zgwałcenie)"),
    ("200", "Sexual offences against minors (czyn seksualny wobec małoletniego)"),
    ("202", "Child sexual abuse material (treści pornograficzne z udziałem małoletniego)"),
    ("203", "Forced prostitution (doprowadzenie do uprawiania prostytucji)"),
    ("204", "Procuring (sutenerstwo, stręczycielstwo, kuplerstwo)"),
]


def seed(apps, schema_editor):
    Offence = apps.get_model("investigations", "Offence")
    for article, name in OFFENCES:
        Offence.objects.get_or_create(article=article, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("investigations", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
