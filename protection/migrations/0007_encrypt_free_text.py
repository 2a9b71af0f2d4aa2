"""Free text about a person's situation becomes encrypted, and the rows already stored are encrypted.

Every AlterField comes first, then the data steps (PostgreSQL cannot alter a table with pending
updates in the same transaction). Reversible: the reverse steps decrypt before the columns narrow.
"""

from django.db import migrations

import core.fields
from core.encryption_migration import encrypt_columns


class Migration(migrations.Migration):

    dependencies = [
        ('protection', '0006_htcds_import'),
    ]

    operations = [
        migrations.AlterField(
            model_name='case',
            name='closure_reason',
            field=core.fields.EncryptedTextField(blank=True, verbose_name='reason for case closure'),
        ),
        migrations.AlterField(
            model_name='casetask',
            name='title',
            field=core.fields.EncryptedTextField(max_length=200, verbose_name='task'),
        ),
        migrations.AlterField(
            model_name='consent',
            name='guardian_relationship',
            field=core.fields.EncryptedTextField(
                blank=True, max_length=80, verbose_name="guardian's relationship to the child"),
        ),
        migrations.AlterField(
            model_name='monitoringvisit',
            name='outcome',
            field=core.fields.EncryptedTextField(blank=True, verbose_name='outcome'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='decline_reason',
            field=core.fields.EncryptedTextField(blank=True, verbose_name='reason for declining'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='details',
            field=core.fields.EncryptedTextField(blank=True, verbose_name='referral details'),
        ),
        migrations.AlterField(
            model_name='referral',
            name='revoke_reason',
            field=core.fields.EncryptedTextField(blank=True, verbose_name='reason for revoking'),
        ),
        migrations.AlterField(
            model_name='reintegrationassistance',
            name='description',
            field=core.fields.EncryptedTextField(blank=True, max_length=200, verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='returnandreintegration',
            name='documents',
            field=core.fields.EncryptedTextField(blank=True, max_length=300, verbose_name='travel documents'),
        ),
        migrations.AlterField(
            model_name='returnandreintegration',
            name='escort_details',
            field=core.fields.EncryptedTextField(blank=True, max_length=200, verbose_name='escort'),
        ),
        migrations.AlterField(
            model_name='returnandreintegration',
            name='receiving_partner',
            field=core.fields.EncryptedTextField(blank=True, max_length=200, verbose_name='receiving partner'),
        ),
        migrations.AlterField(
            model_name='servicedelivered',
            name='outcome',
            field=core.fields.EncryptedTextField(blank=True, verbose_name='outcome'),
        ),
        migrations.AlterField(
            model_name='servicedelivered',
            name='provider',
            field=core.fields.EncryptedTextField(max_length=200, verbose_name='provider'),
        ),
        migrations.AlterField(
            model_name='supportplanitem',
            name='action_plan',
            field=core.fields.EncryptedTextField(blank=True, verbose_name='action plan'),
        ),
        migrations.AlterField(
            model_name='supportplanitem',
            name='objectives',
            field=core.fields.EncryptedTextField(verbose_name='objectives'),
        ),
        migrations.AlterField(
            model_name='transfer',
            name='reason',
            field=core.fields.EncryptedTextField(verbose_name='reason for transfer'),
        ),
        encrypt_columns("protection", "case", "closure_reason"),
        encrypt_columns("protection", "casetask", "title"),
        encrypt_columns("protection", "consent", "guardian_relationship"),
        encrypt_columns("protection", "monitoringvisit", "outcome"),
        encrypt_columns("protection", "referral", "details", "decline_reason", "revoke_reason"),
        encrypt_columns("protection", "reintegrationassistance", "description"),
        encrypt_columns("protection", "returnandreintegration", "escort_details", "documents", "receiving_partner"),
        encrypt_columns("protection", "servicedelivered", "provider", "outcome"),
        encrypt_columns("protection", "supportplanitem", "objectives", "action_plan"),
        encrypt_columns("protection", "transfer", "reason"),
    ]
