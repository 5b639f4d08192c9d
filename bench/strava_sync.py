"""Strava: what a sync costs, cold and warm, and how long the projection takes.

Against the fake Strava server (tests/fakes) holding the real 1,132-activity history: a first
sync that reaches back to 2018 (paging), then a warm sync for the coming week; requests and
wall time for each, and the median time of the pure projection over the whole history. Ends
with `strava_warm_sync_requests: N`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TODAY = date(2025, 10, 20)
RUNS = 20


def main() -> None:
    os.environ["SILENCE_TOKEN_WARNINGS"] = "1"
    with tempfile.TemporaryDirectory() as home:
        os.environ["RUNLIFT_HOME"] = home
        from stravalib import protocol

        from runlift.sync.config import parse_config
        from runlift.sync.providers.strava import StravaProvider
        from runlift.sync.strava.history import HistoryCache
        from runlift.sync.strava.projection import project
        from runlift.sync.strava.tokens import StravaTokens, save_tokens
        from tests.fakes.hooks import point_strava_session_at
        from tests.fakes.http import FakeServer
        from tests.fakes.strava import FakeStrava

        fake = FakeStrava()
        fake.use_history()
        server = FakeServer(fake).start()
        original = protocol.ApiV3.__init__

        def init(self: protocol.ApiV3, *args: object, **kwargs: object) -> None:
            original(self, *args, **kwargs)  # type: ignore[arg-type]
            point_strava_session_at(self.rsession, fake.url)

        protocol.ApiV3.__init__ = init  # type: ignore[method-assign]
        os.environ["STRAVA_CLIENT_ID"] = fake.client_id
        os.environ["STRAVA_CLIENT_SECRET"] = fake.client_secret
        issued = fake.issue_tokens()
        save_tokens(
            StravaTokens(issued["access_token"], issued["refresh_token"], issued["expires_at"])
        )
        config = parse_config({})
        rows = []
        for name, call in (
            ("cold sync (back to 2018)", lambda p: p.completed_strength(date(2018, 6, 25), TODAY)),
            (
                "warm sync (coming week)",
                lambda p: p.upcoming_runs(TODAY, TODAY + timedelta(days=6)),
            ),
        ):
            fake.log.clear()
            started = time.perf_counter()
            call(StravaProvider.from_config(config, today=TODAY))
            rows.append((name, fake.log.count(), time.perf_counter() - started))
        activities = HistoryCache().activities()
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            project(activities, TODAY, TODAY, TODAY + timedelta(days=13))
            times.append(time.perf_counter() - started)
        server.stop()
    print(f"{'step':<28} {'requests':>8} {'seconds':>8}")
    for name, requests, seconds in rows:
        print(f"{name:<28} {requests:>8} {seconds:>8.3f}")
    projection_ms = statistics.median(times) * 1000
    print(f"{'projection, 2 weeks':<28} {'-':>8} {projection_ms / 1000:>8.3f}")
    print(f"activities cached: {len(activities)}")
    print(f"strava_warm_sync_requests: {rows[1][1]}")


if __name__ == "__main__":
    main()
