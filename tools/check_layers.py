"""Fail when an app names an app above it: the import contract (import-linter, pyproject.toml)
sees imports only, not a label in a string ("comments.Comment") or a model reached some other
way. For each app this reads its Python files (migrations are history, and left out) for:

- a string holding an app label above it followed by a dot ("members.User", "stretches.");
- an import of an app above it;
- the name of a model defined by an app above it, as a name in the code.

Apps in one layer written "a | b" are independent, so each counts the other as above it.
Usage: python tools/check_layers.py [root]; exits 1 and lists every finding.
"""

import ast
import io
import re
import sys
import tokenize
import tomllib
from pathlib import Path

# Text in the code: strings, and the literal parts of f-strings (their own tokens since 3.12).
_TEXT = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}


def layers(root):
    config = tomllib.loads((root / "pyproject.toml").read_text())
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [[app.strip() for app in layer.split("|")] for layer in contract["layers"]]


def python_files(app_dir):
    return sorted(p for p in app_dir.rglob("*.py") if "migrations" not in p.parts)


def models_of(root, app):
    """Names of the classes defined in an app's models module or package."""
    files = [root / app / "models.py", *sorted((root / app / "models").glob("*.py"))]
    return {
        node.name
        for path in files
        if path.is_file()
        for node in ast.parse(path.read_text()).body
        if isinstance(node, ast.ClassDef)
    }


def findings(root, app, above, above_models):
    alternatives = "|".join(map(re.escape, above))
    label = re.compile(rf"\b({alternatives})\.[A-Za-z_][\w.]*") if above else None
    for path in python_files(root / app):
        source = path.read_text()
        where = path.relative_to(root)
        for node in ast.walk(ast.parse(source)):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                if name.split(".")[0] in above:
                    yield f"{where}:{node.lineno}: imports {name}"
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            line = token.start[0]
            if token.type in _TEXT and label and (found := label.search(token.string)):
                yield f"{where}:{line}: names {found.group(0)!r} in a string"
            elif token.type == tokenize.NAME and token.string in above_models:
                yield f"{where}:{line}: names {above_models[token.string]}.{token.string}"


def main(root):
    stack = layers(root)
    problems = []
    for depth, layer in enumerate(stack):
        for app in layer:
            above = [a for upper in stack[:depth] for a in upper] + [a for a in layer if a != app]
            above_models = {name: owner for owner in above for name in models_of(root, owner)}
            problems.extend(findings(root, app, above, above_models))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} place(s) where an app names an app above it.", file=sys.stderr)
        return 1
    print(f"Layers kept: no app names an app above it ({sum(map(len, stack))} apps).")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)))
