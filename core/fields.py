"""Model fields for identity data: encrypted at rest, decrypted only when read in Python.

`EncryptedTextField` stores a ciphertext; the database (and anyone reading it raw, or
a backup) sees only `enc1:...` tokens. Encrypted columns cannot be filtered on: use
a blind index column next to them (`blind_index_for`) for exact lookups. The one comparison
they allow is with the empty string (`exclude(comment="")`), since an empty value is stored as is.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression
from django.db.models.lookups import Exact

from . import crypto


def _refuse(field_name: str, lookup_name: str) -> TypeError:
    return TypeError(f"{field_name} is encrypted: look it up through its blind index, not '{lookup_name}'.")


class EmptyExact(Exact):  # type: ignore[type-arg]
    """`field=""` on an encrypted field: empty values are stored unencrypted, so this needs no key."""

    def __init__(self, lhs: Any, rhs: Any) -> None:
        if rhs not in ("", None):
            raise _refuse(getattr(getattr(lhs, "target", None), "name", "this field"), "exact")
        super().__init__(lhs, rhs)


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text encrypted with FIELD_ENCRYPTION_KEYS. Empty strings stay empty (nothing to hide)."""

    description = "Encrypted text"
    encrypted = True

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value: Any, expression: Expression, connection: BaseDatabaseWrapper) -> Any:
        if value in (None, ""):
            return value
        return crypto.decrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return EmptyExact
        if lookup_name not in {"isnull"}:
            raise _refuse(self.name, lookup_name)
        return super().get_lookup(lookup_name)


class EncryptedDateField(EncryptedTextField):
    """A date stored encrypted (birth dates identify people)."""

    description = "Encrypted date"

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            value = value.isoformat()
        return super().get_prep_value(value)

    def from_db_value(self, value: Any, expression: Expression, connection: BaseDatabaseWrapper) -> Any:
        text = super().from_db_value(value, expression, connection)
        return datetime.date.fromisoformat(text) if text else None

    def to_python(self, value: Any) -> Any:
        if value in (None, "") or isinstance(value, datetime.date):
            return value or None
        return datetime.date.fromisoformat(str(value))

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        return forms.DateField(**{"required": not self.blank, **kwargs})


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (dict, list...) stored as one ciphertext: for structures that hold what people wrote,
    such as an import's row errors quoting cells. Never compared in SQL; an empty dict or list is encrypted
    like any other value."""

    description = "Encrypted JSON"

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return crypto.encrypt(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))

    def from_db_value(self, value: Any, expression: Expression, connection: BaseDatabaseWrapper) -> Any:
        if value is None:
            return None
        if value == "":
            return self.get_default()
        return json.loads(crypto.decrypt(value))

    def to_python(self, value: Any) -> Any:
        return value

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj), cls=DjangoJSONEncoder, ensure_ascii=False)

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        return forms.JSONField(**{"required": not self.blank, **kwargs})


class BlindIndexField(models.CharField):  # type: ignore[type-arg]
    """HMAC of a normalised identifier; indexed, so exact lookups need no decryption."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
