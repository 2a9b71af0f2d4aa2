"""Form helpers shared by the modules.

`RequiredWhenMixin`: a field that is required only when another field has certain values (the closure
reason when the status closes the case, the reason for an identified export). The form declares it once;
the same declaration makes `clean()` reject the empty field and keeps `includes/field.html` from marking
the field "(optional)", so the label never contradicts the validation.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, ClassVar

from django import forms


class RequiredWhenMixin(forms.Form):
    # field name -> (other field, the values of the other field that make it required)
    required_when: ClassVar[dict[str, tuple[str, Collection[Any]]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (other, values) in self.required_when.items():
            # read by includes/field.html: not "(optional)" although `required` is False
            self.fields[name].required_when = (other, tuple(values))  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, (other, values) in self.required_when.items():
            value = data.get(name)
            if data.get(other) in values and (value is None or not str(value).strip()) and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])
        return data
