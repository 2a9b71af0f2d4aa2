#!/usr/bin/env python
"""Public pages on a slow connection: does a refugee who scans the leaflet's QR code read, in Ukrainian, what
to watch for and whom to call within a second or two?

    .venv/bin/python bench/public_slow_network.py                # 5 runs, port 8501, all profiles
    .venv/bin/python bench/public_slow_network.py --runs 3 --profiles slow3g,unthrottled

It builds its own SQLite database in a temporary folder (migrate + seed_demo, as scripts/demo.sh does),
collects the static files into that folder (whitenoise's CompressedManifestStaticFilesStorage, as in
production; `--static plain` serves them uncompressed from the finders, as ctims.settings.dev does), starts
gunicorn (DEBUG off) on --port, and loads each page in Debian's Chromium through Playwright as a phone
(390x844, touch, locale uk-UA), with a new browser context (cold cache, new connections) for every load and
the network throttled by the DevTools protocol (Network.emulateNetworkConditions):

- slow3g: 400 kbit/s down and up, 400 ms latency (the nominal "Slow 3G" figures);
- fast3g: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency (the nominal "Fast 3G" figures);
- slow3g-devtools: the "Slow 3G" preset as DevTools and Puppeteer ship it: 400 kbit/s, but 2000 ms latency
  (400 ms x 5), because DevTools adds latency once per request and does not model DNS, TCP and TLS set-up,
  which on a real phone cost several round trips before the first byte;
- unthrottled (loopback).

Pages: the QR code's address (`/?lang=uk`, from directory.leaflet.public_url: the home page in Ukrainian,
which also sets the language cookie; until 2026-12-02 it was a redirect to `/` first), /help/warning-signs/ and
/help/helplines/. The baseline in the same run is /healthz ("ok", no template, no database) loaded as a page
under the same throttling: the floor that latency alone sets for one request.

Per load: first contentful paint, DOMContentLoaded, load, the time "112" (the emergency line at the top) and
the first helpline number are rendered (the first animation frame after the element is parsed, and not
before first paint), bytes on the wire and requests (DevTools protocol, redirect included; also the
resource-timing sum). Every load checks that the page is in Ukrainian (<html lang="uk"> and the Ukrainian
"In danger? Call 112." line). The target: content (the first helpline number on the QR page) visible within
2 s on Slow 3G, judged on the median and on the worst load.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TARGET_MS = 2000.0
UK_DANGER_LINE = "У небезпеці? Телефонуйте 112."  # "In danger? Call 112." in directory/locale/uk

# Network.emulateNetworkConditions: throughput in bytes/s, latency in ms added to each request.
PROFILES: dict[str, dict[str, Any] | None] = {
    "unthrottled": None,
    "fast3g": {"latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8},
    "slow3g": {"latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8},
    "slow3g-devtools": {"latency": 2000, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8},
}
PROFILE_LABELS = {
    "unthrottled": "unthrottled",
    "fast3g": "Fast 3G (1.6 Mbit/s, 150 ms)",
    "slow3g": "Slow 3G (400 kbit/s, 400 ms)",
    "slow3g-devtools": "Slow 3G DevTools preset (400 kbit/s, 2000 ms)",
}
PAGES = [  # (label, path, is a public page that must be in Ukrainian)
    ("baseline /healthz", "/healthz", False),
    ("QR landing /?lang=uk", "/?lang=uk", True),
    ("/help/warning-signs/", "/help/warning-signs/", True),
    ("/help/helplines/", "/help/helplines/", True),
]

# Runs before the page's own code: notes when "112" and the first helpline number are parsed, and the next
# animation frame after that (frames are not produced while a stylesheet still blocks rendering).
INIT_SCRIPT = """
(() => {
  const marks = {};
  window.__bench = marks;
  const targets = {call112: '.emergency a[href="tel:112"]', helpline: 'main a.call:not(.call--danger)'};
  const check = () => {
    for (const [key, selector] of Object.entries(targets)) {
      if (marks[key + 'Parsed'] === undefined && document.querySelector(selector)) {
        marks[key + 'Parsed'] = performance.now();
        requestAnimationFrame(() => { marks[key + 'Frame'] = performance.now(); });
      }
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
})();
"""

COLLECT_SCRIPT = """
async () => {
  // the paint entry is reported after the frame is presented, which can be after the load event
  const deadline = performance.now() + 15000;
  const marks = window.__bench || {};
  const pending = () => !performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint')
    || ['call112', 'helpline'].some(k => marks[k + 'Parsed'] !== undefined && marks[k + 'Frame'] === undefined);
  while (pending() && performance.now() < deadline) await new Promise(r => setTimeout(r, 20));
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
  const resources = performance.getEntriesByType('resource').filter(e => !e.name.endsWith('/favicon.ico'));
  const top = sel => {
    const el = document.querySelector(sel);
    return el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
  };
  return {
    lang: document.documentElement.lang,
    text: document.body ? document.body.innerText : '',
    fcp: fcp ? fcp.startTime : null,
    redirect: nav.redirectEnd - nav.redirectStart,
    ttfb: nav.responseStart,
    dcl: nav.domContentLoadedEventStart,
    load: nav.loadEventStart,
    resourceBytes: nav.transferSize + resources.reduce((s, e) => s + e.transferSize, 0),
    resourceCount: 1 + resources.length,
    call112: marks.call112Frame ?? null,
    helpline: marks.helplineFrame ?? null,
    call112Top: top('.emergency a[href="tel:112"]'),
    helplineTop: top('main a.call:not(.call--danger)'),
    screenHeight: window.innerHeight,
  };
}
"""


def environment(tmp: Path, static: str, html_gzip: bool) -> dict[str, str]:
    """Settings for the bench: ctims.settings.dev (DEBUG off) plus the static-file set-up, in a module in tmp."""
    from cryptography.fernet import Fernet

    lines = ["from ctims.settings.dev import *  # noqa", "DEBUG = False"]
    if static == "compressed":
        lines += [
            f"STATIC_ROOT = {str(tmp / 'static')!r}",
            "STORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'},",
            "            'staticfiles': {'BACKEND': 'whitenoise.storage.CompressedManifestStaticFilesStorage'}}",
            "WHITENOISE_USE_FINDERS = False",
            "WHITENOISE_AUTOREFRESH = False",
        ]
    if html_gzip:  # what-if only: CTIMS itself does not compress HTML (nginx may)
        lines += ["MIDDLEWARE = ['django.middleware.gzip.GZipMiddleware', *MIDDLEWARE]"]
    (tmp / "bench_public_settings.py").write_text("\n".join(lines) + "\n")
    return {
        **os.environ,
        "PYTHONPATH": f"{tmp}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "bench_public_settings",
        "CTIMS_ENV_FILE": "/nonexistent",
        "SECRET_KEY": "bench-public-secret-key-" + "x" * 40,
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "BLIND_INDEX_KEY": "bench-public-blind-index-key-0123456789abcdef",
        "DATABASE_URL": f"sqlite:///{tmp / 'ctims.sqlite3'}",
        "CTIMS_DEMO_MODE": "1",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def start_server(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "ctims.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--threads",
            "4",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}); see {log}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def warm_up(port: int) -> None:
    """First requests import views and compile templates in each worker: not what a visitor waits for."""
    for _ in range(8):
        for _label, path, _uk in PAGES:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path.replace("?lang=uk", ""), headers={"Accept-Language": "uk-UA,uk;q=0.9"})
            conn.getresponse().read()


def load_once(
    browser: Any, base: str, path: str, profile: dict[str, Any] | None, cpu_slowdown: float, waterfall: bool
) -> dict[str, Any]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True, locale="uk-UA"
    )
    try:
        page = context.new_page()
        page.add_init_script(INIT_SCRIPT)
        cdp = context.new_cdp_session(page)
        requests: dict[str, dict[str, Any]] = {}
        hops: list[dict[str, Any]] = []

        def sent(event: dict[str, Any]) -> None:
            if event.get("redirectResponse"):
                r = event["redirectResponse"]
                hops.append(
                    {
                        "url": r["url"],
                        "status": r["status"],
                        "bytes": r.get("encodedDataLength", 0),
                        "start": requests[event["requestId"]]["start"],
                        "end": event["timestamp"],
                    }
                )
            requests[event["requestId"]] = {
                "url": event["request"]["url"],
                "start": event["timestamp"],
                "bytes": 0,
                "status": None,
                "end": None,
            }

        def received(event: dict[str, Any]) -> None:
            if event["requestId"] in requests:
                requests[event["requestId"]]["status"] = event["response"]["status"]

        def finished(event: dict[str, Any]) -> None:
            if event["requestId"] in requests:
                requests[event["requestId"]].update(bytes=event["encodedDataLength"], end=event["timestamp"])

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.responseReceived", received)
        cdp.on("Network.loadingFinished", finished)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if profile:
            cdp.send("Network.emulateNetworkConditions", {"offline": False, "connectionType": "cellular3g", **profile})
        if cpu_slowdown > 1:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        page.goto(base + path, wait_until="load", timeout=120_000)
        result: dict[str, Any] = page.evaluate(COLLECT_SCRIPT)
        every = hops + list(requests.values())
        entries = [e for e in every if not e["url"].endswith("/favicon.ico")]  # asked for after the page
        result["bytes"] = sum(e["bytes"] for e in entries)
        result["requests"] = len(entries)
        if waterfall:
            entries = every
            t0 = min(e["start"] for e in entries)
            result["waterfall"] = [
                {
                    "url": e["url"].replace(base, ""),
                    "status": e["status"],
                    "bytes": e["bytes"],
                    "start_ms": (e["start"] - t0) * 1000,
                    "end_ms": ((e["end"] or e["start"]) - t0) * 1000,
                }
                for e in sorted(entries, key=lambda e: e["start"])
            ]
        return result
    finally:
        context.close()


def summary(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    if not known:
        return "-"
    text = f"{statistics.median(known):.0f} / {max(known):.0f}"
    return text if len(known) == len(values) else text + f" ({len(values) - len(known)} missing)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--runs", type=int, default=5, help="loads per page and profile (each in a new context)")
    ap.add_argument("--port", type=int, default=8501)
    ap.add_argument(
        "--profiles",
        default="slow3g,fast3g,unthrottled,slow3g-devtools",
        help=f"comma-separated, from {', '.join(PROFILES)}",
    )
    ap.add_argument(
        "--static",
        choices=["compressed", "plain"],
        default="compressed",
        help="compressed: collectstatic with CompressedManifestStaticFilesStorage (production); "
        "plain: whitenoise from the finders, uncompressed (ctims.settings.dev)",
    )
    ap.add_argument(
        "--html-gzip",
        action="store_true",
        help="what-if: put Django's GZipMiddleware in front (CTIMS does not compress HTML itself)",
    )
    ap.add_argument("--cpu-slowdown", type=float, default=1.0, help="Chromium CPU throttling rate (1: none)")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers (4 threads each)")
    ap.add_argument("--json", help="also write every load's figures to this file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (database, static, log)")
    args = ap.parse_args()
    profiles = [p.strip() for p in args.profiles.split(",") if p.strip()]
    for p in profiles:
        if p not in PROFILES:
            raise SystemExit(f"unknown profile {p!r}: choose from {', '.join(PROFILES)}")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium")

    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="ctims-bench-public-"))
    server = None
    try:
        env = environment(tmp, args.static, args.html_gzip)
        t = time.perf_counter()
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "seed_demo")
        if args.static == "compressed":
            manage(env, "collectstatic", "--no-input", "-v0")
        print(f"database and static files in {tmp} ready in {time.perf_counter() - t:.1f} s", flush=True)
        server = start_server(env, args.port, args.workers, tmp / "gunicorn.log")
        warm_up(args.port)
        base = f"http://127.0.0.1:{args.port}"
        loads: dict[tuple[str, str], list[dict[str, Any]]] = {}
        waterfalls: dict[str, list[dict[str, Any]]] = {}
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
            try:
                print(
                    f"Chromium {browser.version}; static {args.static}; html gzip {args.html_gzip}; "
                    f"CPU slowdown {args.cpu_slowdown}; load average {' '.join(load_before)}",
                    flush=True,
                )
                for profile in profiles:
                    for run in range(args.runs):
                        for label, path, must_be_uk in PAGES:
                            r = load_once(
                                browser,
                                base,
                                path,
                                PROFILES[profile],
                                args.cpu_slowdown,
                                waterfall=run == 0 and path == "/?lang=uk",
                            )
                            if must_be_uk and (r["lang"] != "uk" or UK_DANGER_LINE not in r["text"]):
                                raise SystemExit(f"{path} is not in Ukrainian (lang={r['lang']!r})")
                            if "waterfall" in r:
                                waterfalls[profile] = r.pop("waterfall")
                            r.pop("text")
                            loads.setdefault((label, profile), []).append(r)
                    print(f"  {profile}: {args.runs} runs done", flush=True)
            finally:
                browser.close()
        load_after = Path("/proc/loadavg").read_text().split()[:3]
        report(loads, waterfalls, profiles, args.runs, started, load_before, load_after)
        if args.json:
            Path(args.json).write_text(
                json.dumps({f"{label} | {profile}": rs for (label, profile), rs in loads.items()}, indent=1)
            )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def report(
    loads: dict[tuple[str, str], list[dict[str, Any]]],
    waterfalls: dict[str, list[dict[str, Any]]],
    profiles: list[str],
    runs: int,
    started: str,
    load_before: list[str],
    load_after: list[str],
) -> None:
    print(
        f"\n{started}, {runs} cold loads each; load average {' '.join(load_before)} before, "
        f"{' '.join(load_after)} after"
    )
    print(
        "times in ms from the start of navigation, median / max; KB on the wire (DevTools protocol, "
        "headers and redirect included, /favicon.ico left out)\n"
    )
    print("| profile | page | FCP | DOMContentLoaded | load | 112 shown | helpline no. shown | KB | requests |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for profile in profiles:
        for label, _path, _uk in PAGES:
            rs = loads[(label, profile)]
            kb = statistics.median(r["bytes"] for r in rs) / 1000
            reqs = statistics.median(r["requests"] for r in rs)
            print(
                f"| {PROFILE_LABELS[profile]} | {label} | {summary([r['fcp'] for r in rs])} "
                f"| {summary([r['dcl'] for r in rs])} | {summary([r['load'] for r in rs])} "
                f"| {summary([shown(r, 'call112') for r in rs])} | {summary([shown(r, 'helpline') for r in rs])} "
                f"| {kb:.1f} | {reqs:g} |"
            )
    print()
    for profile in profiles:
        rs = loads[("QR landing /?lang=uk", profile)]
        print(
            f"{PROFILE_LABELS[profile]}, QR landing: redirect {summary([r['redirect'] for r in rs])} ms, "
            f"first byte of the page {summary([r['ttfb'] for r in rs])} ms; resource-timing bytes "
            f"{statistics.median(r['resourceBytes'] for r in rs) / 1000:.1f} KB in "
            f"{statistics.median(r['resourceCount'] for r in rs):g} entries (the redirect not counted); "
            f"first helpline number {rs[0]['helplineTop']} px from the top of the page and 112 at "
            f"{rs[0]['call112Top']} px (screen height {rs[0]['screenHeight']} px)"
        )
    print()
    for profile in profiles:
        if profile not in waterfalls:
            continue
        print(f"requests of the first QR landing load, {PROFILE_LABELS[profile]}:")
        for w in waterfalls[profile]:
            print(f"  {w['start_ms']:7.0f} -> {w['end_ms']:7.0f} ms  {w['status']}  {w['bytes']:6d} B  {w['url']}")
    print()
    for profile in [p for p in profiles if p.startswith("slow3g")]:
        rs = loads[("QR landing /?lang=uk", profile)]
        times = [shown(r, "helpline") for r in rs]
        known = [t for t in times if t is not None]
        if len(known) != len(times):
            print(f"target ({PROFILE_LABELS[profile]}): MISS, the helpline number was not shown in every load")
            continue
        median, worst = statistics.median(known), max(known)
        verdict = "PASS" if worst <= TARGET_MS else "MISS (median within)" if median <= TARGET_MS else "MISS"
        print(
            f"target, helpline number on the QR page shown within {TARGET_MS / 1000:g} s "
            f"({PROFILE_LABELS[profile]}): median {median:.0f} ms, max {worst:.0f} ms -> {verdict}"
        )


def shown(r: dict[str, Any], key: str) -> float | None:
    """When the element was rendered: the first frame after it was parsed, and not before first paint."""
    if r[key] is None or r["fcp"] is None:
        return None
    return float(max(r[key], r["fcp"]))


if __name__ == "__main__":
    main()
