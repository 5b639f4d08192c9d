"""How long planning takes: reading a calendar, classifying the days, placing the sessions.

Times, in one process and several repeats each: parsing and expanding the built-in demo
calendar, `make_plan` over 14, 60 and 366 days of a busy plan (two runs a day, a race every
three weeks, a strength day of the plan's own every week), and `runlift plan --demo --json`
end to end in a fresh process, for 14 and 366 days. Every make_plan gets a whole year of runs,
as a calendar source hands the planner every run it holds (the usual run comes from all of
them), so the 14- and 60-day figures pay for that too; the caches of words read are cleared
before every repeat, so each one is what a fresh process pays. Ends with `plan_60_days_ms: T`
(milliseconds for make_plan over 60 days).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta

from runlift.sync.config import Config
from runlift.sync.model import DayKind, Run
from runlift.sync.planning import PlanRules, make_plan, words
from runlift.sync.providers.load import load_runs

REPEATS = 9
START = date(2026, 11, 23)
WEEK = [
    "Rest day",
    "Intervals 6 x 800 m @ 5K pace",
    "Easy 45 min",
    "Tempo 3 x 10 min",
    "Easy 40 min + 6 x 20 s strides",
    "Easy 50 min",
    "Long run 18 km",
]


HELD_DAYS = 366 + 10


def busy_runs() -> list[Run]:
    """A year of a busy plan, the way a calendar source hands over every run it holds."""
    runs = []
    for offset in range(HELD_DAYS):
        day = START + timedelta(days=offset)
        title = "Half Marathon" if offset % 21 == 20 else WEEK[day.weekday()]
        runs.append(Run(day=day, title=title))
        runs.append(Run(day=day, title="Easy 20 min shakeout"))
        if day.weekday() == 2:
            runs.append(Run(day=day, title="Strength", kind=DayKind.STRENGTH))
    return runs


def cold() -> None:
    """Forget what earlier repeats read: each one classifies its titles as a fresh process."""
    words.forget()


def median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        cold()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def cli_ms(days: int) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "RUNLIFT_HOME": home}
        argv = [sys.executable, "-c", "from runlift.sync.cli import run; run()", "plan", "--demo"]
        argv += ["--json", "--days", str(days)]
        return median_ms(lambda: subprocess.run(argv, env=env, check=True, capture_output=True))


def main() -> None:
    config = Config(timezone="Europe/Berlin")
    end = START + timedelta(days=13)
    runs = busy_runs()
    rows = [
        (
            "demo calendar: read, expand all of it",
            median_ms(lambda: load_runs(config, "demo", START, end)),
        ),
        (
            "make_plan 14 days, 2 runs a day",
            median_ms(lambda: make_plan(runs, START, 14, PlanRules())),
        ),
        (
            "make_plan 60 days, 2 runs a day",
            median_ms(lambda: make_plan(runs, START, 60, PlanRules())),
        ),
        (
            "make_plan 366 days, 2 runs a day",
            median_ms(lambda: make_plan(runs, START, 366, PlanRules())),
        ),
        ("runlift plan --demo --json (process)", cli_ms(14)),
        ("runlift plan --demo --json --days 366", cli_ms(366)),
    ]
    print(f"{'step':<40} {'median ms':>10}")
    for name, ms in rows:
        print(f"{name:<40} {ms:>10.1f}")
    print(f"plan_366_days_ms: {rows[3][1]:.1f}")
    print(f"plan_60_days_ms: {rows[2][1]:.1f}")


if __name__ == "__main__":
    main()
