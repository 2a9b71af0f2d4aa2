"""Identity data is ciphertext in the database, and rotating the key keeps every row readable."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from accounts.models import TOTPDevice
from core import crypto
from core.fields import EncryptedDateField, EncryptedTextField

SECRET = "JBSWY3DPEHPK3PXP"


def _raw(device: TOTPDevice) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_totpdevice WHERE id = %s", [device.pk])
        return cursor.fetchone()[0]


def test_a_raw_sql_read_returns_ciphertext_and_the_orm_returns_the_value(make_user):
    device = TOTPDevice.objects.create(user=make_user(), secret=SECRET)
    stored = _raw(device)
    assert stored.startswith("enc1:")
    assert SECRET not in stored
    assert TOTPDevice.objects.get(pk=device.pk).secret == SECRET


def test_the_same_value_encrypts_differently_each_time():
    assert crypto.encrypt("Olena Kowalczyk") != crypto.encrypt("Olena Kowalczyk")


def test_key_rotation_keeps_old_rows_readable_and_re_encrypts_them(make_user, settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    device = TOTPDevice.objects.create(user=make_user(), secret=SECRET)
    before = _raw(device)

    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    assert TOTPDevice.objects.get(pk=device.pk).secret == SECRET  # old row, new key list: still readable
    assert not crypto.is_current_key(before)

    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = _raw(device)
    assert after != before
    assert after.startswith("enc1:")
    assert crypto.is_current_key(after)

    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key can now be retired
    assert TOTPDevice.objects.get(pk=device.pk).secret == SECRET


def test_a_value_with_no_configured_key_fails_loudly(make_user, settings):
    device = TOTPDevice.objects.create(user=make_user(), secret=SECRET)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ValueError, match="no configured key"):
        TOTPDevice.objects.get(pk=device.pk)


def test_encrypted_columns_cannot_be_searched_by_value(make_user):
    with pytest.raises(TypeError, match="blind index"):
        TOTPDevice.objects.filter(secret=SECRET).exists()


def test_an_encrypted_date_round_trips():
    import datetime

    field = EncryptedDateField()
    stored = field.get_prep_value(datetime.date(1990, 5, 17))
    assert stored.startswith("enc1:")
    assert field.from_db_value(stored, None, None) == datetime.date(1990, 5, 17)  # type: ignore[arg-type]
    assert EncryptedTextField().get_prep_value("") == ""


def test_keys_are_not_the_secret_key(settings):
    assert settings.SECRET_KEY not in settings.FIELD_ENCRYPTION_KEYS
    assert settings.BLIND_INDEX_KEY != settings.SECRET_KEY


def test_an_encrypted_field_can_be_compared_with_empty_but_with_nothing_else(make_user):
    with_secret = TOTPDevice.objects.create(user=make_user(), secret=SECRET)
    empty = TOTPDevice.objects.create(user=make_user(), secret="")
    assert list(TOTPDevice.objects.filter(secret="")) == [empty]  # empty is stored as is: no key needed
    assert list(TOTPDevice.objects.exclude(secret="")) == [with_secret]
    with pytest.raises(TypeError, match="blind index"):
        TOTPDevice.objects.exclude(secret=SECRET).exists()


def test_an_encrypted_json_value_round_trips_and_shows_nothing_in_the_column():
    from core.fields import EncryptedJSONField

    field = EncryptedJSONField(default=list)
    problems = [{"row": 4, "column": "prs_Birthdate", "message": "'31.02.1990' is not a date"}]
    stored = field.get_prep_value(problems)
    assert stored.startswith("enc1:") and "1990" not in stored
    assert field.from_db_value(stored, None, None) == problems  # type: ignore[arg-type]
    assert field.from_db_value("", None, None) == []  # type: ignore[arg-type]
    assert field.get_prep_value({}).startswith("enc1:")
