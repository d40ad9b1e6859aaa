"""``make bench``: how fast the site serves each public page type, with the demo and bulk data.

On a scratch PostgreSQL database (dropped at the end, however the run ends) it migrates, seeds
the demo, collects static files and serves the site with the production settings
(config/settings/bench.py: DEBUG off, whitenoise, the page cache switched by PAGE_CACHE_ENABLED)
under gunicorn (config/gunicorn.py) on 127.0.0.1. wrk then loads every page type for a fixed
time with a fixed number of connections, together with the framework's floor (a bare Django view
under the same stack) and the ceiling (a static file served by nginx, or by whitenoise where
nginx is not installed). Four runs: the demo data uncached, then after ``seed_bulk`` the bulk
data uncached, the bulk data cold (the memo off as well), and cached. It prints one table and writes it to var/bench/latest.md (the raw
figures to var/bench/latest.json).

Needs wrk and nginx (scripts/install-bench-deps.sh), a PostgreSQL server (BENCH_POSTGRES_URL,
default postgres://postgres@127.0.0.1:5432) and Redis for the cache (REDIS_URL, default
redis://127.0.0.1:6379/1, flushed before each run).
"""

import argparse
import datetime
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
STATIC_ROOT = OUT / "static"  # config/settings/bench.py collects here
PYTHON = sys.executable

# (page type, Persian URL): one page of each type, the same page in every run, so the bulk run
# shows what more content costs the same page.
PAGES = [
    ("home", "/"),
    ("partner index", "/partner-cities/"),
    ("partner city", "/partner-cities/xian/"),
    ("cultural-week index", "/cultural-weeks/"),
    ("cultural week", "/cultural-weeks/isfahan-in-paris/"),
    ("story index", "/news/"),
    ("story", "/news/xian-delegation-visit-2025/"),
    ("search", "/search/?q=" + quote("اصفهان")),
    ("standard page", "/about/"),
    ("application page", "/citizen-diplomats/"),
]
BARE = ("bare Django view", "/bench/bare/")
STATIC_NGINX = "static file (nginx)"
STATIC_WHITENOISE = "static file (whitenoise)"
STATIC_FILE = "css/main.css"
# (data and name, page cache on, memo on). "cold" is the bulk data with the memo off too
# (core/memo.py): every request does all its own work, as the first request after a publication.
RUNS = [
    ("demo", False, True),
    ("bulk", False, True),
    ("cold", False, False),
    ("cached", True, True),
]
CLEAR_CACHES = (
    "from django.conf import settings; from django.core.cache import caches\n"
    "for alias in settings.CACHES: caches[alias].clear()"
)

# Issue 9's targets, checked at the end.
TARGET_UNCACHED_RPS = 150
TARGET_UNCACHED_P99_MS = 100
TARGET_CACHED_VS_BARE = 0.5
TARGET_GROWTH = 1.5


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, quiet=True):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
        text=True,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout or ''}")
    return result.stdout or ""


@contextmanager
def scratch_database(server_url):
    name = f"diplomat_bench_{os.getpid()}"
    admin_url = f"{server_url.rstrip('/')}/postgres"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    log(f"scratch database {name}")
    try:
        yield f"{server_url.rstrip('/')}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        log(f"dropped {name}")


def analyse(database_url):
    """Fresh planner statistics after seeding, as autovacuum would give them sooner or later:
    without them the first run measures plans made for an empty database."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def page_count(database_url):
    with psycopg.connect(database_url) as connection:
        return connection.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0]


@contextmanager
def process(command, log_path, env=None):
    """Run ``command`` in its own process group for the ``with`` block, then stop that group."""
    with open(log_path, "w") as output:
        child = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield child
    finally:
        stop(child)


def stop(child):
    if child.poll() is not None:
        return
    # SIGINT: gunicorn's and nginx's quick shutdown; a worker busy with a slow page is not
    # waited for.
    child.send_signal(signal.SIGINT)
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()


def get(url, timeout=60):
    """(status, headers, body) of a GET that sends no cookie, as wrk's do not."""
    request = urllib.request.Request(url, headers={"User-Agent": "diplomat-bench"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_up(url, child, log_path, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if child.poll() is not None:
            sys.exit(
                f"The server stopped while starting; its log, {log_path}:\n{log_path.read_text()}"
            )
        try:
            if get(url, timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit(f"No answer from {url} after {seconds} s; see {log_path}")


@contextmanager
def gunicorn(env, name):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "SITE_URL": base}
    log_path = OUT / f"gunicorn-{name}.log"
    command = [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
    with process(command, log_path, env) as child:
        wait_until_up(base + BARE[1], child, log_path)
        yield base


NGINX_CONF = """\
daemon off;
worker_processes auto;
{user}pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    types {{ text/css css; application/javascript js; font/woff2 woff2; image/svg+xml svg; }}
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    open_file_cache max=1000 inactive=60s;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location /static/ {{ alias {static}/; expires max; }}
    }}
}}
"""


@contextmanager
def nginx(tmp):
    """nginx serving the collected static files; None where nginx is not installed (then the
    ceiling is whitenoise's answer through gunicorn)."""
    executable = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if executable is None:
        log("warning: no nginx; the static ceiling is whitenoise through gunicorn")
        yield None
        return
    port = free_port()
    # Started as root, nginx's workers run as its configured user: the owner of the files.
    owner = pwd.getpwuid(STATIC_ROOT.stat().st_uid).pw_name
    user = f"user {owner};\n" if os.geteuid() == 0 else ""
    conf = Path(tmp) / "nginx.conf"
    conf.write_text(NGINX_CONF.format(user=user, tmp=tmp, port=port, static=STATIC_ROOT))
    command = [executable, "-p", tmp, "-e", f"{tmp}/error.log", "-c", str(conf)]
    base = f"http://127.0.0.1:{port}"
    with process(command, OUT / "nginx.log") as child:
        wait_until_up(f"{base}/static/{static_file_name()}", child, OUT / "nginx.log", seconds=15)
        yield base


def static_file_name():
    manifest = json.loads((STATIC_ROOT / "staticfiles.json").read_text())
    return manifest["paths"][STATIC_FILE]


_DURATION = re.compile(r"([\d.]+)(us|ms|s|m)\b")
_UNIT_MS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}


def _ms(text):
    number, unit = _DURATION.match(text).groups()
    return float(number) * _UNIT_MS[unit]


def wrk(url, args):
    """Requests/s, p50 and p99 (ms), and failed responses at ``args.connections`` connections."""
    common = ["--timeout", "10s", "-t", str(args.threads), "-c", str(args.connections)]
    # A second's warm-up, not counted: workers import lazily and caches fill on first use.
    subprocess.run(["wrk", *common, "-d", "1s", url], capture_output=True, check=True)
    output = subprocess.run(
        ["wrk", *common, "-d", f"{args.duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": rps,
        "requests": requests,
        "duration": args.duration,
        # With no request answered within the run, wrk prints zeros for the percentiles.
        "p50": _ms(p50.group(1)) if p50 and requests else None,
        "p99": _ms(p99.group(1)) if p99 and requests else None,
        "failed": int(non_2xx.group(1)) if non_2xx else 0,
        # Sync workers close each connection, so wrk reconnects; only timeouts are failures.
        "timeouts": int(socket_errors.group(4)) if socket_errors else 0,
    }


def prime(base, targets, workers):
    """Send every URL to every worker a few times first: a worker's first request of a page
    type imports code and fills caches (seconds for the application form), which no run should
    count, and a short warm-up with a backlog of slow requests would."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = {}
        for (label, path), (status, _headers, body) in zip(
            targets, pool.map(get, [base + path for _label, path in targets]), strict=True
        ):
            statuses[label] = status
            if status != 200:
                text = body[:300].decode(errors="replace")
                log(f"  {label} ({path}) answered {status}; not measured: {text}…")
        working = [base + path for label, path in targets if statuses[label] == 200]
        list(pool.map(get, [url for url in working for _ in range(2 * workers)]))
    return statuses


def measure(base, static_base, args):
    results = {}
    targets = [*PAGES, BARE, (STATIC_WHITENOISE, f"/static/{static_file_name()}")]
    statuses = prime(base, targets, args.workers)
    for label, path in targets:
        if statuses[label] != 200:
            results[label] = {"rps": 0.0, "p50": None, "p99": None, "status": statuses[label]}
            continue
        results[label] = wrk(base + path, args)
        # After the load, a page the cache keeps is a hit (core/page_cache.py says which).
        results[label]["page_cache"] = get(base + path)[1].get("X-Page-Cache", "")
        log(f"  {label:24} {_cells(results[label])}")
    if static_base:
        results[STATIC_NGINX] = wrk(f"{static_base}/static/{static_file_name()}", args)
        log(f"  {STATIC_NGINX:24} {_cells(results[STATIC_NGINX])}")
    return results


def _cells(result):
    return " ".join(
        f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()
    )


# The table.


def _rps(result):
    if result.get("status", 200) != 200:
        return f"HTTP {result['status']}"
    mark = " ⚠" if result["failed"] or result["timeouts"] else ""
    value = result["rps"]
    return (f"{value:,.0f}" if value >= 100 else f"{value:.1f}") + mark


def _latency(result, name):
    value = result.get(name)
    if value is None:
        # No request answered within the run: each took longer than the whole run.
        return f"> {result['duration'] * 1000}" if result.get("requests") == 0 else "–"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def _ratio(numerator, denominator):
    if not numerator or not denominator:
        return "–"
    value = numerator / denominator
    return f"{value:.2f}×" if value >= 0.1 else f"{value:.3f}×"


def table(results, ceiling):
    demo, bulk, cached = results["demo"], results["bulk"], results["cached"]
    header = (
        "| page type | demo rps | p50 ms | p99 ms | bulk rps | p50 ms | p99 ms | bulk/demo time "
        "| cached rps | p50 ms | p99 ms | cache | bulk ÷ bare | cached ÷ bare | cached ÷ static |"
    )
    lines = [header, "|" + "---|" * header.count(" |")]
    for label, _path in [*PAGES, BARE]:
        d, b, c = demo[label], bulk[label], cached[label]
        is_page = label != BARE[0]
        lines.append(
            f"| {label} | {_rps(d)} | {_latency(d, 'p50')} | {_latency(d, 'p99')} "
            f"| {_rps(b)} | {_latency(b, 'p50')} | {_latency(b, 'p99')} "
            f"| {_ratio(d['rps'], b['rps'])} "
            f"| {_rps(c)} | {_latency(c, 'p50')} | {_latency(c, 'p99')} "
            f"| {c.get('page_cache') or '–'} "
            f"| {_ratio(b['rps'], bulk[BARE[0]]['rps']) if is_page else '–'} "
            f"| {_ratio(c['rps'], cached[BARE[0]]['rps']) if is_page else '–'} "
            f"| {_ratio(c['rps'], cached[ceiling]['rps'])} |"
        )
    for label in (STATIC_WHITENOISE, STATIC_NGINX)[: 2 if ceiling == STATIC_NGINX else 1]:
        d, b, c = demo[label], bulk[label], cached[label]
        lines.append(
            f"| {label} | {_rps(d)} | {_latency(d, 'p50')} | {_latency(d, 'p99')} "
            f"| {_rps(b)} | {_latency(b, 'p50')} | {_latency(b, 'p99')} | – "
            f"| {_rps(c)} | {_latency(c, 'p50')} | {_latency(c, 'p99')} | – | – | – "
            f"| {_ratio(c['rps'], cached[ceiling]['rps'])} |"
        )
    return "\n".join(lines)


def cold_table(results):
    """The bulk data with nothing kept between requests: what the first reader of each page
    after a publication waits for (and what each app server's first request pays)."""
    bulk, cold = results["bulk"], results["cold"]
    lines = [
        "| page type | cold rps | p50 ms | p99 ms | memo ÷ cold |",
        "|---|---|---|---|---|",
    ]
    for label, _path in [*PAGES, BARE]:
        c = cold[label]
        lines.append(
            f"| {label} | {_rps(c)} | {_latency(c, 'p50')} | {_latency(c, 'p99')} "
            f"| {_ratio(bulk[label]['rps'], c['rps'])} |"
        )
    return "\n".join(lines)


def target_misses(results):
    bulk, cached = results["bulk"], results["cached"]
    misses = []
    for label, _path in PAGES:
        b, c = bulk[label], cached[label]
        failed = [name for name, *_ in RUNS if results[name][label].get("status", 200) != 200]
        if failed:
            misses.append(f"{label}: an error answered in the {', '.join(failed)} run")
            continue
        if not b["requests"]:
            misses.append(f"{label}: no answer within {b['duration']} s with the bulk data")
            continue
        if b["rps"] < TARGET_UNCACHED_RPS:
            misses.append(f"{label}: uncached {b['rps']:.0f} rps < {TARGET_UNCACHED_RPS}")
        if b["p99"] is None or b["p99"] >= TARGET_UNCACHED_P99_MS:
            misses.append(
                f"{label}: uncached p99 {_latency(b, 'p99')} ms ≥ {TARGET_UNCACHED_P99_MS}"
            )
        if c["rps"] < TARGET_CACHED_VS_BARE * cached[BARE[0]]["rps"]:
            misses.append(f"{label}: cached {c['rps']:.0f} rps < half the bare view's")
        growth = results["demo"][label]["rps"] / b["rps"] if b["rps"] else float("inf")
        if growth >= TARGET_GROWTH:
            misses.append(f"{label}: bulk/demo time {growth:.2f} ≥ {TARGET_GROWTH}")
    return misses


def machine():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    return f"{os.cpu_count()} cores, {model}"


def git_revision():
    revision = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
    )
    return f"{revision or 'unknown'}{' (uncommitted changes)' if dirty.stdout.strip() else ''}"


def report(results, context):
    loads = " → ".join(f"{load:.1f}" for load in context["load"])
    lines = [
        f"Measured {context['date']} at {context['revision']} by `make bench`"
        f" ({context['total']:.0f} s in all, seed_bulk {context['seed_bulk']:.0f} s).",
        "",
        f"- Machine: {context['machine']}; load average (1 min) at the start of each run: {loads}.",
        f"- Server: gunicorn, {context['workers']} sync workers (config/gunicorn.py), production"
        f" settings (config/settings/bench.py), PostgreSQL, whitenoise; ceiling: {context['ceiling']}.",
        f"- Load: wrk {context['threads']} threads, {context['connections']} connections,"
        f" {context['duration']} s per URL after a 1 s warm-up; the same machine runs wrk,"
        " gunicorn and PostgreSQL.",
        f"- Data: demo {context['pages']['demo']:,} pages; bulk {context['pages']['bulk']:,} pages"
        f" (seed_bulk {context['bulk_args']}).",
        f"- Page cache: {context['page_cache']}; cache: {context['cache_backend']}.",
        "",
        table(results, context["ceiling"]),
        "",
        "rps: requests per second; p50/p99: latency percentiles. bulk/demo time: the same page's"
        " time per request with the bulk data over the demo data (demo rps ÷ bulk rps). bulk ÷"
        " bare, cached ÷ bare: a page's requests per second over the bare Django view's in the"
        " same run; cached ÷ static: over the static file's (the ceiling). cache: the page cache's"
        " X-Page-Cache header after the cached run's load (none: not kept, by design or not)."
        " ⚠: some requests failed or timed out (see var/bench/latest.json); HTTP 500: the page"
        " answered an error and was not measured (the server's log is in var/bench/).",
        " demo and bulk are uncached (no page cache) with the memo on, as in production: each"
        " request is routed and renders its page template around what core/memo.py keeps until"
        " the next publication (decisions 0005 and 0006: lookups, the routed page, what it shows"
        " of other rows, markup the same for every reader).",
        "",
        "Cold (bulk data, page cache and memo off: every lookup done again for each request):",
        "",
        cold_table(results),
    ]
    misses = target_misses(results)
    lines += ["", f"Against issue 9's targets: {len(misses)} missed."]
    lines += [f"- {miss}" for miss in misses]
    return "\n".join(lines) + "\n"


def page_cache_state(env):
    defined = (
        manage(
            env,
            "shell",
            "-c",
            "from django.conf import settings; print(hasattr(settings, 'PAGE_CACHE_ENABLED'))",
        )
        .strip()
        .splitlines()[-1]
    )
    if defined == "True":
        return "PAGE_CACHE_ENABLED=false for the demo and bulk runs, true for the cached run"
    return "not in the settings yet, so the cached run is uncached too"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 8)))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--bulk-args",
        default=os.environ.get("BENCH_BULK_ARGS", ""),
        help='passed to seed_bulk, e.g. "--stories 500" for a quick run',
    )
    args = parser.parse_args()
    args.workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) * 2))

    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: run scripts/install-bench-deps.sh (make bench does).")
    # SIGTERM and SIGHUP end the run as Ctrl-C does, through the clean-up below.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda signum, _frame: sys.exit(f"stopped by signal {signum}"))

    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")
    redis = urlsplit(redis_url)
    cache_backend = f"Redis ({redis_url}, flushed before each run)"
    try:
        socket.create_connection((redis.hostname, redis.port or 6379), timeout=3).close()
    except OSError:
        sys.exit(f"No Redis at {redis_url}: start it, or set REDIS_URL.")
    workers = args.workers
    context = {
        "date": datetime.date.today().isoformat(),
        "revision": git_revision(),
        "machine": machine(),
        "workers": workers,
        "threads": args.threads,
        "connections": args.connections,
        "duration": args.duration,
        "bulk_args": args.bulk_args or "defaults: 200 cities, 40 weeks × 30 items, 5,000 stories",
        "cache_backend": cache_backend,
        "load": [],
        "pages": {},
    }
    results = {}
    with scratch_database(server) as database_url, tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "WEB_CONCURRENCY": str(workers),
            "PYTHONUNBUFFERED": "1",
        }
        log("migrate, seed_demo, collectstatic")
        manage(env, "migrate", "--no-input")
        manage(env, "seed_demo")
        manage(env, "collectstatic", "--no-input", "--clear")
        analyse(database_url)
        context["page_cache"] = page_cache_state(env)
        context["pages"]["demo"] = page_count(database_url)
        with nginx(tmp) as static_base:
            context["ceiling"] = STATIC_NGINX if static_base else STATIC_WHITENOISE
            for name, cache, memo_on in RUNS:
                if name == "bulk":
                    log(f"seed_bulk {args.bulk_args}".rstrip())
                    seeding = time.monotonic()
                    manage(env, "seed_bulk", *args.bulk_args.split(), quiet=False)
                    context["seed_bulk"] = time.monotonic() - seeding
                    analyse(database_url)
                    context["pages"]["bulk"] = page_count(database_url)
                run_env = {
                    **env,
                    "PAGE_CACHE_ENABLED": "true" if cache else "false",
                    "MEMO_ENABLED": "true" if memo_on else "false",
                }
                # Nothing cached by an earlier run (or another process) may answer for this one.
                manage(run_env, "shell", "-c", CLEAR_CACHES)
                context["load"].append(os.getloadavg()[0])
                log(
                    f"{name} run (page cache {'on' if cache else 'off'}, "
                    f"memo {'on' if memo_on else 'off'})"
                )
                with gunicorn(run_env, name) as base:
                    results[name] = measure(base, static_base, args)
    context["total"] = time.monotonic() - started

    text = report(results, context)
    (OUT / "latest.md").write_text(text)
    (OUT / "latest.json").write_text(json.dumps({"context": context, "results": results}, indent=2))
    print("\n" + text)
    log(f"written to {(OUT / 'latest.md').relative_to(ROOT)}")
    errors = [
        f"{label} ({name} run)"
        for name, by_label in results.items()
        for label, result in by_label.items()
        if result.get("status", 200) != 200
    ]
    if errors:
        sys.exit(f"Pages that answered with an error were not measured: {', '.join(errors)}")


if __name__ == "__main__":
    main()
