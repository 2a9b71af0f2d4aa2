"""The HTCDS 2.0 standard's own spreadsheet (IOM, CC BY 4.0; copied in tests/data/htcds), read without
LibreOffice: field names, labels and picklists as the toolkit defines them. Tests build partner sheets from it."""

from __future__ import annotations

import functools
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml.ElementTree import fromstring

ODS = Path(__file__).parent / "data" / "htcds" / "HTCDS Field Standards 2.0.ods"
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_P = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p"


@dataclass(frozen=True)
class StandardField:
    name: str  # "Field Name including Prefix"
    label: str
    kind: str
    status: str
    values: tuple[str, ...]
    value_labels: tuple[str, ...]


@functools.cache
def fields() -> dict[str, StandardField]:
    with zipfile.ZipFile(ODS) as z:
        root = fromstring(z.read("content.xml"))
    out: dict[str, StandardField] = {}
    for row in root.iter(_T + "table-row"):
        cells: list[str] = []
        for cell in row:
            repeat = min(int(cell.get(_T + "number-columns-repeated", "1")), 20)
            cells += ["\n".join("".join(p.itertext()) for p in cell.iter(_P))] * repeat
        if len(cells) > 7 and cells[6] and "_" in cells[6] and cells[6] != "N/A":
            lines = lambda s: tuple(x.strip() for x in s.split("\n") if x.strip())  # noqa: E731
            out[cells[6]] = StandardField(cells[6], cells[5].strip(), cells[7], cells[1], lines(cells[9]),
                                          lines(cells[10]))
    return out


def label_of(field: str, value: str) -> str:
    """The standard's label for one picklist value name."""
    f = fields()[field]
    return dict(zip(f.values, f.value_labels, strict=False))[value]


def methods_of_control_columns() -> list[str]:
    """The names the standard's Field Definitions give the methods of control: one yes/no field each."""
    import re

    text = (ODS.parent / "Field Definitions.md").read_text(encoding="utf-8")
    section = text.split("## Methods Of Control", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| (MethodsOfControl\w+)\s", section, flags=re.M)
