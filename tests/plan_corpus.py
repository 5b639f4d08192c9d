"""The corpus of real published training plans in ``tests/fixtures/plans/``, and its two halves.

Each plan is a folder: ``plan.toml`` (what it is, where it comes from, which calendar runlift
reads), the plan as published under ``source/``, the calendar (the published ``.ics`` itself,
or ``calendar.ics`` that ``tests/plan_convert.py`` makes of a published table) and
``labels.csv``, one line a day of the plan's span as a coach reads it (``docs/plan-labels.md``).

A plan's half comes from its folder name alone (``half_of``): the tuning half is for working on
runlift's reading, the check half for measuring it. See ``tests/fixtures/plans/README.md``.
"""

from __future__ import annotations

import csv
import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "fixtures" / "plans"
TUNING = "tuning"
CHECK = "check"
# The kinds a day has for the planner, and the labels that are not a run.
RUN_KINDS = ("rest", "easy", "quality", "long", "race")
OTHER_KINDS = ("strength", "not_a_run")
HARD_KINDS = frozenset({"quality", "long", "race"})
STRENGTH = "strength"


def half_of(name: str) -> str:
    """The half a plan belongs to: the lowest bit of the SHA-256 of its folder name.

    Nothing about the plan's content enters, so the halves cannot be chosen by how well runlift
    reads a plan, and a plan never moves once its folder is named.
    """
    return CHECK if hashlib.sha256(name.encode("utf-8")).digest()[0] & 1 else TUNING


@dataclass(frozen=True)
class Label:
    day: date
    kind: str
    note: str = ""

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.kind.split("+"))

    @property
    def run_kind(self) -> str:
        """The day's kind as the planner has it: a strength or not-a-run day is a rest day."""
        runs = [part for part in self.parts if part in RUN_KINDS]
        return runs[0] if runs else "rest"

    @property
    def strength(self) -> bool:
        """The plan puts its own strength session on this day."""
        return STRENGTH in self.parts

    @property
    def hard(self) -> bool:
        return self.run_kind in HARD_KINDS


@dataclass(frozen=True)
class CorpusPlan:
    name: str
    folder: Path
    meta: dict[str, Any]
    labels: dict[date, Label]

    @property
    def half(self) -> str:
        return half_of(self.name)

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def language(self) -> str:
        return str(self.meta["language"])

    @property
    def timezone(self) -> str:
        return str(self.meta["timezone"])

    @property
    def calendar(self) -> Path:
        return self.folder / str(self.meta["calendar"])

    @property
    def source(self) -> dict[str, Any]:
        source: dict[str, Any] = self.meta["source"]
        return source

    @property
    def converted(self) -> bool:
        return "convert" in self.meta

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of reading problem this plan carries (see the corpus README)."""
        return tuple(self.meta.get("kinds", ()))

    @property
    def spans(self) -> list[tuple[date, date]]:
        """The stretches of days the plan is labelled for: its first entry to its last, unless
        ``plan.toml`` names them (a plan with months of nothing between two blocks)."""
        named = self.meta.get("spans")
        if named:
            return [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in named]
        return [(min(self.labels), max(self.labels))] if self.labels else []


def read_labels(path: Path) -> dict[date, Label]:
    labels: dict[date, Label] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day = date.fromisoformat(row["date"])
            if day in labels:
                raise ValueError(f"{path}: {day} is labelled twice")
            labels[day] = Label(day, row["kind"].strip(), (row.get("note") or "").strip())
    return labels


def write_labels(path: Path, labels: list[Label]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["date", "kind", "note"])
        for label in sorted(labels, key=lambda label: label.day):
            writer.writerow([label.day.isoformat(), label.kind, label.note])


def load_plan(folder: Path) -> CorpusPlan:
    meta = tomllib.loads((folder / "plan.toml").read_text(encoding="utf-8"))
    labels = folder / "labels.csv"
    return CorpusPlan(folder.name, folder, meta, read_labels(labels) if labels.exists() else {})


def plan_folders() -> list[Path]:
    return sorted(path.parent for path in CORPUS.glob("*/plan.toml"))


def load_plans(half: str | None = None) -> list[CorpusPlan]:
    """Every plan of the corpus, or of one half, in folder-name order."""
    plans = [load_plan(folder) for folder in plan_folders()]
    return [plan for plan in plans if half is None or plan.half == half]
