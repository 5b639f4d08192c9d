"""Reading hostile and huge recurring calendars: time and peak memory, each in a fresh process.

Calendars (generated):
- 20,000 daily recurring meetings and two weekly runs (a shared work calendar): the meetings
  are left out before expansion;
- 20,000 daily recurring runs: more occurrences in the window than runlift reads, so it stops
  with one line at the cap;
- one run repeating every second, and one with COUNT=999999999 starting in 1990.

Each is read for a 14-day plan window (`IcsProvider.upcoming_runs`) in its own process; the
table shows the outcome, the seconds and the process's peak resident memory. Ends with
`rrule_20000_peak_mib: M` (peak memory for the 20,000 daily recurring runs).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from datetime import date
from zoneinfo import ZoneInfo
from runlift.sync.errors import UserError
from runlift.sync.providers.ics import IcsProvider
started = time.perf_counter()
provider = IcsProvider(sys.argv[1], ZoneInfo("Europe/Berlin"))
try:
    runs = provider.upcoming_runs(date(2026, 11, 23), date(2026, 12, 6))
    outcome = f"{len(runs)} runs, {len(provider.notes)} note(s)"
except UserError as exc:
    outcome = "error: " + str(exc).split(": ", 1)[1][:60]
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mib": peak}))
"""


def event(uid: int, summary: str, *lines: str) -> str:
    body = [f"UID:{uid}@bench", "DTSTAMP:20261101T000000Z", f"SUMMARY:{summary}", *lines]
    return "\r\n".join(["BEGIN:VEVENT", *body, "END:VEVENT"])


def calendar(events: list[str]) -> str:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//runlift bench//EN"]
    return "\r\n".join([*head, *events, "END:VCALENDAR", ""])


def daily(count: int, summary: str) -> list[str]:
    return [
        event(i, f"{summary} {i}", "DTSTART:20260105T090000Z", "RRULE:FREQ=DAILY")
        for i in range(count)
    ]


RUNS = [
    event(900001, "Intervals 6 x 800 m", "DTSTART:20260106T170000Z", "RRULE:FREQ=WEEKLY"),
    event(900002, "Long run 18 km", "DTSTART:20260111T080000Z", "RRULE:FREQ=WEEKLY"),
]
CALENDARS = {
    "20,000 daily meetings + 2 weekly runs": calendar([*daily(20_000, "Standup"), *RUNS]),
    "20,000 daily recurring runs": calendar(daily(20_000, "Easy run 30 min")),
    "a run every second": calendar(
        [*RUNS, event(1, "Easy run", "DTSTART:20261101T000000Z", "RRULE:FREQ=SECONDLY")]
    ),
    "a daily run, COUNT=999999999 from 1990": calendar(
        [event(1, "Easy run", "DTSTART:19900101T070000Z", "RRULE:FREQ=DAILY;COUNT=999999999")]
    ),
}


def measure(text: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.ics"
        path.write_text(text, encoding="utf-8", newline="")
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)], check=True, capture_output=True, text=True
        )
    result: dict[str, object] = json.loads(done.stdout)
    result["kib"] = len(text.encode()) / 1024
    return result


def main() -> None:
    results = {name: measure(text) for name, text in CALENDARS.items()}
    print(f"{'calendar':40} {'size':>9} {'seconds':>8} {'peak MiB':>9}  outcome")
    for name, r in results.items():
        size, seconds, peak = f"{r['kib']:.0f}Ki", r["seconds"], r["peak_mib"]
        print(f"{name:40} {size:>9} {seconds:>8.2f} {peak:>9.0f}  {r['outcome']}")
    print(f"rrule_20000_peak_mib: {results['20,000 daily recurring runs']['peak_mib']:.0f}")


if __name__ == "__main__":
    main()
