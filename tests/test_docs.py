"""The README starts a runner and the manual in docs/ holds the rest: the notes the code points
to are there (every section quoted after a note's name is a heading of it), every note names its
public sources, and every link of the README and the manual leads to a page that exists.
"""

import re
from pathlib import Path

from tests.paths import PROJECT_ROOT

REFERENCE = re.compile(r"docs/([\w/-]+\.md)(?:,\s*\"([^\"]+)\")?")
DOCS = PROJECT_ROOT / "docs"
# Pages the site's build hook generates from the code (docs/_hooks/reference.py).
GENERATED = {"reference/cli.md", "reference/config.md"}
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _headings(doc: Path) -> set[str]:
    return {
        line.lstrip("#").strip()
        for line in doc.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }


def test_every_note_the_code_points_to_is_in_docs() -> None:
    pointed = set()
    for folder in ("sync", "workouts", "tests", "bench"):
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            text = " ".join(path.read_text(encoding="utf-8").split())
            pointed |= {(name, section) for name, section in REFERENCE.findall(text)}
    assert ("garmin-connect.md", "Weight units") in pointed
    missing = []
    for name, section in sorted(pointed):
        doc = DOCS / name
        if not doc.is_file():
            missing.append(name)
        elif section and section not in _headings(doc):
            missing.append(f"{name}: {section}")
    assert missing == []


def test_every_note_names_its_public_sources() -> None:
    notes = [doc for doc in sorted(DOCS.glob("*.md")) if doc.name != "index.md"]
    assert notes
    for doc in notes:
        text = doc.read_text(encoding="utf-8")
        assert "shared/" not in text, doc.name
        assert re.search(r"https://|tests/fixtures/", text), f"{doc.name} cites no source"


def test_the_readme_is_a_short_start_that_opens_with_its_two_commands() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    first, second = re.findall(r"```sh\n(.*?)\n```", readme, re.S)[:2]
    assert "runlift plan --demo" in first and "runlift export --demo" in first
    assert "pytest" in second and "mypy -p runlift" in second and "lint-imports" in second
    assert readme.index(first) < readme.index("\n## ")


def test_every_link_of_the_readme_and_the_manual_leads_to_a_page() -> None:
    pages = [PROJECT_ROOT / "README.md", *DOCS.rglob("*.md")]
    broken = []
    for page in pages:
        for target in MARKDOWN_LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = target.split("#", 1)[0]
            resolved = (page.parent / path).resolve()
            generated = resolved.is_relative_to(DOCS.resolve()) and (
                resolved.relative_to(DOCS.resolve()).as_posix() in GENERATED
            )
            if not resolved.exists() and not generated:
                broken.append(f"{page.relative_to(PROJECT_ROOT)}: {target}")
    assert broken == []
