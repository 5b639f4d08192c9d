"""Run one runlift command in a child process with a cap on its memory, and time it.

``run_bounded(argv, ...)`` starts ``python -m tests.bounded_run ARGV`` with RLIMIT_AS (address
space) at ``MEMORY_BYTES``: a command that needs more fails with MemoryError (a traceback, exit
1), which the tests see. The fakes stay in the test's process, on loopback; the child points
garminconnect and stravalib at them the way tests/fakes/hooks.py does, from the environment
(RUNLIFT_TEST_GARMIN_URL, RUNLIFT_TEST_STRAVA_URL).

Run as a module, it is that child: the hooks, then ``runlift.sync.cli.main(argv)``.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.paths import PROJECT_ROOT

# "No command takes more than 30 s or 500 MB" (issue 24).
MEMORY_BYTES = 500 * 2**20
SECONDS = 30.0


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("runlift")]


def run_bounded(
    argv: list[str],
    *,
    home: Path,
    env: dict[str, str] | None = None,
    garmin_url: str = "",
    strava_url: str = "",
    stdin: bytes | None = None,
    stdin_path: str | None = None,
) -> Ran:
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("STRAVA_", "INTERVALS_"))},
        "RUNLIFT_HOME": str(home),
        "RUNLIFT_TEST_GARMIN_URL": garmin_url,
        "RUNLIFT_TEST_STRAVA_URL": strava_url,
        "SILENCE_TOKEN_WARNINGS": "1",
        "COLUMNS": "200",
        **(env or {}),
    }
    started = time.monotonic()
    with open(stdin_path, "rb") if stdin_path else _null() as source:
        done = subprocess.run(
            [sys.executable, "-m", "tests.bounded_run", *argv],
            input=stdin,
            stdin=source if stdin is None else None,
            capture_output=True,
            env=environment,
            cwd=PROJECT_ROOT,
            timeout=SECONDS * 2,
            preexec_fn=_cap_memory,
            check=False,
        )
    return Ran(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
        time.monotonic() - started,
    )


def _null() -> object:
    return open(os.devnull, "rb")


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _point_clients_at_fakes() -> None:
    import functools
    from typing import Any

    garmin = os.environ.get("RUNLIFT_TEST_GARMIN_URL")
    strava = os.environ.get("RUNLIFT_TEST_STRAVA_URL")
    if garmin:
        import garminconnect

        from tests.fakes.hooks import point_garmin_at

        original = garminconnect.Garmin.__init__

        @functools.wraps(original)
        def init(self: Any, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            point_garmin_at(self, garmin)

        garminconnect.Garmin.__init__ = init  # type: ignore[method-assign]
    if strava:
        from stravalib import protocol

        from tests.fakes.hooks import point_strava_session_at

        original_api = protocol.ApiV3.__init__

        @functools.wraps(original_api)
        def init_api(self: Any, *args: Any, **kwargs: Any) -> None:
            original_api(self, *args, **kwargs)
            point_strava_session_at(self.rsession, strava)

        protocol.ApiV3.__init__ = init_api  # type: ignore[method-assign]


if __name__ == "__main__":
    _point_clients_at_fakes()
    from runlift.sync.cli import main

    sys.exit(main(sys.argv[1:]))
