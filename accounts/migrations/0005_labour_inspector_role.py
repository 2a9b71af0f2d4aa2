from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_organisation_names_in_languages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="role",
            field=models.CharField(choices=[("administrator", "Administrator"), ("supervisor", "Supervisor"), ("case_worker", "Case worker"), ("hotline_operator", "Hotline operator"), ("field_officer", "Field officer"), ("labour_inspector", "Labour inspector"), ("analyst", "Analyst"), ("investigator", "Investigator"), ("trainer", "Trainer"), ("learner", "Learner"), ("me_officer", "M&E officer")], default="learner", max_length=32, verbose_name="role"),
        ),
    ]
