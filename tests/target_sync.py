"""One sync of hand-placed sessions through a target, as `runlift sync` runs the engine once the
planner has placed them: what the engine tests (twin, loopback, every target) share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from runlift.sync.engine.remote import Window
from runlift.sync.engine.run import SyncOutcome, needs_full_scan, sync_sessions
from runlift.sync.engine.target import Target
from runlift.sync.model import PlannedSession
from runlift.sync.state import SyncState
from runlift.workouts.settings import AthleteSettings

# How a test opens a target on the sync's state.
OpenTarget = Callable[[SyncState], Target]


def sync_planned(
    open_target: OpenTarget,
    sessions: list[PlannedSession],
    settings: AthleteSettings,
    *,
    window: tuple[date, date],
    dry_run: bool = False,
    reach: int = 0,
) -> SyncOutcome:
    """``reach``: days read past the window (what the runs source garmin looks at)."""
    start, end = window
    with SyncState(readonly=dry_run) as state:
        target = open_target(state)
        view = target.owned(
            Window(start, end, start - timedelta(days=7), end + timedelta(days=reach)),
            state.ledger.by_ref(target.name),
            lost_state=needs_full_scan(state, target.name),
        )
        run = None if dry_run else state.runs.start_run()
        outcome = sync_sessions(sessions, view, state, target, settings, dry_run=dry_run)
        if run is not None:
            state.runs.finish_run(run, "ok", targets=[target.name])
    return outcome
