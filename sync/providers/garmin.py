"""Garmin Connect as a source of upcoming runs (and the calendar the sync compares against).

One read of ``workoutScheduleByPeriod`` for the range, plus the calendar month(s) the range
touches for Garmin Coach sessions and race events that the schedule list can miss; the two are
merged so nothing counts twice. A running workout's steps are read once (``get_workout_by_id``)
and then kept in the state database until the workout's update time changes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Self

from runlift.sync.garmin.calendar import (
    CalendarEntry,
    EntryKind,
    from_calendar_item,
    from_schedule_item,
    is_running_sport,
    merge,
    positive,
)
from runlift.sync.garmin.run_structure import structure_from_json, structure_to_json, summarise
from runlift.sync.model import DayKind, Run

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.engine.remote import RemoteView
    from runlift.sync.garmin.client import GarminClient
    from runlift.sync.state import SyncState

SOURCE = "garmin"


@dataclass(frozen=True)
class CalendarSnapshot:
    start: date
    end: date
    entries: tuple[CalendarEntry, ...]


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
        client: GarminClient | None = None,
        state: SyncState | None = None,
    ) -> None:
        self.config = config
        self._client = client
        self._state = state

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
    def client(self) -> GarminClient:
        if self._client is None:
            from runlift.sync.garmin.client import GarminClient

            self._client = GarminClient.from_token_store(self.config)
        return self._client

    def upcoming_runs(self, start: date, end: date) -> list[Run]:
        return self.runs(self.read(start, end, months=(start, end)))

    def read(
        self, start: date, end: date, *, months: tuple[date, date] | None = None
    ) -> CalendarSnapshot:
        """The schedule list for start..end, and the calendar months touching ``months``."""
        entries = [
            entry
            for item in self.client.scheduled_by_period(start, end)
            if (entry := from_schedule_item(item)) is not None
        ]
        if months is not None:
            for year, month in months_touching(*months):
                answer = self.client.calendar_month(year, month)
                for item in answer.get("calendarItems") or []:
                    if isinstance(item, dict) and (entry := from_calendar_item(item)) is not None:
                        entries.append(entry)
        first = min(start, months[0]) if months else start
        last = max(end, months[1]) if months else end
        inside = [e for e in merge(entries) if first <= e.day <= last]
        return CalendarSnapshot(first, last, tuple(inside))

    def own_workouts(
        self, snapshot: CalendarSnapshot, window: tuple[date, date], *, scan_library: bool
    ) -> RemoteView:
        """runlift's own strength workouts in ``window``, proven by marker or state."""
        from runlift.sync.engine.remote import find_own

        return find_own(snapshot, self.state, self.client, window=window, scan_library=scan_library)

    def runs(self, snapshot: CalendarSnapshot) -> list[Run]:
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
        """A workout's summary: from the cache while its update time is unchanged, else read."""
        assert entry.workout_id is not None
        state = self.state
        cached = state.detail(entry.workout_id, entry.updated)
        if cached is not None:
            return WorkoutDetail(**cached)
        detail = summarise_workout(self.client.workout(entry.workout_id))
        if not state.readonly:
            # Keyed by the listing's update time: the same workout is read again once it changes.
            state.store_detail(entry.workout_id, entry.updated, asdict(detail))
        return detail


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


def months_touching(start: date, end: date) -> list[tuple[int, int]]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
