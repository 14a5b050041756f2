"""Lighthouse's accessibility, best-practices and SEO scores for a running Limber site.

    .venv/bin/python tools/lighthouse.py [BASE_URL]     (default http://127.0.0.1:8000)

Audits the home page and /stretches/hip-stretches/ (the demo's main article: `make demo` loads
it) in Debian's Chromium, prints the three scores of each page and every audit that did not
pass, keeps the full reports in test-results/lighthouse/, and exits 1 if any score is below 100
(2 if Lighthouse could not run). Lighthouse is the npm package pinned in package.json (`npm ci`).

On http://127.0.0.1 a few SEO audits judge the address rather than the site: robots.txt and the
canonical link point at LIMBER_SITE_URL, which on a real host is the address being audited.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/stretches/hip-stretches/"]
CATEGORIES = ["accessibility", "best-practices", "seo"]
REPORTS = ROOT / "test-results" / "lighthouse"
# Audits that pass or fail count; these only inform.
NOT_SCORED = {"notApplicable", "informative", "manual"}


def run(url, report):
    command = [
        "npx",
        "--no-install",
        "lighthouse",
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0 or not report.is_file():
        sys.exit(f"Lighthouse could not audit {url} (exit {done.returncode}):\n{done.stderr.strip()}")
    return json.loads(report.read_text(encoding="utf-8"))


def failing(result, category):
    audits = result["audits"]
    for ref in result["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["scoreDisplayMode"] not in NOT_SCORED and (audit["score"] or 0) < 1:
            yield audit


def main(base_url):
    base_url = base_url.rstrip("/")
    REPORTS.mkdir(parents=True, exist_ok=True)
    below = False
    with tempfile.TemporaryDirectory() as scratch:
        for path in PAGES:
            url = base_url + path
            result = run(url, Path(scratch) / "report.json")
            name = path.strip("/").replace("/", "-") or "home"
            (REPORTS / f"{name}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
            if result.get("runtimeError"):
                sys.exit(f"Lighthouse could not load {url}: {result['runtimeError']['message']}")
            print(url)
            for category in CATEGORIES:
                score = round((result["categories"][category]["score"] or 0) * 100)
                below |= score < 100
                print(f"  {result['categories'][category]['title']}: {score}")
                for audit in failing(result, category):
                    print(f"    - {audit['id']}: {audit['title']}")
    print(f"Full reports in {REPORTS.relative_to(ROOT)}/")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
