"""The daemon's read-back: what was lifted (Garmin) and which sessions were done (Strava)."""

from __future__ import annotations

from datetime import timedelta

from runlift.sync import clock
from runlift.sync.config import Config

READBACK_DAYS = 14


def garmin_readback(config: Config) -> str:
    from runlift.sync.importing.readback import garmin_readback as import_from_garmin

    return import_from_garmin(config)


def strava_readback(config: Config) -> str:
    """Which of runlift's recent sessions have a strength activity on Strava on or next to them."""
    from runlift.sync.completion import match_completions
    from runlift.sync.providers.strava import StravaProvider
    from runlift.sync.state import SyncState

    today = clock.today(config.zone())
    start = today - timedelta(days=READBACK_DAYS)
    with SyncState(readonly=True) as state:
        planned = sorted({w.day for w in state.ledger.owned() if start <= w.day <= today})
    provider = StravaProvider.from_config(config, today=today)
    done = match_completions(planned, provider.completed_strength(start, today))
    missed = [day for day in planned if day not in done]
    summary = f"Strava: {len(done)} of {len(planned)} recent sessions done"
    if missed:
        summary += "; not done: " + ", ".join(f"{d:%a %d %b}" for d in missed)
    return summary
