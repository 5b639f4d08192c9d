"""The limits have one home (sync/limits.py) and one table in the manual, generated from it."""

from __future__ import annotations

from runlift.sync import limits
from tests.paths import PROJECT_ROOT

START = (
    "<!-- limits: generated from sync/limits.py (python -m runlift.sync.limits); do not edit -->\n"
)
END = "<!-- limits: end -->"


def test_every_limit_is_documented_and_every_documented_name_is_a_limit() -> None:
    constants = {
        name
        for name, value in vars(limits).items()
        if name.isupper() and isinstance(value, int | float) and name not in ("KiB", "MiB")
    }
    documented = {limit.name for limit in limits.LIMITS}
    assert documented == constants


def test_the_manuals_table_is_the_one_the_limits_give() -> None:
    page = (PROJECT_ROOT / "docs" / "manual" / "limits.md").read_text(encoding="utf-8")
    table = page.split(START, 1)[1].split(END, 1)[0]
    assert table == limits.markdown_table()
