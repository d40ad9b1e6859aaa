"""Backups restore: scripts/backup.sh's dump and tar, put back by scripts/restore.sh into a
scratch database and a scratch folder, hold every application and every CV (docs/backups.md)."""

import hashlib
import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from applications.models import Application
from tests.resilience.applicants import Applicant, apply_concurrently
from tests.resilience.database import postgres_only, url_for

pytestmark = postgres_only()

ROOT = Path(__file__).resolve().parents[2]


def script(name, *args, database_url, private_root, check=True):
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / name), *map(str, args)],
        env={**os.environ, "DATABASE_URL": database_url, "PRIVATE_MEDIA_ROOT": str(private_root)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check and done.returncode:
        pytest.fail(f"scripts/{name} failed ({done.returncode}):\n{done.stderr}")
    return done


@pytest.fixture
def scratch_database():
    """An empty database beside this run's, dropped afterwards whatever happens."""
    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_restore_{os.getpid()}"
    server = url_for(settings_dict, "postgres")
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url_for(settings_dict, name)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_a_restored_backup_holds_every_application_and_cv(
    site, siteverify, private_media, scratch_database, tmp_path, figures
):
    sent = apply_concurrently(Applicant(*site), range(1, 13), clients=4)
    assert all(s.reference for s in sent)
    # An option for Django, not libpq: the scripts must leave it out for pg_dump.
    source_url = url_for(connection.settings_dict)
    source_url += ("&" if "?" in source_url else "?") + "conn_max_age=600"
    backup = script(
        "backup.sh", tmp_path / "backups", database_url=source_url, private_root=private_media
    )
    folder = Path(backup.stdout.strip().splitlines()[-1])
    restored_private = tmp_path / "restored-private"

    script("restore.sh", folder, database_url=scratch_database, private_root=restored_private)

    with psycopg.connect(scratch_database) as restored:
        rows = restored.execute(
            "SELECT reference, submission_token::text, email, cv FROM applications_application"
        ).fetchall()
        emails = restored.execute("SELECT count(*) FROM applications_outgoingemail").fetchone()
        migrations = restored.execute("SELECT app, name FROM django_migrations").fetchall()
    original = {
        a.reference: (str(a.submission_token), a.email, a.cv.name)
        for a in Application.objects.all()
    }
    assert len(original) == len(sent)
    assert {reference: rest for reference, *rest in rows} == {
        reference: list(values) for reference, values in original.items()
    }
    assert emails == (len(sent),)
    by_reference = {s.reference: s for s in sent}
    cvs = 0
    for reference, (_token, _email, cv) in original.items():
        if by_reference[reference].cv_sha256:
            assert sha256(restored_private / cv) == by_reference[reference].cv_sha256
            assert sha256(restored_private / cv) == sha256(private_media / cv)
            cvs += 1
        else:
            assert cv == ""
    assert cvs, "no CV was sent: the files half of the backup went untested"
    # The schema came whole: the restored database records every migration this one has (what
    # `manage.py migrate --check` reads).
    assert set(migrations) == set(
        MigrationRecorder(connection).migration_qs.values_list("app", "name")
    )
    figures(
        f"{len(sent)} applications and {cvs} CVs backed up "
        f"({sum(p.stat().st_size for p in folder.iterdir())} bytes) and all found after restore"
    )


# Reads this run's database as migrate left it; nothing to commit, so nothing to flush after.
@pytest.mark.django_db
def test_a_damaged_backup_is_refused_before_anything_is_restored(
    private_media, scratch_database, tmp_path
):
    (private_media / "cv").mkdir(parents=True)
    (private_media / "cv" / "one.pdf").write_bytes(b"%PDF-1.4\n")
    backup = script(
        "backup.sh",
        tmp_path / "backups",
        database_url=url_for(connection.settings_dict),
        private_root=private_media,
    )
    folder = Path(backup.stdout.strip().splitlines()[-1])
    dump = folder / "database.dump"
    damaged = bytearray(dump.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    dump.write_bytes(bytes(damaged))
    restored_private = tmp_path / "restored-private"

    result = script(
        "restore.sh",
        folder,
        database_url=scratch_database,
        private_root=restored_private,
        check=False,
    )

    assert result.returncode != 0
    assert "database.dump: FAILED" in result.stdout + result.stderr
    with psycopg.connect(scratch_database) as restored:
        tables = restored.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == (0,)
    assert not restored_private.exists()
