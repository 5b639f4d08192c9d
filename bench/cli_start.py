"""How fast the command line starts, beside its peer: the cost of importing the service clients.

Each command (whole processes: start-up, imports, work, exit) runs in turn with its peer,
`python -c "import garminconnect, stravalib"`, A B A B ..., and the ratio is taken pair by pair
(a machine whose speed drifts during the run moves both alike); the median of those ratios is
printed with each side's median time. runlift's bytecode is written by a first, uncounted run
(pip writes it at install time; PYTHONDONTWRITEBYTECODE is dropped for the children).

The commands: `--help`, `--version`, `export --help`, `export` (the coming week's files into a
temp folder, no config, no history) and `plan --demo`. Ends with `name: value` lines, the
ratios (below 1 is faster than importing the clients).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

from commands import runlift_command

RUNS = 9
PEER = "import garminconnect, stravalib"


def seconds(argv: list[str], env: dict[str, str], cwd: str) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def paired(
    argv: list[str], peer: list[str], env: dict[str, str], cwd: str
) -> tuple[float, float, float]:
    """(median seconds of argv, of peer, median of the pairs' ratios)."""
    seconds(argv, env, cwd)
    seconds(peer, env, cwd)
    mine, theirs = [], []
    for _ in range(RUNS):
        mine.append(seconds(argv, env, cwd))
        theirs.append(seconds(peer, env, cwd))
    ratios = [a / b for a, b in zip(mine, theirs, strict=True)]
    return statistics.median(mine), statistics.median(theirs), statistics.median(ratios)


def main() -> None:
    runlift = runlift_command()
    peer = [sys.executable, "-c", PEER]
    rows = []
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "RUNLIFT_HOME": home, "COLUMNS": "120"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = [
            ("help", "runlift --help", [*runlift, "--help"]),
            ("version", "runlift --version", [*runlift, "--version"]),
            ("export_help", "runlift export --help", [*runlift, "export", "--help"]),
            ("export", "runlift export", [*runlift, "export", "--out", out]),
            ("plan_demo", "runlift plan --demo", [*runlift, "plan", "--demo"]),
        ]
        for key, name, argv in commands:
            rows.append((key, name, *paired(argv, peer, env, out)))
    print(f"{'command':<24} {'median s':>9} {'peer s':>8} {'vs peer':>8}")
    for _, name, mine, theirs, ratio in rows:
        print(f"{name:<24} {mine:>9.3f} {theirs:>8.3f} {ratio:>7.2f}x")
    print(f"(peer: python -c {PEER!r}; ratio: median of {RUNS} paired runs)")
    for key, _, _, _, ratio in rows:
        print(f"cli_{key}_vs_client_imports: {ratio:.2f}")


if __name__ == "__main__":
    main()
