"""intervals.icu and the calendar file: what `runlift plan --source intervals --ics` costs.

Against the fake intervals.icu (tests/fakes) holding a 16-week marathon block (structured
intervals and tempo runs, easy runs with strides, long runs, a strength day, rest notes, B and
A races): requests and wall time of `runlift plan` over 14 and 60 days, each also writing the
calendar file, then a rewrite of an unchanged plan (which must leave the file as it was). Ends
with `intervals_plan_requests: N` (requests per `runlift plan`).
"""

from __future__ import annotations

import contextlib
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

START = date(2026, 8, 3)
WEEKS = 16
RUNS = 10


def seed(fake: object) -> None:
    from tests.fakes.intervals import pct, repeat, span, step, workout_doc

    add = fake.add_event  # type: ignore[attr-defined]
    for week in range(WEEKS):
        monday = START + timedelta(weeks=week)
        add(monday, "Rest", category="NOTE", type=None)
        add(
            monday + timedelta(days=1),
            "Intervals",
            moving_time=4200,
            workout_doc=workout_doc(
                step(900, warmup=True, pace=span(75, 85, "%pace")),
                repeat(6, step(metres=800, pace=pct(106, "%pace")), step(120)),
                step(600, cooldown=True, pace=pct(70, "%pace")),
            ),
        )
        add(monday + timedelta(days=2), "Strength", type="WeightTraining", moving_time=2700)
        add(
            monday + timedelta(days=3),
            "Tempo",
            moving_time=3600,
            workout_doc=workout_doc(step(900, warmup=True), step(1800, hr=span(90, 95, "%lthr"))),
        )
        add(
            monday + timedelta(days=5),
            "Easy + strides",
            moving_time=2700,
            workout_doc=workout_doc(
                step(2400, pace=pct(2, "pace_zone")), repeat(6, step(20), step(60))
            ),
        )
        add(monday + timedelta(days=6), "Long run", moving_time=6000 + 300 * week)
    add(START + timedelta(weeks=8, days=6), "Half marathon tune-up", category="RACE_B")
    add(START + timedelta(weeks=WEEKS - 1, days=6), "Marathon", category="RACE_A")


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["RUNLIFT_HOME"] = home
        from runlift.sync.cli import main as runlift
        from tests.fakes.http import FakeServer
        from tests.fakes.intervals import FakeIntervals

        fake = FakeIntervals()
        seed(fake)
        server = FakeServer(fake).start()
        os.environ["INTERVALS_API_KEY"] = fake.api_key
        config = Path(home) / "config.toml"
        config.write_text(f'[intervals]\nbase_url = "{fake.url}"\n')
        ics = Path(home) / "strength.ics"
        rows = []
        for days in (14, 60):
            times, requests = [], []
            for run in range(RUNS):
                start = START + timedelta(weeks=run % 4)
                args = ["plan", "--source", "intervals", "--days", str(days)]
                args += ["--start", start.isoformat(), "--ics", str(ics), "--config", str(config)]
                before = fake.log.count()
                began = time.perf_counter()
                with (
                    contextlib.redirect_stdout(io.StringIO()),
                    contextlib.redirect_stderr(io.StringIO()),
                ):
                    assert runlift(args) == 0
                times.append(time.perf_counter() - began)
                requests.append(fake.log.count() - before)
            rows.append((f"plan --days {days} --ics", max(requests), statistics.median(times)))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            # Once more: the sessions the last runs cancelled leave the file after one cycle.
            assert runlift(args) == 0
            written = ics.read_bytes()
            assert runlift(args) == 0
        unchanged = ics.read_bytes() == written
        events = written.count(b"BEGIN:VEVENT")
        server.stop()
    print(f"{'command':<26} {'requests':>8} {'median s':>9}")
    for name, count, seconds in rows:
        print(f"{name:<26} {count:>8} {seconds:>9.3f}")
    print(f"calendar file: {events} events, {len(written)} bytes")
    print(f"unchanged plan rewrites the same bytes: {unchanged}")
    print(f"intervals_plan_requests: {max(count for _, count, _ in rows)}")


if __name__ == "__main__":
    main()
