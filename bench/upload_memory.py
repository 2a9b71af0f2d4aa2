"""Memory of a large upload: a SCORM package of --mb megabytes (incompressible, like video).

Each phase runs in a fresh Python process and reports how far its peak resident memory (VmHWM)
rose above what it held once Django was loaded, so phases do not inherit each other's peaks:

- unpack, read whole (before issue 13): the package read into memory, inspected and unpacked;
- unpack, from the file (now): inspected and unpacked straight from the upload's temporary file;
- request body, accepted: the multipart body parsed by CTIMS's upload handlers (the file goes to a
  temporary file);
- request body, refused: the same body with a 20 MB limit (nothing past the limit is stored).

    .venv/bin/python bench/upload_memory.py --mb 300
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUNDARY = "benchboundary"
MANIFEST = (
    '<?xml version="1.0"?><manifest identifier="b" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
    'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"><metadata><schemaversion>1.2</schemaversion>'
    '</metadata><organizations default="o"><organization identifier="o"><title>Bench</title>'
    '<item identifier="i" identifierref="r"/></organization></organizations><resources>'
    '<resource identifier="r" adlcp:scormtype="sco" href="index.html"><file href="index.html"/>'
    '<file href="video.mp4"/></resource></resources></manifest>'
)


def _peak_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def phase(name: str, package: str, body: str) -> None:
    """Run one phase in this (fresh) process and print 'name rise_mb'."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctims.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.http.multipartparser import MultiPartParser
    from django.test import RequestFactory

    from training import scorm

    start = _rss_kb()
    with tempfile.TemporaryDirectory() as target:
        if name == "read-whole":
            data = Path(package).read_bytes()
            scorm.inspect_package(data)
            scorm.unpack(data, Path(target))
        elif name == "from-file":
            with open(package, "rb") as f:
                scorm.inspect_package(f)
                scorm.unpack(f, Path(target))
        else:
            settings.CTIMS_UPLOAD_MAX_BYTES = 20 * 1024 * 1024 if name == "refused" else 10**12
            size = Path(body).stat().st_size
            request = RequestFactory().post(
                "/training/manage/courses/upload/", data=b"", content_type=f"multipart/form-data; boundary={BOUNDARY}"
            )
            request.META["CONTENT_LENGTH"] = str(size)
            request.META["CONTENT_TYPE"] = f"multipart/form-data; boundary={BOUNDARY}"
            with open(body, "rb") as stream:
                _post, files = MultiPartParser(request.META, stream, request.upload_handlers, "utf-8").parse()
            kind = type(files["package"]).__name__
    print(name, round((_peak_kb() - start) / 1024, 1), kind if name in ("accepted", "refused") else "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        package = Path(work) / "package.zip"
        with zipfile.ZipFile(package, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr("imsmanifest.xml", MANIFEST)
            zf.writestr("index.html", "<html><body>Bench</body></html>")
            with zf.open("video.mp4", "w", force_zip64=True) as video:
                for _ in range(args.mb):
                    video.write(os.urandom(1024 * 1024))
        body = Path(work) / "body.bin"
        with open(body, "wb") as out, open(package, "rb") as src:
            out.write(
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="package"; filename="package.zip"\r\n'
                "Content-Type: application/zip\r\n\r\n".encode()
            )
            while chunk := src.read(1 << 20):
                out.write(chunk)
            out.write(f'\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name="family"\r\n\r\nbench\r\n'.encode())
            out.write(f"--{BOUNDARY}--\r\n".encode())
        print(f"package {package.stat().st_size / 1048576:.0f} MB; peak resident memory above the loaded process:")
        labels = {
            "read-whole": "unpack, read whole (before)",
            "from-file": "unpack, from the file (now)",
            "accepted": "request body, accepted",
            "refused": "request body, refused at 20 MB",
        }
        for name, label in labels.items():
            run = subprocess.run(
                [sys.executable, __file__, "--phase", name, str(package), str(body)],
                capture_output=True, text=True, check=False,
            )
            if run.returncode:
                sys.exit(run.stderr[-2000:])
            fields = [*run.stdout.strip().splitlines()[-1].split(), ""]
            print(f"  {label:<34} {float(fields[1]):>8.1f} MB  {fields[2]}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--phase":
        phase(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
