"""The engine proper: wanted sessions against runlift's workouts on Garmin Connect, then apply."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from runlift.sync.engine.apply import Applier, ApplyReport
from runlift.sync.engine.desired import DesiredWorkout, desired_workouts
from runlift.sync.engine.diff import Diff, diff
from runlift.sync.engine.remote import RemoteView
from runlift.sync.garmin.port import GarminPort
from runlift.sync.model import PlannedSession
from runlift.sync.state import SyncState
from runlift.workouts.settings import AthleteSettings


@dataclass
class SyncOutcome:
    diff: Diff
    desired: list[DesiredWorkout]
    report: ApplyReport | None = None
    # Client calls by name, and the HTTP requests they sent.
    calls: Counter[str] = field(default_factory=Counter)
    requests_sent: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for logs and the daemon: what changed, how many requests it took."""
        done = self.report.done if self.report else Counter()
        changes = ", ".join(f"{kind} {n}" for kind, n in sorted(done.items()) if n)
        requests = self.requests_sent
        if self.report is None:
            return f"dry run: {len(self.diff.actions)} change(s) pending ({requests} requests)"
        return f"{changes or 'nothing to change'} ({requests} requests)"


def sync_sessions(
    sessions: list[PlannedSession],
    view: RemoteView,
    state: SyncState,
    client: GarminPort,
    athlete: AthleteSettings,
    *,
    dry_run: bool = False,
    weight_factor: float = 1.0,
) -> SyncOutcome:
    """The engine proper: wanted sessions vs runlift's remote workouts, then apply."""
    wanted = desired_workouts(sessions, athlete, weight_factor)
    changes = diff(wanted, list(view.workouts), scheduled_elsewhere=view.scheduled_later)
    outcome = SyncOutcome(diff=changes, desired=wanted, notes=list(changes.notes))
    if not dry_run:
        outcome.report = Applier(client, state).apply(changes)
        state.resolve_pending()
    outcome.calls = client.calls
    outcome.requests_sent = client.requests_sent
    return outcome
