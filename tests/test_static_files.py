"""collectstatic as production runs it: hashed names everywhere, ES module imports included."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_players_modules_import_each_other_by_their_hashed_names(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"settings.STATIC_ROOT = {str(tmp_path)!r}; "
        "from django.core.management import call_command; "
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "collectstatic-only",
        "DJANGO_ALLOWED_HOSTS": "limber.example",
        "EMAIL_URL": "smtp://localhost:25",
    }
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (main,) = [path for path in (tmp_path / "js" / "player").glob("main.*.js") if path.suffix == ".js"]
    imports = re.findall(r'from "\./([^"]+)"', main.read_text())
    assert imports and all(re.fullmatch(r"[a-z]+\.[0-9a-f]{12}\.js", name) for name in imports), imports
