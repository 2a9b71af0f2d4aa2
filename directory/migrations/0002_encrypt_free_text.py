"""The place a member of the public names in a concern (a street, a workplace) becomes encrypted, old rows too.

Every AlterField comes first, then the data step; reversible (the reverse decrypts).
"""

from django.db import migrations

import core.fields
from core.encryption_migration import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='concernreport',
            name='place',
            field=core.fields.EncryptedTextField(blank=True, max_length=120, verbose_name='place'),
        ),
        encrypt_columns("directory", "concernreport", "place"),
    ]
