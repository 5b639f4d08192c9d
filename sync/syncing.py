"""One `runlift sync`: read the calendar, plan, build, compare, apply (or only show).

The orchestration around the engine: it reads the Garmin calendar snapshot, gets the runs (from
the snapshot through the Garmin provider, or from another source), plans the strength sessions
and hands them to ``runlift.sync.engine``, which knows nothing of providers or planning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from runlift.sync.config import Config
from runlift.sync.engine.desired import DesiredWorkout
from runlift.sync.engine.remote import find_own, needs_library_scan
from runlift.sync.engine.run import SyncOutcome, sync_sessions
from runlift.sync.errors import AuthRequired, RateLimited, UserError
from runlift.sync.garmin import weight_unit
from runlift.sync.garmin.client import GarminClient
from runlift.sync.garmin.errors import GarminRejected, GarminUnavailable, NotFound
from runlift.sync.garmin.port import GarminPort
from runlift.sync.garmin.snapshot import read_snapshot
from runlift.sync.model import Plan, Run
from runlift.sync.providers.garmin import GarminProvider
from runlift.sync.state import SyncState, WeightUnit
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


# How far back the schedule list is read for runlift's own earlier sessions: they count for
# their ISO week and for the gap to the next session, and set the next session's label.
HISTORY_DAYS = 7


def sync_once(
    config: Config, request: SyncRequest, *, client: GarminPort | None = None
) -> SyncOutcome:
    """Plan the window and make Garmin Connect match it (nothing is written on a dry run)."""
    from runlift.sync.planning import PlanRules

    rules = PlanRules.from_config(config)
    with SyncState(readonly=request.dry_run) as state:
        run_id = None if request.dry_run else state.start_run()
        try:
            garmin = client or GarminClient.from_token_store(config)
            runs_to = request.end + timedelta(days=rules.days_before_races)
            from_garmin = request.source == "garmin"
            remembered = state.has_completed_sync()
            snapshot = read_snapshot(
                garmin,
                request.start - timedelta(days=_days_before(rules, from_garmin, remembered)),
                runs_to if from_garmin else request.end,
                near=(
                    request.start - timedelta(days=1),
                    request.end + timedelta(days=rules.taper_days + 1),
                ),
                cache=state,
            )
            view = find_own(
                snapshot,
                state,
                garmin,
                window=(request.start, request.end),
                scan_library=needs_library_scan(state),
            )
            source_notes: list[str] = []
            if from_garmin:
                runs = GarminProvider(config, garmin, state).runs(snapshot)
            else:
                runs = _load_runs(config, request, source_notes)
            prior = view.prior + (_remembered_prior(state, request.start) if remembered else ())
            plan = _plan(runs, request, rules, tuple(sorted(set(prior))))
            unit = state.weight_unit()
            outcome = sync_sessions(
                list(plan.sessions),
                view,
                state,
                garmin,
                settings(config),
                dry_run=request.dry_run,
                weight_factor=unit.factor if unit else 1.0,
            )
            if unit is None and not request.dry_run:
                unit = measure_weight_unit(garmin, state, outcome.desired)
            outcome.notes[:0] = [
                *source_notes,
                *plan.notes,
                *weight_notes(unit, dry_run=request.dry_run),
            ]
        except NotFound as exc:
            _finish(state, run_id, "failed", f"{exc} vanished during the sync")
            raise UserError(
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


def _days_before(rules: PlanRules, from_garmin: bool, remembered: bool) -> int:
    """How far before the window the calendar is read: the runs a race's recovery looks at, and
    runlift's earlier sessions unless the state remembers them (then a month read is spared)."""
    runs = rules.days_after_races if from_garmin else 0
    return runs if remembered else max(HISTORY_DAYS, runs)


def _remembered_prior(state: SyncState, start: date) -> tuple[tuple[date, str], ...]:
    """runlift's sessions of the week before ``start``, as the state recorded them."""
    return tuple(
        (owned.day, owned.key.rsplit("/", 1)[-1])
        for owned in state.owned()
        if start - timedelta(days=HISTORY_DAYS) <= owned.day < start
    )


def measure_weight_unit(
    garmin: GarminPort, state: SyncState, desired: list[DesiredWorkout]
) -> WeightUnit | None:
    """Once, after the first sync that put a load on Garmin Connect: read Garmin's FIT of one
    of those workouts (one request) and store how it renders the weight."""
    payloads = {d.key: d for d in desired if weight_unit.sent_kg(d.payload)}
    for owned in state.owned():
        want = payloads.get(owned.key)
        if want is None or want.content_hash != owned.content_hash:
            continue
        try:
            seen = weight_unit.watch_kg(garmin.workout_fit(owned.workout_id))
        except (NotFound, GarminUnavailable, GarminRejected):
            return None
        sent = weight_unit.sent_kg(want.payload)
        if seen is None or sent is None:
            return None
        state.store_weight_unit(weight_unit.factor(sent, seen), "the first sync")
        return state.weight_unit()
    return None


def weight_notes(unit: WeightUnit | None, *, dry_run: bool) -> list[str]:
    """What the sync says about the weight unit Garmin renders."""
    if unit is None:
        if not dry_run:
            return []
        return [
            "the weight unit Garmin Connect reads is unverified until measured (by "
            "`runlift doctor garmin`, or by the first sync that sends a load): loads are sent "
            "as written"
        ]
    if unit.factor == 1.0:
        return []
    return [
        f"Garmin Connect renders workout weights scaled by {unit.factor:g} (measured by "
        f"{unit.source} on {unit.measured_at:%Y-%m-%d}): runlift sends each load divided by "
        f"{unit.factor:g}, so the watch shows it"
    ]


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
