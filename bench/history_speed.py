"""What `runlift history` costs on a long history: reading the stored sets, matching having been
done at import, then progression over every session, and the table or the JSON.

Builds state files of one and ten years of two sessions a week (16 work sets each: warm-ups,
the five moves, two sets of something else), imported through runlift's own Importer, then
times reading them back, building the history and writing the JSON in this process (median of
several runs), and `runlift history` (the table, piped) and `runlift history --json` as whole
processes on the ten years (start-up included; a first, uncounted run writes the bytecode).
Ends with `history_json_ms_10y: N` (in this process), `history_table_s_10y: S` and
`history_json_s_10y: S` (whole processes).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from commands import runlift_command

from runlift.sync.config import Config
from runlift.sync.importing import store
from runlift.sync.importing.activity import SOURCE_FIT, Activity
from runlift.sync.importing.done import Program
from runlift.sync.importing.history import build_history
from runlift.sync.importing.history_json import history_json
from runlift.sync.importing.importer import Importer
from runlift.workouts.matching import Guess, SetRecord

RUNS = 5
SESSION: list[tuple[Guess, int, float, float]] = [
    (Guess("deadlift", "romanian_deadlift"), 10, 20.0, 40.0),
    (Guess("deadlift", "romanian_deadlift"), 12, 40.0, 40.0),
    (Guess("deadlift", "romanian_deadlift"), 11, 40.0, 40.0),
    (Guess("row", "bent_over_row_with_barbell"), 12, 30.0, 40.0),
    (Guess("row", "bent_over_row_with_barbell"), 12, 30.0, 40.0),
    (Guess("lunge", "walking_dumbbell_lunge"), 20, 10.0, 60.0),
    (Guess("lunge", "walking_dumbbell_lunge"), 18, 10.0, 60.0),
    *[(Guess("plank", "side_plank_with_leg_lift"), 1, 0.0, 15.0)] * 6,
    (Guess("leg_raise", "hanging_leg_raise"), 9, 0.0, 30.0),
    (Guess("lateral_raise"), 12, 6.0, 30.0),
    (Guess("triceps_extension", "bench_dip"), 15, 0.0, 30.0),
]


def fill(path: Path, years: int) -> None:
    config = Config()
    with store.opened(path) as conn:
        importer = Importer(conn, config.athlete_settings())
        for n in range(104 * years):
            day = date(2016, 1, 4) + timedelta(days=3 * n + n // 2)
            start = datetime(day.year, day.month, day.day, 17, tzinfo=UTC)
            sets = tuple(
                SetRecord(i, True, (guess,), reps, kg, seconds, start=start)
                for i, (guess, reps, kg, seconds) in enumerate(SESSION)
            )
            importer.add(Activity(f"fit:{n}", SOURCE_FIT, start, day, "Strength", sets))


def median_ms(path: Path) -> tuple[float, int]:
    config = Config()
    times = []
    size = 0
    for _ in range(RUNS):
        started = time.perf_counter()
        with store.opened(path) as conn:
            stored = store.work_sets(conn)
        history = build_history(stored, Program.from_config(config), config.athlete_settings())
        size = len(history_json(history))
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, size


def process_seconds(argv: list[str], home: Path) -> float:
    """Median seconds of ``argv`` as a whole process, with ``home`` as RUNLIFT_HOME."""
    env = {**os.environ, "RUNLIFT_HOME": str(home), "COLUMNS": "120"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times = []
    for run in range(RUNS + 1):
        started = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        if run:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as home:
        for years in (1, 10):
            path = Path(home) / f"state-{years}y.sqlite3"
            fill(path, years)
            ms, size = median_ms(path)
            rows.append((years, 104 * years, 104 * years * len(SESSION), size / 1024, ms))
        # The ten years as runlift's own state file, for the whole commands.
        data = Path(home) / "data"
        data.mkdir(mode=0o700)
        (Path(home) / "state-10y.sqlite3").rename(data / "state.sqlite3")
        runlift = runlift_command()
        table_s = process_seconds([*runlift, "history"], Path(home))
        json_s = process_seconds([*runlift, "history", "--json"], Path(home))
    print(f"{'history':>8} {'sessions':>9} {'sets':>7} {'JSON kB':>8} {'history --json ms':>18}")
    for years, sessions, sets, kb, ms in rows:
        print(f"{years:>7}y {sessions:>9} {sets:>7} {kb:>8.0f} {ms:>18.1f}")
    print(f"runlift history, ten years, whole process: {table_s:.3f} s, --json {json_s:.3f} s")
    print(f"history_json_ms_10y: {rows[-1][4]:.1f}")
    print(f"history_table_s_10y: {table_s:.3f}")
    print(f"history_json_s_10y: {json_s:.3f}")


if __name__ == "__main__":
    main()
