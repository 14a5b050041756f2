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

from pages import versions


class BackupError(Exception):
    """What went wrong, in a line for the operator."""


def _engine():
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def row_counts():
    """{table: rows} for every table of the database."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env_and_args():
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = [
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
    ]
    return env, args, db["NAME"]


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is missing: install PostgreSQL's client tools (postgresql-client).")
    return path


def _dump_database(folder):
    if _engine() == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return target
    target = folder / "database.pgdump"
    env, args, name = _pg_env_and_args()
    subprocess.run(  # noqa: S603 - PostgreSQL's own tool, arguments from the settings
        [_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-acl", "-f", str(target), name],
        env=env,
        check=True,
        capture_output=True,
    )
    return target


def backup(folder):
    """Write limber-<date>-<time>.tar.gz into `folder`; return its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / f"limber-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        dump = _dump_database(work)
        manifest = work / "manifest.json"
        manifest.write_text(
            json.dumps(
                {
                    "created_at": timezone.now().isoformat(),
                    "engine": _engine(),
                    "database": dump.name,
                    "tables": row_counts(),
                },
                indent=2,
            )
        )
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(manifest, arcname="manifest.json")
            tar.add(dump, arcname=dump.name)
            if media.exists():
                tar.add(media, arcname="media")
    return archive


def restore(archive):
    """Put the archive's database and files back (into an empty database: the restore replaces
    what is there). Returns the tables whose row count differs from the manifest (none, when it
    worked)."""
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
        work = Path(work)
        tar.extractall(work, filter="data")  # no absolute paths, links out or devices
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest["engine"] != _engine():
            raise BackupError(f"This is a {manifest['engine']} backup; the database here is {_engine()}.")
        dump = work / manifest["database"]
        if _engine() == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(dump) as source:
                source.backup(connection.connection)
        else:
            env, args, name = _pg_env_and_args()
            subprocess.run(  # noqa: S603 - PostgreSQL's own tool, arguments from the settings
                [
                    _tool("pg_restore"),
                    *args,
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-acl",
                    "--single-transaction",
                    "-d",
                    name,
                    str(dump),
                ],
                env=env,
                check=True,
                capture_output=True,
            )
        if (work / "media").exists():
            shutil.copytree(work / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    versions.forget()  # every cached page and fragment of before is gone
    found = row_counts()
    return {
        table: (rows, found.get(table))
        for table, rows in manifest["tables"].items()
        if found.get(table) != rows
    }
