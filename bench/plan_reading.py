"""How well runlift reads real training plans: the corpus in tests/fixtures/plans/, by half.

Every plan is read the way a runner reads it: ``runlift plan --runs CALENDAR --start FIRST
--days N --json`` over the plan's whole span (in windows of a year at most), in the plan's time
zone, with an empty RUNLIFT_HOME; so this measures the same path as the command (the ics
provider, the classifier, the placement), not a part of it. Each day runlift shows is compared
with the day's label (docs/plan-labels.md). For each half it prints:

- days read right: runlift's kind of day (rest, easy, quality, long, race) is the label's, and
  runlift marks the plan's strength day exactly where the label has one; a strength or
  not-a-run label is a rest day for the planner;
- a confusion table, labelled kind by runlift's kind;
- sessions placed on a hard day (a labelled quality run, long run or race), sessions placed the
  day before one without runlift saying it relaxed that rule, races runlift did not read as
  races, and the plan's strength days runlift missed or invented.

It ends with ``name: value`` lines, the last ``check_days_right_pct: 93.1``.

How the halves are kept apart: a plan's half is the lowest bit of the SHA-256 of its folder name
(tests/plan_corpus.py, ``half_of``), fixed before anyone reads a result and blind to the plan's
content. Work on runlift's reading looks at the tuning half only: ``--show-misreads`` lists the
days read wrong, and ``--plan NAME`` narrows the run to one plan, for tuning-half plans only. The
check half is printed as totals and never day by day, so that nobody tunes on it; read it to
measure, not to fix.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from runlift.sync.cli import main
from tests.plan_corpus import (
    CHECK,
    OTHER_KINDS,
    RUN_KINDS,
    TUNING,
    CorpusPlan,
    load_plans,
)

MAX_DAYS = 366  # `runlift plan --days` at most
# The kind a day gets when runlift refused the whole calendar (it exits 2 with one line).
REFUSED = "refused"


class Refused(Exception):
    """`runlift plan` refused the calendar: its one-line error."""


@dataclass
class Reading:
    """What runlift made of one plan, day by day, and how it compares with the labels."""

    plan: CorpusPlan
    days: dict[date, dict[str, Any]]
    sessions: list[dict[str, Any]]
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    right: int = 0
    misreads: list[str] = field(default_factory=list)
    on_hard_days: list[str] = field(default_factory=list)
    unflagged_day_before: list[str] = field(default_factory=list)
    races_missed: list[str] = field(default_factory=list)
    strength_missed: list[str] = field(default_factory=list)
    strength_invented: list[str] = field(default_factory=list)
    refused: str = ""


def run_plan(plan: CorpusPlan, home: Path) -> tuple[dict[date, dict[str, Any]], list[Any]]:
    """``runlift plan --json`` over the plan's span, as a runner would call it."""
    config = home / f"{plan.name}.toml"
    config.write_text(f'timezone = "{plan.timezone}"\n', encoding="utf-8")
    days: dict[date, dict[str, Any]] = {}
    sessions: list[dict[str, Any]] = []
    for first, last in plan.spans:
        _run_span(plan, config, first, last, days, sessions)
    return days, sessions


def _run_span(
    plan: CorpusPlan,
    config: Path,
    first: date,
    last: date,
    days: dict[date, dict[str, Any]],
    sessions: list[dict[str, Any]],
) -> None:
    start = first
    while start <= last:
        count = min(MAX_DAYS, (last - start).days + 1)
        argv = ["plan", "--runs", str(plan.calendar), "--start", start.isoformat()]
        argv += ["--days", str(count), "--json", "--config", str(config)]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        if code != 0:
            raise Refused(err.getvalue().strip() or f"runlift plan exited {code}")
        shown = json.loads(out.getvalue())
        for day in shown["days"]:
            days[date.fromisoformat(day["date"])] = day
        sessions += shown["sessions"]
        start += timedelta(days=count)


def compare(plan: CorpusPlan, days: dict[date, dict[str, Any]], sessions: list[Any]) -> Reading:
    reading = Reading(plan, days, sessions)
    for day, label in sorted(plan.labels.items()):
        shown = days[day]
        kind = str(shown["kind"])
        strength = bool(shown.get("plan_strength"))
        reading.confusion[(label.parts[0], kind)] += 1
        if kind == label.run_kind and strength == label.strength:
            reading.right += 1
        else:
            titles = " | ".join(run["title"] for run in shown.get("runs", ())) or "-"
            got = kind + ("+strength" if strength else "")
            note = f" ({label.note})" if label.note else ""
            reading.misreads.append(
                f"{day} {day:%a}  label {label.kind:<16} runlift {got:<16} {titles[:70]}{note}"
            )
        if label.run_kind == "race" and kind != "race":
            reading.races_missed.append(f"{day}")
        if label.strength and not strength:
            reading.strength_missed.append(f"{day}")
        if strength and not label.strength:
            reading.strength_invented.append(f"{day}")
    for session in sessions:
        day = date.fromisoformat(session["date"])
        label = plan.labels.get(day)
        if label is not None and label.hard:
            reading.on_hard_days.append(f"{day} on {label.kind}")
        after = plan.labels.get(day + timedelta(days=1))
        if after is not None and after.hard and not session.get("relaxed"):
            reading.unflagged_day_before.append(f"{day} before {after.kind}")
    return reading


def read_corpus(plans: list[CorpusPlan]) -> list[Reading]:
    readings = []
    with tempfile.TemporaryDirectory() as home:
        saved = os.environ.get("RUNLIFT_HOME")
        os.environ["RUNLIFT_HOME"] = home
        try:
            for plan in plans:
                try:
                    days, sessions = run_plan(plan, Path(home))
                except Refused as refused:
                    days = {day: {"kind": REFUSED, "runs": []} for day in plan.labels}
                    sessions = []
                    reading = compare(plan, days, sessions)
                    reading.refused = str(refused)
                    readings.append(reading)
                    continue
                readings.append(compare(plan, days, sessions))
        finally:
            if saved is None:
                os.environ.pop("RUNLIFT_HOME", None)
            else:
                os.environ["RUNLIFT_HOME"] = saved
    return readings


def summary(half: str, readings: list[Reading]) -> dict[str, float]:
    days = sum(len(r.plan.labels) for r in readings)
    right = sum(r.right for r in readings)
    return {
        f"{half}_plans": len(readings),
        f"{half}_days": days,
        f"{half}_days_right_pct": round(100 * right / days, 1) if days else 0.0,
        f"{half}_sessions_on_hard_days": sum(len(r.on_hard_days) for r in readings),
        f"{half}_unflagged_day_before_hard": sum(len(r.unflagged_day_before) for r in readings),
        f"{half}_races_missed": sum(len(r.races_missed) for r in readings),
        f"{half}_races": sum(
            1 for r in readings for label in r.plan.labels.values() if label.run_kind == "race"
        ),
        f"{half}_strength_days_missed": sum(len(r.strength_missed) for r in readings),
        f"{half}_strength_days_invented": sum(len(r.strength_invented) for r in readings),
        f"{half}_plans_refused": sum(1 for r in readings if r.refused),
    }


def print_half(half: str, readings: list[Reading], numbers: dict[str, float]) -> None:
    languages = Counter(r.plan.language for r in readings)
    print(
        f"\n== {half} half: {len(readings)} plans, {numbers[f'{half}_days']:.0f} days, "
        f"languages {', '.join(f'{k} {v}' for k, v in sorted(languages.items()))}"
    )
    print(f"days read right: {numbers[f'{half}_days_right_pct']:.1f} %")
    confusion: Counter[tuple[str, str]] = Counter()
    for reading in readings:
        confusion.update(reading.confusion)
    rows = [k for k in (*RUN_KINDS, *OTHER_KINDS) if any(c[0] == k for c in confusion)]
    columns = sorted({c[1] for c in confusion}, key=_kind_order)
    print("\nlabel \\ runlift " + "".join(f"{c:>9}" for c in columns))
    for row in rows:
        print(f"{row:<16}" + "".join(f"{confusion[(row, c)]:>9}" for c in columns))
    races = numbers[f"{half}_races"]
    on_hard_days = numbers[f"{half}_sessions_on_hard_days"]
    print(f"\nsessions on hard days (quality, long, race): {on_hard_days:.0f}")
    print(
        f"sessions the day before a hard day, not flagged relaxed: "
        f"{numbers[f'{half}_unflagged_day_before_hard']:.0f}"
    )
    print(f"races missed: {numbers[f'{half}_races_missed']:.0f} of {races:.0f}")
    print(f"plans runlift refused to read: {numbers[f'{half}_plans_refused']:.0f}")
    print(
        f"plan strength days missed: {numbers[f'{half}_strength_days_missed']:.0f}, "
        f"invented: {numbers[f'{half}_strength_days_invented']:.0f}"
    )
    if half != TUNING:
        return
    print("\nper plan (days right %, days):")
    for reading in readings:
        pct = 100 * reading.right / len(reading.plan.labels)
        print(f"  {reading.plan.name:<52} {pct:6.1f} {len(reading.plan.labels):5d}")


def print_misreads(readings: list[Reading]) -> None:
    for reading in readings:
        problems = reading.misreads or reading.on_hard_days or reading.unflagged_day_before
        if not problems:
            continue
        print(f"\n-- {reading.plan.name} ({reading.plan.title})")
        if reading.refused:
            print(f"  runlift refused it: {reading.refused}")
            continue
        for line in reading.misreads:
            print("  " + line)
        for line in reading.on_hard_days:
            print(f"  session {line}")
        for line in reading.unflagged_day_before:
            print(f"  session {line}, not flagged relaxed")


def _kind_order(kind: str) -> tuple[int, str]:
    order = [*RUN_KINDS, *OTHER_KINDS]
    return (order.index(kind) if kind in order else len(order), kind)


def main_bench(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-misreads", action="store_true", help="list the tuning half's days read wrong"
    )
    parser.add_argument("--plan", action="append", default=[], help="only this tuning plan")
    args = parser.parse_args(argv)
    plans = load_plans()
    if args.plan:
        unknown = set(args.plan) - {p.name for p in plans}
        checked = {p.name for p in plans if p.half == CHECK} & set(args.plan)
        if unknown or checked:
            parser.error(f"not tuning-half plans: {', '.join(sorted(unknown | checked))}")
        plans = [p for p in plans if p.name in args.plan]
    numbers: dict[str, float] = {}
    for half in (TUNING, CHECK):
        readings = read_corpus([p for p in plans if p.half == half])
        if not readings:
            continue
        numbers.update(summary(half, readings))
        print_half(half, readings, numbers)
        if half == TUNING and args.show_misreads:
            print_misreads(readings)
    print()
    last = [name for name in numbers if name.endswith("_days_right_pct")]
    for name in [*(name for name in numbers if name not in last), *last]:
        print(f"{name}: {numbers[name]:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main_bench())
