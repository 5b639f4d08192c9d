"""One `runlift sync`: read each target, plan, build, compare, apply (or only show).

The orchestration around the engine: it opens the targets named in ``sync.targets`` (through
the ``runlift.targets`` entry points), asks each what runlift owns in the window, gets the runs
(from the Garmin calendar the Garmin target already read, or from another source), plans the
strength sessions once and hands them to ``runlift.sync.engine`` for each target; the engine
knows nothing of providers, planning or any target's insides.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from runlift.sync.config import Config
from runlift.sync.connections import Connections
from runlift.sync.engine.desired import DesiredWorkout
from runlift.sync.engine.remote import RemoteView, Window
from runlift.sync.engine.run import SyncOutcome, needs_full_scan, sync_sessions
from runlift.sync.errors import AuthRequired, NotFound, RateLimited, UserError
from runlift.sync.model import Plan, Run
from runlift.sync.state import SyncState
from runlift.sync.targets.registry import open_target
from runlift.workouts.session_key import SessionKey
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
    # The targets to sync (None: all of ``sync.targets``; the daemon leaves out one whose
    # sign-in is missing).
    targets: tuple[str, ...] | None = None

    @property
    def end(self) -> date:
        last = self.start + timedelta(days=self.days - 1)
        return last + timedelta(days=6 - last.weekday())

    @property
    def planned_days(self) -> int:
        return (self.end - self.start).days + 1


# How far back the schedule list is read for runlift's own earlier sessions: they count for
# their ISO week and for the gap to the next session, and set the next session's label.
HISTORY_DAYS = 7


@dataclass
class SyncResult:
    """One `runlift sync`: what the engine did on each target, and the plan's notes."""

    outcomes: list[SyncOutcome]
    # What the runs source and the planner had to say (each target's own notes are its).
    notes: list[str] = field(default_factory=list)
    # How the targets that could not be synced failed, in order (``sync_once(partial=True)``).
    failures: list[UserError] = field(default_factory=list)

    def outcome(self, target: str) -> SyncOutcome:
        return next(o for o in self.outcomes if o.target == target)

    @property
    def desired(self) -> list[DesiredWorkout]:
        """The sessions wanted (the same on every target), as the first target encodes them."""
        return self.outcomes[0].desired if self.outcomes else []

    @property
    def requests_sent(self) -> int:
        return sum(o.requests_sent for o in self.outcomes)

    def all_notes(self) -> list[str]:
        """The plan's notes, then each target's (its diff's and its own), each once."""
        notes = [*self.notes]
        for outcome in self.outcomes:
            notes.extend([*outcome.diff.notes, *outcome.notes])
        return list(dict.fromkeys(notes))

    def summary(self) -> str:
        """One line for logs and the daemon."""
        if len(self.outcomes) == 1:
            return self.outcomes[0].summary()
        return "; ".join(f"{o.title}: {o.summary()}" for o in self.outcomes)


def sync_once(
    config: Config,
    request: SyncRequest,
    *,
    connections: Connections | None = None,
    partial: bool = False,
) -> SyncResult:
    """Plan the window and make each target's calendar match it (nothing is written on a dry
    run). A target that fails does not stop the others; the first failure is raised after them,
    or, with ``partial``, handed back in ``failures`` beside what the others did."""
    from runlift.sync.planning import PlanRules

    rules = PlanRules.from_config(config)
    connections = connections or Connections()
    with SyncState(readonly=request.dry_run) as state:
        run_id = None if request.dry_run else state.runs.start_run()
        failures: list[UserError] = []
        result: SyncResult | None = None
        try:
            targets = [
                open_target(name, config, state=state, connections=connections)
                for name in (config.sync.targets if request.targets is None else request.targets)
            ]
            from_garmin = request.source == "garmin"
            remembered = any(state.runs.has_completed_sync(t.name) for t in targets)
            window = Window(
                start=request.start,
                end=request.end,
                look_back=request.start
                - timedelta(days=_days_before(rules, from_garmin, remembered)),
                look_ahead=(
                    request.end + timedelta(days=rules.days_before_races)
                    if from_garmin
                    else request.end
                ),
                near=(
                    request.start - timedelta(days=1),
                    request.end + timedelta(days=rules.taper_days + 1),
                ),
            )
            views: dict[str, RemoteView] = {}
            for target in targets:
                try:
                    views[target.name] = target.owned(
                        window,
                        state.ledger.by_ref(target.name),
                        lost_state=needs_full_scan(state, target.name),
                    )
                except _TARGET_FAILURES as exc:
                    failures.append(_as_user_error(exc))
            if not views:
                raise failures[0]
            source_notes: list[str] = []
            runs = _runs(config, request, window, state, connections, source_notes)
            prior = {key for view in views.values() for key in view.prior}
            if remembered:
                prior |= set(_remembered_prior(state, request.start))
            plan = _plan(runs, request, rules, tuple(sorted((k.day, k.label) for k in prior)))
            result = SyncResult(outcomes=[], notes=[*source_notes, *plan.notes])
            athlete = settings(config)
            for target in targets:
                if target.name not in views:
                    continue
                try:
                    outcome = sync_sessions(
                        list(plan.sessions),
                        views[target.name],
                        state,
                        target,
                        athlete,
                        dry_run=request.dry_run,
                    )
                    outcome.notes.extend(
                        target.after_sync(outcome.desired, dry_run=request.dry_run)
                    )
                    # Counted again: what the target did after the sync (a read) is the sync's.
                    outcome.requests_sent = target.requests_sent
                except _TARGET_FAILURES as exc:
                    failures.append(_as_user_error(exc))
                    continue
                result.outcomes.append(outcome)
            if failures and not partial:
                raise failures[0]
        except (UserError, NotFound) as exc:
            failure = _as_user_error(exc)
            _finish(state, run_id, *_ended(failure), result)
            raise failure from None
        except BaseException:
            _finish(state, run_id, "interrupted", "", None)
            raise
        result.failures = failures
        _finish(state, run_id, *(_ended(failures[0]) if failures else ("ok", "")), result)
        return result


# A target failing in these ways leaves the others to be synced.
_TARGET_FAILURES = (UserError, NotFound)


def _as_user_error(exc: UserError | NotFound) -> UserError:
    """A failure as the command line and the daemon show it (one line)."""
    if isinstance(exc, NotFound):
        return UserError(f"{exc} vanished while runlift was changing it; run `runlift sync` again")
    return exc


def _ended(failure: UserError) -> tuple[str, str]:
    """How the run log records a sync that ended in ``failure``: its outcome and message."""
    if isinstance(failure, RateLimited):
        return "rate-limited", str(failure)
    if isinstance(failure, AuthRequired):
        return "auth", str(failure)
    return "failed", str(failure)


def _runs(
    config: Config,
    request: SyncRequest,
    window: Window,
    state: SyncState,
    connections: Connections,
    notes: list[str],
) -> list[Run]:
    """The runs of the window: from Garmin Connect's calendar through the target's own read of
    it when Garmin is a target too (one read per sync), else from the source named."""
    if request.source != "garmin":
        return _load_runs(config, request, notes)
    from runlift.sync.providers.garmin import GarminProvider

    provider = GarminProvider.from_config(config, state=state, connections=connections)
    return provider.upcoming_runs(window.look_back, window.look_ahead, near=window.near)


def _days_before(rules: PlanRules, from_garmin: bool, remembered: bool) -> int:
    """How far before the window the calendar is read: the runs a race's recovery looks at, and
    runlift's earlier sessions unless the state remembers them (then a month read is spared)."""
    runs = rules.days_after_races if from_garmin else 0
    return runs if remembered else max(HISTORY_DAYS, runs)


def _remembered_prior(state: SyncState, start: date) -> tuple[SessionKey, ...]:
    """runlift's sessions of the week before ``start``, as the ledger recorded them."""
    return tuple(
        owned.key
        for owned in state.ledger.owned()
        if start - timedelta(days=HISTORY_DAYS) <= owned.day < start
    )


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


def _finish(
    state: SyncState, run_id: int | None, outcome: str, message: str, result: SyncResult | None
) -> None:
    """Close the run in the run log (a dry run has none), with what each target did."""
    if run_id is None:
        return
    counts: Counter[str] = Counter()
    for each in result.outcomes if result else ():
        counts.update(each.report.done if each.report else {})
    counts["requests"] = result.requests_sent if result else 0
    done = [o.target for o in result.outcomes] if result else []
    state.runs.finish_run(run_id, outcome, message, dict(counts), targets=done)
