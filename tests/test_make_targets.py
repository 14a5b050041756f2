"""The Makefile's targets, read with `make -n` (print, run nothing) in a copy of the project's
build files, as on a fresh checkout: no virtualenv, no node_modules."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_FILES = ("Makefile", "requirements.txt", "requirements-dev.txt", "package.json", "package-lock.json")

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    folder = tmp_path_factory.mktemp("checkout")
    for name in BUILD_FILES:
        shutil.copy(ROOT / name, folder / name)
    return folder


def planned(checkout, *args):
    """The commands `make` would run for `args`."""
    done = subprocess.run(
        ["make", "-n", "-C", str(checkout), *args], capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout


def test_make_run_installs_only_what_serving_needs(checkout):
    """`make run` installs requirements.txt, and none of the test tooling (dev requirements, npm)."""
    commands = planned(checkout, "run")
    assert "pip install --quiet -r requirements.txt" in commands
    assert "manage.py runserver" in commands
    assert "requirements-dev.txt" not in commands
    assert "npm" not in commands


@pytest.mark.parametrize("target", ["test", "check", "install"])
def test_tests_and_checks_install_the_dev_tools_and_npm_packages(checkout, target):
    commands = planned(checkout, target)
    assert "pip install --quiet -r requirements-dev.txt" in commands
    assert "npm ci" in commands


def test_make_run_keeps_the_demo_accounts_and_make_demo_resets_them(checkout):
    run = [line for line in planned(checkout, "run").splitlines() if "load_demo" in line]
    assert run and all("--reset" not in line for line in run)
    assert "manage.py load_demo --reset" in planned(checkout, "demo")


def test_serve_listens_where_host_and_port_say(checkout):
    assert "manage.py runserver 127.0.0.1:8000" in planned(checkout, "serve")
    assert "manage.py runserver 127.0.0.1:8050" in planned(checkout, "serve", "PORT=8050")
    assert "manage.py runserver 0.0.0.0:9000" in planned(checkout, "run", "HOST=0.0.0.0", "PORT=9000")
