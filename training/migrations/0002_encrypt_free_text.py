"""A participant's position and their feedback comment become encrypted (they describe a named person), old rows too.

Every AlterField comes first, then the data step; reversible (the reverse decrypts).
"""

from django.db import migrations

import core.fields
from core.encryption_migration import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ('training', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='feedback',
            name='comment',
            field=core.fields.EncryptedTextField(blank=True, verbose_name='what should we change?'),
        ),
        migrations.AlterField(
            model_name='participant',
            name='position',
            field=core.fields.EncryptedTextField(blank=True, max_length=120, verbose_name='position'),
        ),
        encrypt_columns("training", "participant", "position"),
        encrypt_columns("training", "feedback", "comment"),
    ]
