"""The database restarted in the middle of a load: no acknowledged application is lost, and the
site recovers on its own.

The test builds a PostgreSQL cluster of its own (the shared server must not be restarted),
gives it a migrated database, adds an open call, and serves the site from it with gunicorn as
production does (docs/deployment.md): sync workers, the app preloaded, persistent database
connections, which a restart leaves dead in every worker. Applicants keep sending while the
database is stopped for a moment and started again; one who meets an error sends the same form
again, as a browser's back and resend does. Then the database restarts once more with the site
idle, and new applicants must get through at the first try. The app server is never touched.
"""

import hashlib
import itertools
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from tests.resilience.applicants import Applicant, apply_concurrently
from tests.resilience.database import ThrowawayCluster, free_port, postgres_only, url_for

# In a transaction that is never committed: this run's database stays as migrate left it.
pytestmark = postgres_only(committing=False)

ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = 80
CLIENTS = 20
STOP_AFTER = 25  # acknowledged applications before the database goes down
DOWN_FOR = 2.0  # seconds the database stays stopped
AFTER_RESTART = 20
# An applicant keeps trying for about ten seconds: longer than the database is away.
RETRIES, PAUSE = 20, 0.5
BUILD_CALL = "from tests.resilience.content import build_open_call; build_open_call()"


@pytest.fixture
def cluster(db):
    """A throwaway cluster holding a migrated database, ``diplomat``.

    Running every migration again takes half a minute; the test database this run just migrated
    is copied instead, with pg_dump and pg_restore. Nothing has been committed to it yet (tests
    that commit run after this one), so the copy is exactly what ``migrate`` made."""
    source = url_for(connection.settings_dict)
    cluster = ThrowawayCluster()
    try:
        cluster.create()
        cluster.psql("CREATE DATABASE diplomat")
        dump = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", source],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", cluster.url("diplomat")],
            input=dump.stdout,
            check=True,
            capture_output=True,
            timeout=120,
        )
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def served(cluster, tmp_path):
    """The site from ``cluster``, served by gunicorn in its own process."""
    private = tmp_path / "private"
    env = {
        name: value
        for name, value in os.environ.items()
        if name.lower() not in {"https_proxy", "http_proxy", "all_proxy"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="False",
        # Production keeps connections for CONN_MAX_AGE (60 s); the development settings,
        # which need no Redis, take it from the URL.
        DATABASE_URL=cluster.url("diplomat") + "?conn_max_age=60",
        PRIVATE_MEDIA_ROOT=str(private),
        MEDIA_ROOT=str(tmp_path / "media"),
        EMAIL_URL="consolemail://",
        # As in production: emails wait in the database queue for the worker.
        APPLICATION_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        # This process's stand-in for Google does not reach the server's; a closed port makes
        # every check "unavailable" at once, and the application is saved flagged.
        RECAPTCHA_DOMAIN="127.0.0.1:9",
        APPLICATION_RATE_LIMIT_PER_CLIENT="100000",
        PYTHONUNBUFFERED="1",
    )

    def manage(*args):
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode:
            pytest.fail(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
        return done

    manage("shell", "-c", BUILD_CALL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "gunicorn.log"
    # config/gunicorn.py's production choices, spelled out: this test must not follow a bind
    # address or a worker count meant for a real server.
    gunicorn = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", "4", "--worker-class", "sync",
        "--preload", "--timeout", "30",
    ]  # fmt: skip
    with log.open("w") as output:
        server = subprocess.Popen(
            gunicorn,
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/citizen-diplomats/", timeout=5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.3)
        yield {"url": base, "server": server, "private": private, "manage": manage, "log": log}
    finally:
        server.terminate()
        server.wait(timeout=30)


def stored_applications(cluster):
    rows = cluster.psql(
        "SELECT reference, submission_token, email, cv FROM applications_application",
        database="diplomat",
    )
    return {
        reference: {"token": token, "email": email, "cv": cv}
        for reference, token, email, cv in (line.split("|") for line in rows.splitlines())
    }


def test_a_database_restart_mid_load_loses_no_acknowledged_application(cluster, served, figures):
    applicant = Applicant(served["url"], "/citizen-diplomats/")
    finished = itertools.count(1)
    halfway = threading.Event()
    outage = {}

    def apply(number):
        submission = applicant.apply(number, retries=RETRIES, pause=PAUSE)
        if next(finished) == STOP_AFTER:
            halfway.set()
        return submission

    def restart():
        if not halfway.wait(timeout=300):
            return
        outage["start"] = time.monotonic()
        try:
            cluster.stop("fast")
            time.sleep(DOWN_FOR)
            cluster.start()
        except subprocess.CalledProcessError as error:
            outage["error"] = f"{error}: {error.stderr}"
            return
        outage["end"] = time.monotonic()
        outage["seconds"] = outage["end"] - outage["start"]

    restarter = threading.Thread(target=restart)
    restarter.start()
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        sent = list(pool.map(apply, range(1, SUBMISSIONS + 1)))
    elapsed = time.monotonic() - start
    restarter.join(timeout=60)
    assert "seconds" in outage, outage.get("error", "the database was not restarted in the load")

    met_the_outage = [s for s in sent if s.errors]
    assert met_the_outage, "no applicant met the restart: the test proved nothing"
    assert [s.number for s in sent if s.reference is None] == [], "gave up before the restart ended"
    # Once the database is back, nothing fails: no thread of the app server is left holding a
    # connection the restart killed (each would fail its next request).
    failed_after_recovery = [
        (s.number, error)
        for s in sent
        for error, began in zip(s.errors, s.failed_attempts_began, strict=True)
        if began > outage["end"]
    ]
    assert failed_after_recovery == [], served["log"].read_text()[-3000:]

    # Restarted again while the site is quiet, so no request meets the outage and clears a dead
    # connection on the way: the app server is left alone, and every new applicant still gets
    # through the first time.
    cluster.stop("fast")
    cluster.start()
    later = apply_concurrently(
        applicant, range(1001, 1001 + AFTER_RESTART), clients=CLIENTS, retries=0
    )
    assert [s.errors for s in later if s.errors] == [], served["log"].read_text()[-3000:]
    assert served["server"].poll() is None

    stored = stored_applications(cluster)
    everyone = sent + later
    acknowledged = {s.reference: s for s in everyone}
    assert len(acknowledged) == len(everyone), "two applicants were shown the same reference"
    missing = sorted(acknowledged.keys() - stored.keys())
    assert missing == [], "acknowledged but not stored"
    # Sending the same form again never made a second application.
    assert len(stored) == len(everyone)
    for reference, submission in acknowledged.items():
        row = stored[reference]
        assert row["token"] == submission.token
        if submission.cv_sha256:
            path = served["private"] / row["cv"]
            assert path.is_file(), f"{reference} is stored without its CV"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == submission.cv_sha256
        else:
            assert row["cv"] == ""
    on_disk = {path for path in served["private"].rglob("*") if path.is_file()}
    kept = {served["private"] / row["cv"] for row in stored.values() if row["cv"]}
    assert kept <= on_disk
    # A connection lost during COMMIT keeps the CV, since the row may have been committed
    # (applications/submissions.py): such a stray file can only be a copy of a CV sent by an
    # applicant who met the restart, one at most per attempt that failed.
    stray = on_disk - kept
    sent_during_outage = {s.cv_sha256 for s in met_the_outage if s.cv_sha256}
    assert len(stray) <= sum(len(s.errors) for s in met_the_outage if s.cv_sha256)
    for path in stray:
        assert hashlib.sha256(path.read_bytes()).hexdigest() in sent_during_outage, path

    # Every confirmation waited in the queue through the restart: the worker sends each once.
    worker = served["manage"](
        "db_worker", "--batch", "--no-startup-delay", "--verbosity", "0",
        "--queue-name", "applications", "--backend", "applications",
    )  # fmt: skip
    per_recipient = Counter(
        line.removeprefix("To: ").strip()
        for line in worker.stdout.splitlines()
        if line.startswith("To: ")
    )
    assert per_recipient == dict.fromkeys((s.email for s in everyone), 1)

    errors = Counter(error for s in everyone for error in s.errors)
    figures(
        f"{len(everyone)} applications sent by {CLIENTS} clients ({SUBMISSIONS} in the load, "
        f"{AFTER_RESTART} after a second, quiet restart); database down "
        f"{outage['seconds']:.1f} s after {STOP_AFTER} acknowledged; {len(met_the_outage)} "
        f"applicants met it and retried {sum(s.attempts - 1 for s in sent)} times "
        f"({dict(errors)}); {len(acknowledged)} acknowledged, {len(stored)} stored, "
        f"{len(on_disk)} CVs on disk; the worker then sent {sum(per_recipient.values())} "
        f"confirmation emails; the load took {elapsed:.1f} s"
    )
