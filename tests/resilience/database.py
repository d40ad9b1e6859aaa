"""PostgreSQL for the resilience tests: which database the run uses, and a throwaway cluster of
our own to restart at will.

These tests need PostgreSQL's real concurrency (row locks, unique indexes racing, connections
dropped by a restart) and its tools (pg_dump, pg_restore); on SQLite they are skipped.
"""

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


def postgres_only(committing=True):
    """The marks for a resilience test module. Its tests commit for real (a served site and
    other processes must see their rows), so each restores the rows the data migrations made
    (locales, home pages, groups) that committing tests flush away. ``committing=False``: the
    test only reads this run's database, in a transaction of its own, before any test commits."""
    if not on_postgres():
        return [
            pytest.mark.skip(
                reason="needs PostgreSQL: run with DATABASE_URL=postgres://user@host:port/name"
            )
        ]
    if not committing:
        return [pytest.mark.django_db]
    return [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def url_for(settings_dict, name=None) -> str:
    """A connection URL (for libpq's tools and DATABASE_URL) to database ``name`` on the server
    of ``settings_dict``: by default its own database."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}@" if password else f"{user}@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    database = name or settings_dict["NAME"]
    if host.startswith("/"):  # a Unix socket folder goes in the query, as libpq reads it
        return f"postgres://{credentials}:{port}/{database}?host={quote(host, safe='/')}"
    return f"postgres://{credentials}{host}:{port}/{database}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary folder, on a free port of 127.0.0.1, for one test.

    PostgreSQL refuses to run as root, so as root the cluster belongs to the ``postgres``
    user and its commands run as that user; otherwise as whoever runs the tests.
    """

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="diplomat-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = free_port()
        self._as = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, user="postgres")
            self._as = ["runuser", "-u", "postgres", "--"]

    def url(self, name="postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *command, timeout=60):
        return subprocess.run(
            [*self._as, *command],
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.folder,
        )

    def create(self):
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            "postgres",
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C",  # whatever locales the machine has; the site sorts text in Python
            "--no-sync",
            "--no-instructions",
        )
        self.start()

    def _options(self):
        # Its own socket folder, so it never meets the system server's socket.
        return f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"

    def start(self):
        self._run(
            "pg_ctl", "--pgdata", str(self.data), "--log", str(self.log), "--wait",
            "-o", self._options(), "start",
        )  # fmt: skip

    def stop(self, mode="fast"):
        """Stop the server: ``fast`` ends every session and rolls back what was in flight (a
        planned restart); ``immediate`` kills it, to recover from the WAL on start (a crash)."""
        self._run("pg_ctl", "--pgdata", str(self.data), "--wait", "--mode", mode, "stop")

    def psql(self, sql, database="postgres") -> str:
        result = subprocess.run(
            [
                "psql",
                "-X",
                "-q",
                "-tA",
                "-v",
                "ON_ERROR_STOP=1",
                "-d",
                self.url(database),
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.stdout

    def destroy(self):
        if self.data.exists():
            subprocess.run(
                [*self._as, "pg_ctl", "--pgdata", str(self.data), "--mode", "immediate", "stop"],
                check=False,
                capture_output=True,
                timeout=60,
                cwd=self.folder,
            )
        shutil.rmtree(self.folder, ignore_errors=True)
