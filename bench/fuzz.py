"""The fuzz suite on a long, random budget: every reader's property, far more cases than CI runs.

Runs tests/test_fuzz_*.py with RUNLIFT_FUZZ=long (random cases, no fixed seed, no database) and
RUNLIFT_FUZZ_CASES cases per property, prints per reader the cases run and cases per second,
then each finding (a property that failed, with Hypothesis' smallest failing case), and ends
with `name: value` lines.

    python bench/fuzz.py [CASES_PER_PROPERTY]      (default 2000; about 10-30 minutes)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CASES = int(sys.argv[1]) if len(sys.argv) > 1 else 2000


class Report:
    """A pytest plugin: how long each property ran, and which failed with what."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.findings: list[tuple[str, str]] = []

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.when != "call":
            return
        name = report.nodeid.split("::")[-1]
        self.seconds[name] = report.duration
        if report.failed:
            text = str(report.longrepr)
            case = text[text.find("Falsifying example") :] if "Falsifying" in text else text
            self.findings.append((name, case.splitlines()[-1][:300] if case else ""))


def main() -> None:
    os.environ["RUNLIFT_FUZZ"] = "long"
    os.environ["RUNLIFT_FUZZ_CASES"] = str(CASES)
    from tests import fuzz

    report = Report()
    started = time.monotonic()
    properties = sorted(str(path) for path in (ROOT / "tests").glob("test_fuzz_*.py"))
    pytest.main(
        [*properties, "-q", "-p", "no:cacheprovider", "-p", "no:warnings"], plugins=[report]
    )
    took = time.monotonic() - started
    print()
    print(f"{'reader':<28}{'cases':>10}{'cases/s':>12}")
    total = 0
    for reader, count in sorted(fuzz.cases.items()):
        seconds = sum(s for name, s in report.seconds.items() if _reads(name, reader))
        total += count
        print(f"{reader:<28}{count:>10,}{count / seconds if seconds else 0:>12.1f}")
    print()
    for name, case in report.findings:
        print(f"finding: {name}: {case}")
    print(f"fuzz_cases: {total}")
    print(f"fuzz_cases_per_s: {total / took:.1f}")
    print(f"fuzz_findings: {len(report.findings)}")


_READS = {
    "calendars": "calendar",
    "fit files": "fit_file",
    "zips": "zip",
    "config": "config",
    "intervals.icu answers": "intervals",
    "Strava answers": "strava",
    "Garmin Connect answers": "garmin",
    "own files": "own_file",
}


def _reads(test_name: str, reader: str) -> bool:
    return _READS.get(reader, reader) in test_name


if __name__ == "__main__":
    main()
