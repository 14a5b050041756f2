"""The demo's content, read from the files beside this module: `content/library.toml` (topics,
stretches, routines, calls to action, comments) and one Markdown file per article in
`content/articles/`, its fields in TOML between `+++` lines, then a `## Heading` per section.
Section bodies are Markdown (see `stretches.text.render_markdown`).
"""

import re
import tomllib
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "content"


def library():
    return tomllib.loads((FOLDER / "library.toml").read_text(encoding="utf-8"))


def _article(path):
    _, front, text = path.read_text(encoding="utf-8").split("+++\n", 2)
    article = tomllib.loads(front)
    bodies = re.split(r"^## (.+)\n", text, flags=re.MULTILINE)[1:]  # heading, body, heading, ...
    headings, texts = bodies[0::2], bodies[1::2]
    sections = article.setdefault("sections", [])
    if headings != [section["heading"] for section in sections]:
        raise ValueError(f"{path.name}: the ## headings must follow the [[sections]] in order")
    for section, body in zip(sections, texts, strict=True):
        section["body"] = body.strip()
    return article


def articles():
    """Every article, in the order the files give."""
    return sorted((_article(path) for path in FOLDER.glob("articles/*.md")), key=lambda a: a.pop("order"))
