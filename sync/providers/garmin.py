"""Garmin Connect as a source of upcoming runs: a calendar snapshot turned into runs.

The snapshot (``runlift.sync.garmin.snapshot``: the calendar months of the range) is read by
whoever syncs; this provider only says which of its entries are runs. A running workout's steps
are read once (``get_workout_by_id``) and kept in the state database with the workout's update
time; ``runlift.sync.garmin.edits`` says which to read again because they may have changed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Self

from runlift.sync.garmin import edits, library
from runlift.sync.garmin.calendar import (
    CalendarEntry,
    EntryKind,
    is_running_sport,
    positive,
)
from runlift.sync.garmin.errors import NotFound
from runlift.sync.garmin.library import update_time
from runlift.sync.garmin.run_structure import structure_from_json, structure_to_json, summarise
from runlift.sync.model import DayKind, Run

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.garmin.port import GarminPort
    from runlift.sync.garmin.snapshot import CalendarSnapshot
    from runlift.sync.state import SyncState

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
    ) -> None:
        self.config = config
        self._client = client
        self._state = state
        # Workouts per page of the workout list when looking for edits.
        self.list_page = list_page
        # This read's checks: the running workouts to read by id (new, or maybe changed).
        self._checks: edits.Checks | None = None

    @classmethod
    def from_config(cls, config: Config, **options: Any) -> Self:
        return cls(config, client=options.get("client"), state=options.get("state"))

    @property
    def state(self) -> SyncState:
        if self._state is None:
            from runlift.sync.state import SyncState

            self._state = SyncState()
        return self._state

    @property
    def client(self) -> GarminPort:
        if self._client is None:
            from runlift.sync.garmin.client import GarminClient

            self._client = GarminClient.from_token_store(self.config)
        return self._client

    def upcoming_runs(self, start: date, end: date) -> list[Run]:
        from runlift.sync.garmin.snapshot import read_snapshot

        return self.runs(read_snapshot(self.client, start, end))

    def runs(self, snapshot: CalendarSnapshot) -> list[Run]:
        scheduled: dict[int, date] = {}
        for entry in snapshot.entries:
            if _maybe_running(entry) and entry.workout_id is not None:
                scheduled.setdefault(entry.workout_id, entry.day)
        client = self.client
        budget = max(1, edits.STEADY_REQUESTS - client.requests_sent)
        self._checks = edits.check(scheduled, self.state, client, budget, self.list_page)
        runs: list[Run] = []
        for entry in snapshot.entries:
            run = self._run(entry)
            if run is not None:
                runs.append(run)
        return runs

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
        assert entry.workout_id is not None
        detail = self.detail(entry)
        if not is_running_sport(detail.sport):
            return None
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
        state = self.state
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
        sport=str(sport.get("sportTypeKey") or "").lower(),
        name=str(workout.get("workoutName") or ""),
        description=str(workout.get("description") or ""),
        duration_s=positive(workout.get("estimatedDurationInSecs")),
        distance_m=positive(workout.get("estimatedDistanceInMeters")),
        structure=structure_to_json(summarise(workout)),
    )
