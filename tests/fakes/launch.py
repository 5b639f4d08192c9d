"""`python -m tests.fakes.launch ARGS...`: the runlift command line in a child process, its
garminconnect and stravalib pointed at the fakes the parent test serves.

The child reads RUNLIFT_FAKE_GARMIN (the fake Garmin Connect's URL, which also answers the
token refresh) and RUNLIFT_FAKE_STRAVA from its environment and applies the same hooks as
tests/fakes/hooks.py before runlift's own code runs; everything else runs as shipped, so a
daemon, its signals and its exit code are real.
"""

from __future__ import annotations

import functools
import os
from typing import Any


def _point_garmin(base_url: str) -> None:
    import garminconnect

    from tests.fakes.hooks import point_garmin_at

    original = garminconnect.Garmin.__init__

    @functools.wraps(original)
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        point_garmin_at(self, base_url)

    garminconnect.Garmin.__init__ = init  # type: ignore[method-assign]


def _point_strava(base_url: str) -> None:
    from stravalib import protocol

    from tests.fakes.hooks import point_strava_session_at

    original = protocol.ApiV3.__init__

    @functools.wraps(original)
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        point_strava_session_at(self.rsession, base_url)

    protocol.ApiV3.__init__ = init  # type: ignore[method-assign]


def main() -> None:
    if garmin := os.environ.get("RUNLIFT_FAKE_GARMIN"):
        _point_garmin(garmin)
    if strava := os.environ.get("RUNLIFT_FAKE_STRAVA"):
        _point_strava(strava)
    from runlift.sync.cli import run

    run()


if __name__ == "__main__":
    main()
