"""Backups: a drill that backs up the site, restores it into an empty database and an empty
media folder, and finds every row and every file again."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from operations.backups import backup, row_counts
from tests.factories import ArticleFactory, CommentFactory, StretchFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parent.parent


def files_in(folder):
    folder = Path(folder)
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a database with nothing in it, and no tables."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"{db['NAME']}_restored"
    admin = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"],
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as link:
        link.execute(f'DROP DATABASE IF EXISTS "{name}"')
        link.execute(f'CREATE DATABASE "{name}"')
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    yield f"postgres://{credentials}@{admin['host']}:{admin['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as link:
        link.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_restore_drill_brings_back_every_row_and_file(tmp_path, empty_database):
    article = ArticleFactory(sections=2)
    StretchFactory()  # with a picture, in the media folder
    CommentFactory(article=article)
    UserFactory(verified=True)
    archive = backup(tmp_path / "backups")
    assert archive.name.startswith("limber-") and archive.name.endswith(".tar.gz")
    rows, uploads = row_counts(), files_in(settings.MEDIA_ROOT)
    assert rows["stretches_article"] == 1 and uploads

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": empty_database,
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    restored = manage("restore", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "every table has the rows it had" in restored.stdout
    count = (
        "import django, json; django.setup(); "
        "from operations.backups import row_counts; print(json.dumps(row_counts()))"
    )
    counted = subprocess.run(
        [sys.executable, "-c", count], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert json.loads(counted.stdout) == rows
    assert files_in(tmp_path / "restored-media") == uploads


def test_a_backup_of_another_kind_of_database_is_refused(tmp_path, monkeypatch):
    from operations import backups

    archive = backup(tmp_path)
    monkeypatch.setattr(
        backups, "_engine", lambda: "postgresql" if connection.vendor == "sqlite" else "sqlite"
    )
    with pytest.raises(backups.BackupError, match="backup; the database here is"):
        backups.restore(archive, force=True)


def test_a_restore_never_overwrites_a_database_that_has_tables(tmp_path):
    from operations import backups

    with pytest.raises(backups.BackupError, match="not empty"):
        backups.restore(backup(tmp_path))


def test_the_archive_is_readable_by_its_owner_only(tmp_path):
    assert backup(tmp_path).stat().st_mode & 0o077 == 0
