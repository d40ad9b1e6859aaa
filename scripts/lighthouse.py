"""``make lighthouse``: Lighthouse's four category scores for the home, a partner city and a story
page, in Persian and English, on the demo site served as production serves it.

In a temporary folder it migrates a fresh SQLite database, seeds the demo, collects the static
files (whitenoise's compressed, hashed copies) and serves the site under gunicorn with
config/settings/lighthouse.py (production's settings: DEBUG off, the strict Content-Security-
Policy, the page cache) on 127.0.0.1. Lighthouse (npm, package-lock.json) then runs each page
with Debian's Chromium and its default mobile profile (an emulated phone, simulated slow 4G and
a 4x slower CPU). It prints one table, writes it with the audits that cost points to
var/lighthouse/latest.md (each page's full report beside it, JSON and HTML), and exits non-zero
when a page misses issue 9's targets.
"""

import argparse
import datetime
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "lighthouse"
PYTHON = sys.executable
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# (page, Persian path); the English page is the same path under /en/ (the demo's translations
# keep their slugs). Slugs that seed_demo creates, so every run grades the same pages.
PAGES = [
    ("home", "/"),
    ("partner city", "/partner-cities/xian/"),
    ("story", "/news/xian-delegation-visit-2025/"),
]
LANGUAGES = [("fa", ""), ("en", "/en")]
CATEGORIES = [
    ("performance", "performance"),
    ("accessibility", "accessibility"),
    ("best-practices", "best practices"),
    ("seo", "SEO"),
]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
ATTEMPTS = 3
METRICS = [
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
]


def log(message):
    print(f"[lighthouse {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def wait_for(url, server, log_path):
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"The site did not start; see {log_path}")
            time.sleep(0.3)


def run_lighthouse(url, output_base):
    """Lighthouse's report (parsed JSON) for ``url``; its JSON and HTML are kept beside
    ``output_base``. Lighthouse sometimes fails to record the page load's trace (NO_NAVSTART,
    about one run in five with this Chromium) and asks to be run again: so it is, a few times."""
    report_path = Path(f"{output_base}.report.json")
    for attempt in range(1, ATTEMPTS + 1):
        report_path.unlink(missing_ok=True)  # never an earlier attempt's report
        finished = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--form-factor=mobile",
                "--only-categories=" + ",".join(key for key, _label in CATEGORIES),
                "--output=json",
                "--output=html",
                f"--output-path={output_base}",
                "--chrome-flags=" + " ".join(CHROMIUM_FLAGS),
            ],
            cwd=ROOT,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=False,
        )
        report = json.loads(report_path.read_text()) if report_path.exists() else {}
        if report and not report.get("runtimeError") and finished.returncode == 0:
            return report
        error = (report.get("runtimeError") or {}).get("message") or (
            f"exit status {finished.returncode}, no report"
        )
        log(f"Lighthouse failed on attempt {attempt} of {ATTEMPTS}: {error}")
    sys.exit(f"Lighthouse could not grade {url}")


def score(report, category):
    value = report["categories"][category]["score"]
    return None if value is None else round(value * 100)


def lost_points(report):
    """(category, audit title, what it found) of each weighted audit that did not pass; the
    performance metrics, which are scored on a curve, are in ``metrics`` instead."""
    found = []
    for key, label in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("group") == "metrics":
                continue
            if ref.get("weight") and audit["score"] is not None and audit["score"] < 1:
                what = audit.get("displayValue") or audit.get("explanation", "")
                found.append((label, audit["title"], what))
    return found


def metrics(report):
    return ", ".join(
        f"{label} {report['audits'][key]['displayValue']}"
        for key, label in METRICS
        if report["audits"].get(key, {}).get("displayValue")
    )


def table(rows):
    header = ["page", "language", "URL", *(label for _key, label in CATEGORIES)]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [row["page"], row["language"], f"`{row['path']}`"]
        cells += [
            "–" if row["scores"][key] is None else str(row["scores"][key]) for key, _ in CATEGORIES
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def misses(rows):
    return [
        (row, key)
        for row in rows
        for key, _label in CATEGORIES
        if row["scores"][key] is None or row["scores"][key] < TARGETS[key]
    ]


def version(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs per page (default 3); each score is their median, so one slow run on a "
        "busy machine does not decide it",
    )
    options = parser.parse_args()
    for path, fix in [(CHROMIUM, "apt-get install chromium"), (LIGHTHOUSE, "npm ci")]:
        if not Path(path).exists():
            sys.exit(f"{path} is missing: run scripts/install-browser-deps.sh ({fix})")

    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    reports = OUT / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    reports.mkdir()
    with tempfile.TemporaryDirectory(prefix="diplomat-lighthouse-") as folder:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.lighthouse",
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "MEDIA_ROOT": f"{folder}/media",
            "PRIVATE_MEDIA_ROOT": f"{folder}/private",
            "EMAIL_URL": "consolemail://",
            "SITE_URL": base,
            "PYTHONUNBUFFERED": "1",
        }
        log("migrating a fresh SQLite database and seeding the demo")
        manage(env, "migrate", "--no-input")
        manage(env, "seed_demo")
        log("collecting static files (compressed, hashed names)")
        manage(env, "collectstatic", "--no-input", "--clear")
        log_path = Path(folder) / "server.log"
        with log_path.open("w") as server_log:
            server = subprocess.Popen(
                [
                    *(PYTHON, "-m", "gunicorn", "config.wsgi:application"),
                    *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"),
                    # Not the user's shared control socket, where another gunicorn (make bench,
                    # a local production copy) may be listening.
                    "--no-control-socket",
                ],
                cwd=ROOT,
                env=env,
                stdout=server_log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_for(base + "/", server, log_path)
                rows = []
                for page, path in PAGES:
                    for language, prefix in LANGUAGES:
                        url = base + prefix + path
                        try:
                            urllib.request.urlopen(url, timeout=10).close()
                        except urllib.error.HTTPError as error:
                            sys.exit(f"{url} answered {error.code}: has the demo changed?")
                        name = f"{page.replace(' ', '-')}-{language}"
                        runs = []
                        for run in range(options.runs):
                            log(f"{page} ({language}) {url}, run {run + 1} of {options.runs}")
                            runs.append(run_lighthouse(url, reports / f"{name}-{run + 1}"))
                        scores = {
                            key: (
                                None
                                if None in (values := [score(r, key) for r in runs])
                                else round(statistics.median(values))
                            )
                            for key, _label in CATEGORIES
                        }
                        # The run with the median performance score stands for the page.
                        middle = sorted(
                            range(len(runs)), key=lambda i: score(runs[i], "performance") or 0
                        )[len(runs) // 2]
                        rows.append(
                            {
                                "page": page,
                                "language": language,
                                "path": prefix + path,
                                "scores": scores,
                                "lost": sorted({item for r in runs for item in lost_points(r)}),
                                "metrics": metrics(runs[middle]),
                                "report": f"reports/{name}-{middle + 1}.report.html",
                            }
                        )
            finally:
                server.terminate()
                server.wait(timeout=10)
            server_errors = log_path.read_text().strip()

    elapsed = time.monotonic() - started
    result = table(rows)
    print("\n" + result + "\n")
    missed = misses(rows)
    notes = [
        f"# Lighthouse, {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        "",
        f"`make lighthouse` ({options.runs} run(s) per page, median score), "
        f"Lighthouse {version(str(LIGHTHOUSE), '--version')}, {version(CHROMIUM, '--version')}, "
        "mobile profile (simulated throttling), config/settings/lighthouse.py under gunicorn "
        f"on 127.0.0.1; {elapsed:.0f} s in all.",
        "",
        result,
        "",
        "Targets: performance ≥ 95, the others 100. "
        + ("All met." if not missed else f"Missed: {len(missed)}."),
        "",
        "## Per page",
        "",
        "Metrics and report of the run with the median performance score; below each page, the "
        "weighted audits that cost points in any of its runs.",
        "",
    ]
    for row in rows:
        notes.append(
            f"- **{row['page']} ({row['language']})**: {row['metrics']}; [report]({row['report']})"
        )
        for category, title, found in row["lost"]:
            notes.append(f"  - {category}: {title}" + (f" ({found})" if found else ""))
    if server_errors:
        notes += ["", "## Server log", "", "```", server_errors[-4000:], "```"]
    (OUT / "latest.md").write_text("\n".join(notes) + "\n")
    log(f"written to {(OUT / 'latest.md').relative_to(ROOT)} in {elapsed:.0f} s")
    if missed:
        for row, key in missed:
            log(f"below target: {row['page']} ({row['language']}) {key} {row['scores'][key]}")
        sys.exit(1)


if __name__ == "__main__":
    main()
