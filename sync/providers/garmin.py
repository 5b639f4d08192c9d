"""Garmin Connect as a source of upcoming runs: a calendar snapshot turned into runs.

The snapshot (``runlift.sync.garmin.snapshot``: the calendar months of the range) is read by
whoever syncs; this provider only says which of its entries are runs. A running workout's steps
are read once (``get_workout_by_id``) and kept in the state database with the workout's update
time. The calendar month carries no update time, so edits are found in the workout list, most
recently updated first (``updateDate``): it is read page by page only down to the newest update
time already cached, which is one request when nothing was edited.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Self

from runlift.sync import limits
from runlift.sync.garmin.calendar import (
    CalendarEntry,
    EntryKind,
    as_id,
    is_running_sport,
    positive,
)
from runlift.sync.garmin.errors import NotFound
from runlift.sync.garmin.run_structure import structure_from_json, structure_to_json, summarise
from runlift.sync.model import DayKind, Run

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.garmin.port import GarminPort
    from runlift.sync.garmin.snapshot import CalendarSnapshot
    from runlift.sync.state import SyncState

SOURCE = "garmin"
EDITS_PAGE = 20
EDITS_MAX_PAGES = 10


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
    ) -> None:
        self.config = config
        self._client = client
        self._state = state
        # Workouts edited since their steps were cached (read once per provider, when needed).
        self._edited: set[int] | None = None

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
        if any(e.kind is EntryKind.WORKOUT and not e.is_strength for e in snapshot.entries):
            self.edited()  # against the cache as it stood before this read
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
        """A workout's summary: from the cache unless the workout was edited since, else read."""
        assert entry.workout_id is not None
        state = self.state
        cached = state.detail(entry.workout_id)
        if cached is not None and entry.workout_id not in self.edited():
            return WorkoutDetail(**cached[1])
        try:
            workout = self.client.workout(entry.workout_id)
        except NotFound:
            # On the calendar but not readable by id: a run by its calendar item alone (kept,
            # so later syncs do not ask again).
            workout = {"workoutName": entry.title, "sportType": {"sportTypeKey": entry.sport}}
        detail = summarise_workout(workout)
        if not state.readonly:
            state.store_detail(entry.workout_id, update_time(workout), asdict(detail))
        return detail

    def edited(self) -> set[int]:
        """Workouts updated since they were cached: the list down to the newest update time in
        the cache (None cached: none)."""
        if self._edited is None:
            self._edited = set()
            newest = self.state.newest_detail()
            if newest is not None:
                self._edited = self._updated_after(newest)
        return self._edited

    def _updated_after(self, newest: str) -> set[int]:
        found: set[int] = set()
        for page in range(EDITS_MAX_PAGES):
            items = self.client.workouts_by_update(page * EDITS_PAGE, EDITS_PAGE)
            for item in items:
                stamp = update_time(item)
                if stamp < newest:
                    return found
                workout_id = as_id(item.get("workoutId"))
                if workout_id is not None and (
                    stamp > newest or self._cached_before(workout_id, stamp)
                ):
                    found.add(workout_id)
            if len(items) < EDITS_PAGE:
                break
        return found

    def _cached_before(self, workout_id: int, stamp: str) -> bool:
        """Update times have whole seconds: one equal to the newest cached is an edit if this
        workout's own cached time is older."""
        cached = self.state.detail(workout_id)
        return cached is not None and cached[0] < stamp


def update_time(workout: dict[str, Any]) -> str:
    """When a workout was last changed: ``updateDate`` in the list's items, ``updatedDate`` in
    a workout read by id (both "2023-10-02T05:45:53.0"); either is taken from either answer."""
    value = workout.get("updateDate") or workout.get("updatedDate")
    return value if isinstance(value, str) else ""


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
