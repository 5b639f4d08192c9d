"""How fast the command line starts, beside the cost of importing the service clients.

Runs `runlift --help`, `runlift export` (into a temp folder, no config) and
`python -c "import garminconnect, stravalib"` several times each, in one run, and prints the
medians and their ratios. Ends with `cli_help_vs_client_imports: R` (below 1 is faster).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

from commands import runlift_command

RUNS = 7


def median_seconds(argv: list[str], env: dict[str, str], cwd: str) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(argv, env=env, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "RUNLIFT_HOME": home, "COLUMNS": "120"}
        runlift = runlift_command()
        rows = [
            ("runlift --help", median_seconds([*runlift, "--help"], env, out)),
            ("runlift export --help", median_seconds([*runlift, "export", "--help"], env, out)),
            ("runlift export", median_seconds([*runlift, "export", "--out", out], env, out)),
            (
                "import garminconnect, stravalib",
                median_seconds([sys.executable, "-c", "import garminconnect, stravalib"], env, out),
            ),
        ]
    baseline = rows[-1][1]
    print(f"{'command':<34} {'median s':>9} {'vs client imports':>18}")
    for name, seconds in rows:
        print(f"{name:<34} {seconds:>9.3f} {seconds / baseline:>17.2f}x")
    print(f"cli_help_vs_client_imports: {rows[0][1] / baseline:.2f}")


if __name__ == "__main__":
    main()
