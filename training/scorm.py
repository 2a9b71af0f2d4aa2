"""SCORM 1.2 and 2004 packages: manifest validation with errors a course author can act on,
unpacking, reading completion/success/score from the cmi data per each standard, and exporting
a native course as a SCORM 1.2 package."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

MAX_FILES = 5000
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
# A zip is no larger than what it unpacks to (give or take its directory): refused as it streams in.
MAX_UPLOAD_BYTES = MAX_UNPACKED_BYTES

Package = bytes | IO[bytes]  # the zip itself, or a file holding it (an upload stays on disk)


def _zip(data: Package) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)


class PackageError(Exception):
    """The package cannot be used; `errors` says why, one sentence each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class PackageInfo:
    version: str  # "1.2" or "2004"
    title: str
    launch_path: str
    sco_count: int
    files: list[str]
    warnings: list[str] = field(default_factory=list)
    # every launchable item of the default organisation in order: identifier, title, launch path (with parameters)
    scos: list[dict[str, str]] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(el: ET.Element, name: str) -> str:
    """An attribute by local name, whatever namespace prefix the authoring tool used."""
    for key, value in el.attrib.items():
        if _local(key).lower() == name.lower():
            return value
    return ""


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def _unsafe(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or ":" in name.split("/")[0]:
        return True
    return any(part == ".." for part in name.split("/"))


def _detect_version(root: ET.Element) -> str:
    for meta in root.iter():
        if _local(meta.tag) == "schemaversion" and meta.text:
            text = meta.text.strip().lower()
            if text == "1.2":
                return "1.2"
            if "2004" in text or "cam 1.3" in text:
                return "2004"
    # No schemaversion: the namespaces of the adlcp attributes and elements tell.
    names = " ".join(" ".join([el.tag, *el.attrib.keys()]) for el in root.iter()).lower()
    if "adlcp_v1p3" in names or "adlseq" in names or "imsss" in names:
        return "2004"
    if "adlcp_rootv1p2" in names:
        return "1.2"
    return ""


def inspect_package(data: Package) -> PackageInfo:
    """Check a SCORM zip and say what it is. Raises PackageError with every problem found."""
    try:
        archive = _zip(data)
    except zipfile.BadZipFile as exc:
        raise PackageError([_("The file is not a zip archive. Upload the SCORM package as exported (.zip).")]) from exc
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        unsafe = [i.filename for i in infos if _unsafe(i.filename)]
        if unsafe:
            raise PackageError(
                [
                    _("The package contains unsafe file paths (absolute or with '..'): %(paths)s.")
                    % {"paths": ", ".join(unsafe[:5])}
                ]
            )
        if len(infos) > MAX_FILES or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            raise PackageError(
                [ngettext("The package is too large: at most %(files)d file and 500 MB unpacked.",
                          "The package is too large: at most %(files)d files and 500 MB unpacked.", MAX_FILES)
                 % {"files": MAX_FILES}]
            )
        names = {i.filename for i in infos}
        if "imsmanifest.xml" not in names:
            nested = [n for n in names if n.endswith("/imsmanifest.xml")]
            hint = (
                (
                    _(" It was found at %(path)s: zip the contents of that folder, not the folder itself.")
                    % {"path": nested[0]}
                )
                if nested
                else ""
            )
            raise PackageError([_("imsmanifest.xml is missing from the top level of the package.") + hint])
        manifest = archive.read("imsmanifest.xml")
        if b"<!DOCTYPE" in manifest or b"<!ENTITY" in manifest:
            # SCORM manifests need no DTD; refusing them rules out entity-expansion attacks.
            raise PackageError([_("imsmanifest.xml must not contain a DOCTYPE or ENTITY declaration.")])
        try:
            root = ET.fromstring(manifest)  # noqa: S314 - DTDs refused above; expat resolves no external entities
        except ET.ParseError as exc:
            raise PackageError([_("imsmanifest.xml is not well-formed XML (%(detail)s).") % {"detail": exc}]) from exc
    return _read_manifest(root, names)


def _read_manifest(root: ET.Element, names: set[str]) -> PackageInfo:
    errors: list[str] = []
    warnings: list[str] = []
    if _local(root.tag) != "manifest":
        raise PackageError([_("imsmanifest.xml does not start with a <manifest> element.")])
    version = _detect_version(root)
    if not version:
        raise PackageError([_("The manifest does not say which SCORM version it is (schemaversion 1.2 or 2004).")])

    resources: dict[str, ET.Element] = {}
    for res_list in _children(root, "resources"):
        for res in _children(res_list, "resource"):
            resources[_attr(res, "identifier")] = res

    def base_of(res: ET.Element) -> str:
        return _attr(root, "base") + _attr(res_list_of.get(id(res), root), "base") + _attr(res, "base")

    res_list_of = {id(r): rl for rl in _children(root, "resources") for r in _children(rl, "resource")}
    scos = {rid: r for rid, r in resources.items() if _attr(r, "scormtype").lower() == "sco"}
    if not scos:
        raise PackageError(
            [_('The manifest declares no SCO (a resource with scormType="sco"): nothing can be launched.')]
        )

    # Items of the default organisation, in order, that point to a SCO.
    sco_items: list[tuple[ET.Element, ET.Element]] = []
    title = ""
    for orgs in _children(root, "organizations"):
        default = _attr(orgs, "default")
        org_list = _children(orgs, "organization")
        chosen = next((o for o in org_list if _attr(o, "identifier") == default), org_list[0] if org_list else None)
        if chosen is None:
            continue
        title_el = _children(chosen, "title")
        title = (title_el[0].text or "").strip() if title_el else ""
        for item in chosen.iter():
            if _local(item.tag) == "item" and _attr(item, "identifierref") in scos:
                sco_items.append((item, scos[_attr(item, "identifierref")]))
    if not sco_items:
        sco_items = [(root, next(iter(scos.values())))]

    first_item, first_sco = sco_items[0]
    href = _attr(first_sco, "href")
    if not href:
        errors.append(
            _("The first SCO (%(id)s) has no href: the launch file is not named.")
            % {"id": _attr(first_sco, "identifier")}
        )
    launch = posixpath.normpath(base_of(first_sco) + href.split("?")[0].split("#")[0]) if href else ""
    parameters = _attr(first_item, "parameters")
    if launch and launch not in names:
        errors.append(_("The launch file %(path)s named in the manifest is not in the package.") % {"path": launch})
    if launch and _unsafe(launch):
        errors.append(_("The launch file path %(path)s is not safe.") % {"path": launch})

    missing = []
    for res in resources.values():
        for f in _children(res, "file"):
            path = posixpath.normpath(base_of(res) + _attr(f, "href"))
            if path not in names:
                missing.append(path)
    if missing:
        errors.append(
            _("Files named in the manifest are missing from the package: %(paths)s.")
            % {"paths": ", ".join(sorted(set(missing))[:10])}
        )
    if errors:
        raise PackageError(errors)
    launchables = []
    for item, res in sco_items:
        item_href = _attr(res, "href")
        path = posixpath.normpath(base_of(res) + item_href.split("?")[0].split("#")[0]) if item_href else ""
        params = _attr(item, "parameters")
        if params:
            path += params if params.startswith(("?", "#")) else "?" + params
        elif "?" in item_href:
            path += "?" + item_href.split("?", 1)[1]
        title_el = _children(item, "title")
        launchables.append(
            {
                "identifier": _attr(item, "identifier") or _attr(res, "identifier"),
                "title": (title_el[0].text or "").strip() if title_el else "",
                "href": path,
            }
        )
    unsupported = _unsupported(root)
    if unsupported:
        warnings.append(
            _(
                "CTIMS plays the SCOs in order with a table of contents and the default rollup; "
                "it does not apply: %(what)s."
            )
            % {"what": ", ".join(unsupported)}
        )
    if parameters:
        launch_with_params = launch + (parameters if parameters.startswith(("?", "#")) else "?" + parameters)
    else:
        launch_with_params = launch + ("?" + href.split("?", 1)[1] if "?" in href else "")
    return PackageInfo(
        version=version,
        title=title,
        launch_path=launch_with_params,
        # SCOs are the distinct resources of adlcp:scormType="sco" the organisation launches, not its items
        sco_count=len({_attr(res, "identifier") for _item, res in sco_items}),
        files=sorted(names),
        warnings=warnings,
        scos=launchables,
        unsupported=unsupported,
    )


# Sequencing elements (IMS SS, ADL sequencing and navigation) beyond flow, choice and the default rollup.
_UNSUPPORTED = {
    "sequencingRules": gettext_noop("sequencing rules (pre-, post- and exit conditions)"),
    "rollupRules": gettext_noop("rollup rules other than the default"),
    "limitConditions": gettext_noop("limit conditions"),
    "randomizationControls": gettext_noop("randomisation of activities"),
    "mapInfo": gettext_noop("shared global objectives"),
    "constrainedChoiceConsiderations": gettext_noop("constrained choice"),
    "rollupConsiderations": gettext_noop("rollup considerations"),
    "sequencingCollection": gettext_noop("shared sequencing collections"),
}


def _unsupported(root: ET.Element) -> list[str]:
    found = []
    for el in root.iter():
        name = _local(el.tag)
        if name in _UNSUPPORTED and _(_UNSUPPORTED[name]) not in found:
            found.append(_(_UNSUPPORTED[name]))
    return found


def rollup(states: list[RuntimeState]) -> RuntimeState:
    """The course's status from its SCOs' by SCORM 2004's default rollup rules (SN book, RB.1.1-RB.1.3, for an
    activity tree of one level without rollup rules of its own):

    completion: completed when every SCO is completed, incomplete when every SCO's progress is known (or any is
    attempted: the learner has started), else unknown; success: passed (satisfied) when every SCO is passed,
    failed (not satisfied) when every SCO's status is known and not all passed, else unknown; score: the average
    of the SCOs' scores, each weighing 1 and a SCO without a score counting as weight without measure."""
    if not states:
        return RuntimeState("unknown", "unknown", None, "", "")
    completions = [st.completion_status for st in states]
    if all(c == "completed" for c in completions):
        completion = "completed"
    elif any(c not in ("unknown", "not attempted", "") for c in completions):
        completion = "incomplete"
    else:
        completion = "unknown"
    successes = [st.success_status for st in states]
    if all(x == "passed" for x in successes):
        success = "passed"
    elif all(x in ("passed", "failed") for x in successes):
        success = "failed"
    else:
        success = "unknown"
    scores = [st.score_percent for st in states if st.score_percent is not None]
    score = (sum(scores, Decimal(0)) / len(states)).quantize(Decimal("0.1")) if scores else None
    return RuntimeState(completion, success, score, "", "")


def unpack(data: Package, target: Path) -> int:
    """Write the (already inspected) package under `target`; returns the number of files."""
    count = 0
    with _zip(data) as archive:
        for info in archive.infolist():
            if info.is_dir() or _unsafe(info.filename):
                continue
            dest = (target / info.filename).resolve()
            if not str(dest).startswith(str(target.resolve()) + "/"):
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as src, open(dest, "wb") as out:
                while chunk := src.read(1 << 16):
                    out.write(chunk)
            count += 1
    return count


# --- runtime data --------------------------------------------------------------------------------


@dataclass
class RuntimeState:
    completion_status: str  # completed / incomplete / not attempted / unknown
    success_status: str  # passed / failed / unknown
    score_percent: Decimal | None
    suspend_data: str
    location: str


def _num(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _scaled_percent(raw: Decimal | None, lo: Decimal | None, hi: Decimal | None) -> Decimal | None:
    if raw is None:
        return None
    if hi is not None and lo is not None and hi > lo:
        value = (raw - lo) * 100 / (hi - lo)
    elif hi is not None and hi > 0:
        value = raw * 100 / hi
    else:
        value = raw  # SCORM 1.2 default range is 0..100
    return max(Decimal("0"), min(Decimal("100"), value)).quantize(Decimal("0.1"))


def interpret(version: str, cmi: dict[str, Any]) -> RuntimeState:
    """Read status and score as each standard defines them.

    SCORM 1.2 folds both into cmi.core.lesson_status: passed/failed imply completed, and
    completed/incomplete/browsed say nothing about success. SCORM 2004 keeps
    cmi.completion_status and cmi.success_status apart and reports cmi.score.scaled in -1..1.
    """
    if version == "1.2":
        status = str(cmi.get("cmi.core.lesson_status", "") or "not attempted")
        completion = (
            "completed"
            if status in ("completed", "passed", "failed")
            else ("not attempted" if status == "not attempted" else "incomplete")
        )
        success = status if status in ("passed", "failed") else "unknown"
        score_12 = _scaled_percent(
            _num(cmi.get("cmi.core.score.raw")),
            _num(cmi.get("cmi.core.score.min")),
            _num(cmi.get("cmi.core.score.max")),
        )
        return RuntimeState(
            completion,
            success,
            score_12,
            str(cmi.get("cmi.suspend_data", "") or ""),
            str(cmi.get("cmi.core.lesson_location", "") or ""),
        )
    completion = str(cmi.get("cmi.completion_status", "") or "unknown")
    success = str(cmi.get("cmi.success_status", "") or "unknown")
    scaled = _num(cmi.get("cmi.score.scaled"))
    if scaled is not None:
        score: Decimal | None = max(Decimal("0"), min(Decimal("100"), scaled * 100)).quantize(Decimal("0.1"))
    else:
        score = _scaled_percent(
            _num(cmi.get("cmi.score.raw")), _num(cmi.get("cmi.score.min")), _num(cmi.get("cmi.score.max"))
        )
    return RuntimeState(
        completion, success, score, str(cmi.get("cmi.suspend_data", "") or ""), str(cmi.get("cmi.location", "") or "")
    )


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """{'cmi': {'core': {'lesson_status': 'x'}}} -> {'cmi.core.lesson_status': 'x'} (arrays by index)."""
    out: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out.update(flatten(value, f"{prefix}.{i}"))
    else:
        out[prefix] = data
    return out


_TIMESPAN_12 = re.compile(r"^(\d{1,4}):([0-5]?\d):([0-5]?\d)(?:\.(\d{1,2}))?$")
_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")


def timespan_seconds(value: Any) -> float:
    """A SCORM 1.2 CMITimespan (HHHH:MM:SS.SS) or a SCORM 2004 timeinterval (ISO 8601 duration, PT1H2M3.5S) in
    seconds; 0 for anything else (a year is 365 days and a month 30, as the 2004 runtime reference allows)."""
    text = str(value or "").strip()
    m = _TIMESPAN_12.match(text)
    if m:
        return int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]) + (int((m[4] or "0").ljust(2, "0")) / 100)
    m = _DURATION.match(text)
    if m and text not in ("P", "PT"):
        y, mo, d, h, mi = (int(g or 0) for g in m.groups()[:5])
        return (((y * 365 + mo * 30 + d) * 24 + h) * 60 + mi) * 60 + float(m[6] or 0)
    return 0.0


def format_timespan(version: str, seconds: float) -> str:
    """Seconds as the version's time format: 1.2 HHHH:MM:SS.SS, 2004 PT#H#M#S (hundredths at most)."""
    cs = round(max(seconds, 0) * 100)
    h, rest = divmod(cs, 360000)
    m, rest = divmod(rest, 6000)
    sec, hundredths = divmod(rest, 100)
    if version == "1.2":
        return f"{min(h, 9999):04d}:{m:02d}:{sec:02d}.{hundredths:02d}"
    frac = f".{hundredths:02d}".rstrip("0").rstrip(".") if hundredths else ""
    return f"PT{h}H{m}M{sec}{frac}S"


def time_keys(version: str) -> tuple[str, str]:
    """(session_time, total_time) element names of the version."""
    if version == "1.2":
        return "cmi.core.session_time", "cmi.core.total_time"
    return "cmi.session_time", "cmi.total_time"


def accumulate_time(
    version: str, sessions: dict[str, float], session_key: str, cmi: dict[str, Any], elapsed: float | None
) -> float:
    """Record this session's time and return the learner's total time (the sum of every session).

    Per the standard the SCO reports its session time and the LMS adds it to the total; a SCO that reports none
    (or whose last report was lost while the page closed) is given the time the player measured it open. A
    session's time only grows: commits of one session may arrive out of order."""
    session_key_name, _total = time_keys(version)
    reported = timespan_seconds(cmi.get(session_key_name))
    this = max(reported, float(elapsed or 0))
    if session_key:
        sessions[session_key] = max(float(sessions.get(session_key, 0)), this)
    return sum(float(v) for v in sessions.values())


def resume_values(version: str, cmi: dict[str, Any], learner_id: str, learner_name: str) -> dict[str, str]:
    """What the runtime is loaded with before Initialize, so a suspended attempt carries on."""
    if version == "1.2":
        keep = [
            "cmi.core.lesson_location",
            "cmi.core.lesson_status",
            "cmi.core.score.raw",
            "cmi.suspend_data",
            "cmi.core.total_time",
        ]
        values = {k: str(cmi[k]) for k in keep if cmi.get(k) not in (None, "")}
        values["cmi.core.student_id"] = learner_id
        values["cmi.core.student_name"] = learner_name
        if cmi.get("cmi.core.exit") == "suspend":
            values["cmi.core.entry"] = "resume"
        return values
    keep = [
        "cmi.location",
        "cmi.completion_status",
        "cmi.success_status",
        "cmi.score.scaled",
        "cmi.suspend_data",
        "cmi.total_time",
    ]
    values = {k: str(cmi[k]) for k in keep if cmi.get(k) not in (None, "")}
    values["cmi.learner_id"] = learner_id
    values["cmi.learner_name"] = learner_name
    if cmi.get("cmi.exit") == "suspend":
        values["cmi.entry"] = "resume"
    return values
