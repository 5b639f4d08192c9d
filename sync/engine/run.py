"""The engine proper: wanted sessions against runlift's workouts on one target, then apply."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from runlift.sync.engine.apply import Applier, ApplyReport
from runlift.sync.engine.desired import DesiredWorkout, desired_workouts
from runlift.sync.engine.diff import Diff, diff
from runlift.sync.engine.remote import RemoteView
from runlift.sync.engine.target import Target
from runlift.sync.model import PlannedSession
from runlift.sync.state import IntentAction, OwnedWorkout, SyncState
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
    # The target synced ("garmin"), and what messages call it ("Garmin Connect").
    target: str = ""
    title: str = ""

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
    target: Target,
    athlete: AthleteSettings,
    *,
    dry_run: bool = False,
) -> SyncOutcome:
    """The engine proper: wanted sessions vs runlift's workouts on ``target``, then apply."""
    wanted = desired_workouts(sessions, athlete, target.encode)
    changes = diff(wanted, list(view.workouts), scheduled_elsewhere=view.scheduled_later)
    outcome = SyncOutcome(
        diff=changes,
        desired=wanted,
        notes=list(changes.notes),
        target=target.name,
        title=target.title,
    )
    if not dry_run:
        adopt(state, target.name, view)
        outcome.report = Applier(target, state).apply(changes)
        state.intents.resolve_pending(target.name)
    outcome.calls = target.calls
    outcome.requests_sent = target.requests_sent
    return outcome


def adopt(state: SyncState, target: str, view: RemoteView) -> None:
    """The ledger takes in runlift's workouts the target found by their marker alone (the state
    file was lost, or never knew them): the next sync knows them without reading them again."""
    state.ledger.adopt(
        [
            OwnedWorkout(
                target,
                remote.workout_ref,
                remote.key,
                remote.content_hash,
                remote.key.day,
                remote.schedules[0].entry_ref if remote.schedules else None,
                remote.name,
            )
            for remote in view.workouts
        ]
    )


def needs_full_scan(state: SyncState, target: str) -> bool:
    """Whether the ledger may not know everything runlift made on ``target``: it never
    completed a sync of it, or a create may have landed without its answer."""
    if not state.runs.has_completed_sync(target):
        return True
    return any(i.action is IntentAction.CREATE_WORKOUT for i in state.intents.pending(target))
