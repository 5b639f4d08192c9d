"""One `runlift sync`: read the calendar, plan, build, compare, apply (or only show)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from runlift.sync.config import Config
from runlift.sync.engine.apply import Applier, ApplyReport
from runlift.sync.engine.desired import DesiredWorkout, desired_workouts
from runlift.sync.engine.diff import Diff, diff
from runlift.sync.engine.remote import RemoteView, needs_library_scan
from runlift.sync.errors import AuthRequired, RateLimited, UserError
from runlift.sync.garmin.client import GarminClient
from runlift.sync.garmin.errors import GarminUnavailable, NotFound
from runlift.sync.model import Plan, PlannedSession, Run
from runlift.sync.providers.garmin import GarminProvider
from runlift.sync.state import SyncState
from runlift.workouts.settings import AthleteSettings

if TYPE_CHECKING:
    from runlift.sync.planning import PlanRules


@dataclass(frozen=True)
class SyncRequest:
    """What to sync: at least ``days`` days from ``start``, on to the end of that ISO week.

    A window that ends mid-week makes the planner re-place the last whole week's sessions every
    day as the window slides (the part-week at the end pulls them around); ending on a Sunday
    keeps yesterday's sessions where they were.
    """

    start: date
    days: int
    source: str
    runs: str | None = None
    dry_run: bool = False

    @property
    def end(self) -> date:
        last = self.start + timedelta(days=self.days - 1)
        return last + timedelta(days=6 - last.weekday())

    @property
    def planned_days(self) -> int:
        return (self.end - self.start).days + 1


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


# How far back the schedule list is read for runlift's own earlier sessions: they count for
# their ISO week and for the gap to the next session, and set the next session's label.
HISTORY_DAYS = 7


def sync_once(
    config: Config, request: SyncRequest, *, client: GarminClient | None = None
) -> SyncOutcome:
    """Plan the window and make Garmin Connect match it (nothing is written on a dry run)."""
    from runlift.sync.planning import PlanRules

    rules = PlanRules.from_config(config)
    with SyncState(readonly=request.dry_run) as state:
        run_id = None if request.dry_run else state.start_run()
        try:
            garmin = client or GarminClient.from_token_store(config)
            provider = GarminProvider(config, garmin, state)
            runs_from = request.start - timedelta(days=rules.days_after_races)
            runs_to = request.end + timedelta(days=rules.days_before_races)
            from_garmin = request.source == "garmin"
            snapshot = provider.read(
                request.start - timedelta(days=HISTORY_DAYS),
                runs_to if from_garmin else request.end,
                months=(runs_from, runs_to) if from_garmin else None,
            )
            view = provider.own_workouts(
                snapshot, (request.start, request.end), scan_library=needs_library_scan(state)
            )
            source_notes: list[str] = []
            runs = (
                provider.runs(snapshot)
                if from_garmin
                else _load_runs(config, request, source_notes)
            )
            plan = _plan(runs, request, rules, view.prior)
            outcome = sync_sessions(
                list(plan.sessions), view, state, garmin, settings(config), dry_run=request.dry_run
            )
            outcome.notes[:0] = [*source_notes, *plan.notes]
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
            counts["requests"] = outcome.requests_sent
            state.finish_run(run_id, "ok", "", counts)
        return outcome


def sync_sessions(
    sessions: list[PlannedSession],
    view: RemoteView,
    state: SyncState,
    client: GarminClient,
    athlete: AthleteSettings,
    *,
    dry_run: bool = False,
) -> SyncOutcome:
    """The engine proper: wanted sessions vs runlift's remote workouts, then apply."""
    wanted = desired_workouts(sessions, athlete)
    changes = diff(wanted, list(view.workouts), scheduled_elsewhere=view.scheduled_later)
    outcome = SyncOutcome(diff=changes, desired=wanted, notes=list(changes.notes))
    if not dry_run:
        outcome.report = Applier(client, state).apply(changes)
        state.resolve_pending()
    outcome.calls = client.calls
    outcome.requests_sent = client.requests_sent
    return outcome


def history(prior: tuple[tuple[date, str], ...], start: date) -> tuple[list[date], str]:
    """Earlier runlift sessions as the planner takes them: their dates and the next label."""
    recent = sorted(p for p in prior if (start - p[0]).days <= HISTORY_DAYS)
    if not recent:
        return [], "A"
    last_label = recent[-1][1]
    return [day for day, _ in recent], "B" if last_label == "A" else "A"


def _plan(
    runs: list[Run],
    request: SyncRequest,
    rules: PlanRules,
    prior: tuple[tuple[date, str], ...],
) -> Plan:
    from runlift.sync.planning import make_plan

    done, first_label = history(prior, request.start)
    return make_plan(
        runs, request.start, request.planned_days, rules, done=done, first_label=first_label
    )


def _load_runs(config: Config, request: SyncRequest, notes: list[str]) -> list[Run]:
    """Runs from another source (calendar file, config weekdays, Strava), as `plan` reads them."""
    from runlift.sync.providers.load import load_runs

    return load_runs(
        config, request.source, request.start, request.end, runs=request.runs, notes=notes
    )


def settings(config: Config) -> AthleteSettings:
    from runlift.sync.progress_targets import current_targets

    return config.athlete_settings(targets=current_targets(config))


def _finish(state: SyncState, run_id: int | None, outcome: str, message: str) -> None:
    if run_id is not None:
        state.finish_run(run_id, outcome, message)
