"""One `runlift sync`: read the calendar, plan, build, compare, apply (or only show)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sync.config import Config
from sync.engine.apply import Applier, ApplyReport
from sync.engine.desired import DesiredWorkout, desired_workouts
from sync.engine.diff import Diff, diff
from sync.engine.remote import find_own, needs_library_scan
from sync.errors import AuthRequired, RateLimited, UserError
from sync.garmin.client import GarminClient
from sync.garmin.errors import GarminUnavailable, NotFound
from sync.model import PlannedSession
from sync.providers.garmin import CalendarSnapshot, GarminProvider
from sync.state import SyncState
from workouts.settings import AthleteSettings


@dataclass(frozen=True)
class SyncRequest:
    start: date
    days: int
    source: str
    runs: str | None = None
    dry_run: bool = False

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days - 1)


@dataclass
class SyncOutcome:
    diff: Diff
    desired: list[DesiredWorkout]
    report: ApplyReport | None = None
    requests: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for logs and the daemon: what changed, how many requests it took."""
        done = self.report.done if self.report else Counter()
        changes = ", ".join(f"{kind} {n}" for kind, n in sorted(done.items()) if n)
        requests = sum(self.requests.values())
        if self.report is None:
            return f"dry run: {len(self.diff.actions)} change(s) pending ({requests} requests)"
        return f"{changes or 'nothing to change'} ({requests} requests)"


def sync_once(
    config: Config, request: SyncRequest, *, client: GarminClient | None = None
) -> SyncOutcome:
    """Plan the window and make Garmin Connect match it (nothing is written on a dry run)."""
    with SyncState(readonly=request.dry_run) as state:
        run_id = None if request.dry_run else state.start_run()
        try:
            garmin = client or GarminClient.from_token_store(config)
            provider = GarminProvider(config, garmin, state)
            snapshot = provider.read(
                request.start, request.end, with_months=request.source == "garmin"
            )
            sessions, notes = planned_sessions(config, provider, snapshot, request)
            outcome = sync_sessions(
                sessions, snapshot, state, garmin, settings(config), dry_run=request.dry_run
            )
            outcome.notes[:0] = notes
        except NotFound as exc:
            _finish(state, run_id, "failed", f"{exc} vanished during the sync")
            raise GarminUnavailable(
                f"{exc} vanished while runlift was changing it; run `runlift sync` again"
            ) from None
        except RateLimited as exc:
            _finish(state, run_id, "rate-limited", str(exc))
            raise
        except AuthRequired as exc:
            _finish(state, run_id, "auth", str(exc))
            raise
        except UserError as exc:
            _finish(state, run_id, "failed", str(exc))
            raise
        except BaseException:
            _finish(state, run_id, "interrupted", "")
            raise
        if run_id is not None:
            counts = dict(outcome.report.done) if outcome.report else {}
            counts["requests"] = sum(outcome.requests.values())
            state.finish_run(run_id, "ok", "", counts)
        return outcome


def sync_sessions(
    sessions: list[PlannedSession],
    snapshot: CalendarSnapshot,
    state: SyncState,
    client: GarminClient,
    athlete: AthleteSettings,
    *,
    dry_run: bool = False,
) -> SyncOutcome:
    """The engine proper: wanted sessions vs runlift's remote workouts, then apply."""
    wanted = desired_workouts(sessions, athlete)
    view = find_own(snapshot, state, client, scan_library=needs_library_scan(state))
    changes = diff(wanted, list(view.workouts), scheduled_elsewhere=view.scheduled_later)
    outcome = SyncOutcome(diff=changes, desired=wanted, notes=list(changes.notes))
    if not dry_run:
        outcome.report = Applier(client, state).apply(changes)
        state.resolve_pending()
    outcome.requests = client.calls
    return outcome


def planned_sessions(
    config: Config, provider: GarminProvider, snapshot: CalendarSnapshot, request: SyncRequest
) -> tuple[list[PlannedSession], list[str]]:
    from sync.planning import PlanRules, load_runs, make_plan

    if request.source == "garmin":
        runs = provider.runs(snapshot)
    else:
        runs = load_runs(config, request.source, request.start, request.end, runs=request.runs)
    plan = make_plan(runs, request.start, request.days, PlanRules.from_config(config))
    return list(plan.sessions), list(plan.notes)


def settings(config: Config) -> AthleteSettings:
    from sync.progress_targets import current_targets

    return config.athlete_settings(targets=current_targets(config))


def _finish(state: SyncState, run_id: int | None, outcome: str, message: str) -> None:
    if run_id is not None:
        state.finish_run(run_id, outcome, message)
