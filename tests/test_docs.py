"""The notes the code points to are in the repository: every note in docs/ that the code or the
tests name exists, and every section quoted after its name is a heading there.
"""

import re

from tests.paths import PROJECT_ROOT

REFERENCE = re.compile(r"docs/([\w-]+\.md)(?:,\s*\"([^\"]+)\")?")


def test_every_note_the_code_points_to_is_in_docs() -> None:
    pointed = set()
    for folder in ("sync", "workouts", "tests", "bench"):
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            text = " ".join(path.read_text(encoding="utf-8").split())
            pointed |= {(name, section) for name, section in REFERENCE.findall(text)}
    assert ("garmin-connect.md", "Weight units") in pointed
    missing = []
    for name, section in sorted(pointed):
        doc = PROJECT_ROOT / "docs" / name
        if not doc.is_file():
            missing.append(name)
        elif section:
            headings = {
                line.lstrip("#").strip()
                for line in doc.read_text(encoding="utf-8").splitlines()
                if line.startswith("#")
            }
            if section not in headings:
                missing.append(f"{name}: {section}")
    assert missing == []


def test_every_note_names_its_public_sources() -> None:
    for doc in sorted((PROJECT_ROOT / "docs").glob("*.md")):
        text = doc.read_text(encoding="utf-8")
        assert "shared/" not in text, doc.name
        assert re.search(r"https://|tests/fixtures/", text), f"{doc.name} cites no source"
