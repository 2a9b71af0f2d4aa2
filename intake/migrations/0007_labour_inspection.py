import core.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0006_observation_repeat_of"),
    ]

    operations = [
        migrations.AddField(
            model_name="fieldobservation",
            name="type",
            field=models.CharField(choices=[("sighting", "At a reception point or border crossing"), ("labour_inspection", "Labour inspection")], default="sighting", max_length=20, verbose_name="type of observation"),
        ),
        migrations.AddField(
            model_name="fieldobservation",
            name="workplace",
            field=core.fields.EncryptedTextField(blank=True, verbose_name="workplace"),
        ),
        migrations.AddField(
            model_name="fieldobservation",
            name="employer",
            field=core.fields.EncryptedTextField(blank=True, verbose_name="employer"),
        ),
        migrations.AddField(
            model_name="fieldobservation",
            name="workers_met",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="workers met"),
        ),
    ]
