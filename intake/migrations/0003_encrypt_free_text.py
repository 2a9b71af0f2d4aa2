"""What a caller or an officer said about a person or vehicle (nationality, language, make, colour)
becomes encrypted like the mention's value, old rows too.

Every AlterField comes first, then the data step; reversible (the reverse decrypts).
"""

from django.db import migrations

import core.fields
from core.encryption_migration import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0002_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='mention',
            name='colour',
            field=core.fields.EncryptedTextField(blank=True, max_length=30),
        ),
        migrations.AlterField(
            model_name='mention',
            name='language',
            field=core.fields.EncryptedTextField(blank=True, max_length=40),
        ),
        migrations.AlterField(
            model_name='mention',
            name='make',
            field=core.fields.EncryptedTextField(blank=True, max_length=40),
        ),
        migrations.AlterField(
            model_name='mention',
            name='nationality',
            field=core.fields.EncryptedTextField(blank=True, max_length=40),
        ),
        encrypt_columns("intake", "mention", "nationality", "language", "make", "colour"),
    ]
