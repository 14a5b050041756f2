"""Backups: the database and the uploaded files in one dated archive, and back again.

The database is copied with its own tools, exactly: SQLite's online backup (safe while the site
runs) or pg_dump's custom format. The archive holds a manifest with every table's row count, so a
restore can prove it brought every row back."""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from pagecache import versions


class BackupError(Exception):
    """What went wrong, in a line for the operator."""


def _engine():
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def row_counts():
    """{table: rows} for every table of the database."""
    with connection.cursor() as cursor:
        return _counted(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)


def _counted(cursor, tables, quote):
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env_and_args():
    """libpq's view of the settings: what is left empty stays libpq's default (a socket, the
    login name), as it is for Django."""
    db = settings.DATABASES["default"]
    env = {**os.environ}
    for variable, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGSSLMODE", db.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env, [], db["NAME"]


def _run(command, env):
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603 - PostgreSQL's tools, arguments from the settings
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{Path(command[0]).name} failed: {error.stderr.strip() or error}") from error


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is missing: install PostgreSQL's client tools (postgresql-client).")
    return path


def _dump_database(folder):
    """Copy the database into `folder`; return the copy and every table's row count in it (the
    counts come from the copy itself, so a busy site cannot make them disagree)."""
    if _engine() == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
            names = [row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            counts = _counted(
                copy.cursor(), [n for n in names if not n.startswith("sqlite_")], connection.ops.quote_name
            )
        copy.close()
        return target, counts
    import psycopg

    target = folder / "database.pgdump"
    env, args, name = _pg_env_and_args()
    # pg_dump reads the snapshot these counts were made in: both see the same rows.
    with psycopg.connect(**connection.get_connection_params()) as link:
        link.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = link.execute("SELECT pg_export_snapshot()").fetchone()[0]
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        counts = _counted(link.cursor(), tables, connection.ops.quote_name)
        _run(
            [
                _tool("pg_dump"),
                *args,
                f"--snapshot={snapshot}",
                "--format=custom",
                "--no-owner",
                "--no-acl",
                "-f",
                str(target),
                name,
            ],
            env,
        )
        link.rollback()
    return target, counts


def backup(folder):
    """Write limber-<date>-<time>.tar.gz into `folder` (readable by its owner only: it holds
    every member's data); return its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    archive = folder / f"limber-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        dump, counts = _dump_database(work)
        manifest = work / "manifest.json"
        manifest.write_text(
            json.dumps(
                {
                    "created_at": timezone.now().isoformat(),
                    "engine": _engine(),
                    "database": dump.name,
                    "tables": counts,
                },
                indent=2,
            )
        )
        archive.touch(mode=0o600)
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(manifest, arcname="manifest.json")
            tar.add(dump, arcname=dump.name)
            if media.exists():
                tar.add(media, arcname="media")
    return archive


def _tables_here():
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def restore(archive, *, force=False):
    """Put the archive's database and files back, into an empty database (`force` replaces one
    that has tables). Returns the tables whose row count differs from the manifest (none, when it
    worked)."""
    if _tables_here() and not force:
        raise BackupError(
            "The database here is not empty: restore into an empty one (or pass --force to replace it)."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
        work = Path(work)
        tar.extractall(work, filter="data")  # no absolute paths, links out or devices
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest["engine"] != _engine():
            raise BackupError(f"This is a {manifest['engine']} backup; the database here is {_engine()}.")
        dump = work / Path(manifest["database"]).name  # inside the archive's folder, whatever it says
        if _engine() == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(dump) as source:
                source.backup(connection.connection)
        else:
            env, args, name = _pg_env_and_args()
            command = [_tool("pg_restore"), *args, "--clean", "--if-exists", "--no-owner", "--no-acl"]
            _run([*command, "--single-transaction", "-d", name, str(dump)], env)
        if (work / "media").exists():
            shutil.copytree(work / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    versions.forget()  # every cached page and fragment of before is gone
    found = row_counts()
    return {
        table: (rows, found.get(table))
        for table, rows in manifest["tables"].items()
        if found.get(table) != rows
    }
