"""Garmin Connect as a source of upcoming runs: a calendar snapshot turned into runs.

The snapshot (``runlift.sync.targets.garmin.snapshot``: the calendar months of the range) is
read once per command by the Garmin account (``runlift.sync.targets.garmin.account``), which a
sync's Garmin target shares; this provider only says which of its entries are runs. A running
workout's steps are read once (``get_workout_by_id``) and kept in Garmin's cache in the state
file with the workout's update time; ``runlift.sync.targets.garmin.edits`` says which to read
again because they may have changed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Self

from runlift.sync import limits
from runlift.sync.model import DayKind, Run
from runlift.sync.targets.garmin import edits, library
from runlift.sync.targets.garmin.account import GarminAccount
from runlift.sync.targets.garmin.calendar import (
    CalendarEntry,
    EntryKind,
    is_running_sport,
    positive,
)
from runlift.sync.targets.garmin.errors import NotFound
from runlift.sync.targets.garmin.library import update_time
from runlift.sync.targets.garmin.run_structure import (
    structure_from_json,
    structure_to_json,
    summarise,
)
from runlift.workouts.garmin_marker import has_runlift_name

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.state import SyncState
    from runlift.sync.targets.garmin.cache import GarminCache
    from runlift.sync.targets.garmin.port import GarminPort
    from runlift.sync.targets.garmin.snapshot import CalendarSnapshot

SOURCE = "garmin"


@dataclass(frozen=True)
class WorkoutDetail:
    sport: str
    name: str
    description: str
    duration_s: float | None
    distance_m: float | None
    structure: dict[str, Any]


class GarminProvider:
    name = SOURCE

    def __init__(
        self,
        config: Config,
        client: GarminPort | None = None,
        state: SyncState | None = None,
        list_page: int = library.PAGE,
        account: GarminAccount | None = None,
    ) -> None:
        self.config = config
        self._client = client
        self._state = state
        self._account = account
        # Workouts per page of the workout list when looking for edits.
        self.list_page = list_page
        # This read's checks: the running workouts to read by id (new, or maybe changed).
        self._checks: edits.Checks | None = None

    @classmethod
    def from_config(cls, config: Config, **options: Any) -> Self:
        """``connections`` and ``state`` (a sync's): the Garmin account the Garmin target uses,
        so the calendar it read is not read again."""
        state, connections = options.get("state"), options.get("connections")
        account = None
        if state is not None and connections is not None:
            account = GarminAccount.shared(config, state, connections)
        return cls(config, client=options.get("client"), state=state, account=account)

    @property
    def account(self) -> GarminAccount:
        if self._account is None:
            from runlift.sync.targets.garmin.cache import GarminCache
            from runlift.sync.targets.garmin.client import GarminClient

            if self._state is None:
                from runlift.sync.state import SyncState

                self._state = SyncState()
            self._account = GarminAccount(
                self._client,
                GarminCache(self._state),
                make_client=lambda: GarminClient.from_token_store(self.config),
            )
        return self._account

    @property
    def cache(self) -> GarminCache:
        cache = self.account.cache
        assert cache is not None
        return cache

    @property
    def client(self) -> GarminPort:
        return self.account.client

    def upcoming_runs(
        self, start: date, end: date, *, near: tuple[date, date] | None = None
    ) -> list[Run]:
        """Runs from the calendar of ``start``..``end`` (read once per command: a Garmin
        target's read of it in the same sync is used)."""
        return self.runs(self.account.calendar(start, end, near=near))

    def runs(self, snapshot: CalendarSnapshot) -> list[Run]:
        """Every entry of the snapshot as a run, a race, or not a run (with why); runlift's own
        strength sessions are its output, not the plan's, and are left to the sync."""
        scheduled: dict[int, date] = {}
        for entry in snapshot.entries:
            if _maybe_running(entry) and entry.workout_id is not None:
                scheduled.setdefault(entry.workout_id, entry.day)
        client = self.client
        budget = max(1, edits.STEADY_REQUESTS - client.requests_sent)
        self._checks = edits.check(scheduled, self.cache, client, budget, self.list_page)
        runs: list[Run] = []
        for entry in snapshot.entries:
            if entry.is_strength and has_runlift_name(entry.title):
                continue
            run = self._run(entry)
            runs.append(run if run is not None else self._not_a_run(entry))
        return runs

    def _not_a_run(self, entry: CalendarEntry, sport: str = "") -> Run:
        sport = (sport or entry.sport).replace("_", " ")
        if entry.kind is EntryKind.EVENT:
            why = "an event in the Garmin calendar, not a race"
        elif entry.is_strength:
            why = "your own strength workout (runlift leaves it be)"
        elif entry.kind is EntryKind.COACH:
            why = f"a Garmin Coach {sport} session" if sport else "a Garmin Coach session"
        else:
            why = f"a {sport} workout" if sport else "a workout of another sport"
        return Run(
            day=entry.day,
            title=entry.title or "(untitled)",
            source=SOURCE,
            kind=DayKind.NOT_A_RUN,
            reason=why,
        )

    def _run(self, entry: CalendarEntry) -> Run | None:
        if entry.kind is EntryKind.RACE:
            return Run(
                day=entry.day,
                title=entry.title or "Race",
                source=SOURCE,
                kind=DayKind.RACE,
                reason=f"race in the Garmin calendar: {entry.title}".rstrip(": "),
                distance_m=entry.distance_m,
            )
        if entry.kind is EntryKind.COACH:
            if not is_running_sport(entry.sport):
                return None
            return Run(
                day=entry.day,
                title=entry.title,
                description="Garmin Coach adaptive session",
                source="garmin-coach",
                duration_s=entry.duration_s,
                distance_m=entry.distance_m,
            )
        if entry.is_strength or (entry.sport and not entry.is_running):
            return None
        if entry.kind is not EntryKind.WORKOUT or entry.workout_id is None:
            return None
        detail = self.detail(entry)
        if not is_running_sport(detail.sport):
            return self._not_a_run(entry, detail.sport)
        return Run(
            day=entry.day,
            title=detail.name or entry.title,
            description=detail.description,
            source=SOURCE,
            duration_s=detail.duration_s or entry.duration_s,
            distance_m=detail.distance_m or entry.distance_m,
            structure=structure_from_json(detail.structure),
        )

    def detail(self, entry: CalendarEntry) -> WorkoutDetail:
        """A workout's summary: from the cache unless this read's checks say to read it."""
        assert entry.workout_id is not None
        state = self.cache
        cached = state.cached_run(entry.workout_id)
        checks = self._checks or edits.Checks(state.check_round(), {entry.workout_id})
        if cached is not None and entry.workout_id not in checks.to_read:
            return WorkoutDetail(**cached.summary)
        try:
            workout = self.client.workout(entry.workout_id)
        except NotFound:
            # On the calendar but not readable by id: a run by its calendar item alone (kept,
            # so later syncs do not ask again).
            workout = {"workoutName": entry.title, "sportType": {"sportTypeKey": entry.sport}}
        detail = summarise_workout(workout)
        if not state.readonly:
            state.store_detail(
                entry.workout_id, update_time(workout), asdict(detail), checked=checks.round
            )
        checks.to_read.discard(entry.workout_id)
        return detail


def _maybe_running(entry: CalendarEntry) -> bool:
    """A scheduled workout that is a run, or whose calendar item does not say its sport."""
    return (
        entry.kind is EntryKind.WORKOUT
        and not entry.is_strength
        and (entry.is_running or not entry.sport)
    )


def summarise_workout(workout: dict[str, Any]) -> WorkoutDetail:
    sport = found if isinstance(found := workout.get("sportType"), dict) else {}
    return WorkoutDetail(
        sport=limits.title(str(sport.get("sportTypeKey") or "")).lower(),
        name=limits.title(str(workout.get("workoutName") or "")),
        description=limits.description(str(workout.get("description") or "")),
        duration_s=positive(workout.get("estimatedDurationInSecs")),
        distance_m=positive(workout.get("estimatedDistanceInMeters")),
        structure=structure_to_json(summarise(workout)),
    )
