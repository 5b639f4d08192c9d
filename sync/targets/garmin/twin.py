"""An in-memory Garmin Connect behind the Garmin port, for engine tests (like vdirsyncer's
MemoryStorage): the same answers as the recordings in tests/fakes/EVIDENCE.md, without HTTP.

Faults are set per call name (``calendar_month``, ``create_workout``, ``schedule``...):

- ``lost``: the write lands, its answer is lost (``WriteUncertain``);
- ``not_landed``: the write never arrives (``WriteUncertain``; a read: ``GarminUnavailable``);
- ``not_found``: 404 (``NotFound``);
- ``rate_limited``: 429 (``RateLimited``), and Garmin is paused for an hour as the client
  records it (``runlift.sync.cooloff``): until then every call is refused without being counted;
- ``rejected``: 400 (``GarminRejected``).

``calendar_lag`` makes the month show a new calendar entry one read late, as Garmin's listing
can. Scheduling is not idempotent, like Garmin's.
"""

from __future__ import annotations

import copy
import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from runlift.sync import cooloff
from runlift.sync.targets.garmin.errors import (
    GarminRejected,
    GarminUnavailable,
    NotFound,
    WriteUncertain,
)

SERVICE = "garmin"
# The pause after a 429, as the client's default (garmin.cooloff_minutes).
PAUSE_S = 3600.0
WRITES = frozenset({"create_workout", "delete_workout", "schedule", "unschedule"})
KINDS = frozenset({"lost", "not_landed", "not_found", "rate_limited", "rejected"})


@dataclass
class _Fault:
    call: str
    kind: str
    nth: int
    times: int | None
    seen: int = 0

    def hits(self) -> bool:
        self.seen += 1
        if self.seen < self.nth:
            return False
        return self.times is None or self.seen < self.nth + self.times


@dataclass
class MemoryGarmin:
    workouts: dict[int, dict[str, Any]] = field(default_factory=dict)
    schedules: dict[int, dict[str, Any]] = field(default_factory=dict)
    activities: dict[int, dict[str, Any]] = field(default_factory=dict)
    exercise_sets_by_id: dict[int, dict[str, Any]] = field(default_factory=dict)
    fit_files: dict[int, bytes] = field(default_factory=dict)
    calendar_lag: bool = False
    calls: Counter[str] = field(default_factory=Counter)
    _faults: list[_Fault] = field(default_factory=list)
    _unseen: set[int] = field(default_factory=set)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5_000_001))
    _clock: datetime = field(default_factory=lambda: datetime(2026, 1, 1, 8, 0))

    # -- test controls

    def fail(self, call: str, kind: str, *, nth: int = 1, times: int | None = 1) -> None:
        """The ``nth`` call of ``call`` from now on fails with ``kind`` (``times`` in a row)."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        self._faults.append(_Fault(call, kind, nth, times))

    def heal(self) -> None:
        self._faults.clear()

    def add_workout(self, body: dict[str, Any], day: date | None = None) -> int:
        """A workout made outside runlift (the athlete's own), scheduled on ``day`` if given."""
        workout_id = self._store(body)
        if day is not None:
            self._schedule(workout_id, day)
        return workout_id

    def move_schedule(self, schedule_id: int, day: date) -> None:
        self.schedules[schedule_id]["calendarDate"] = day.isoformat()

    def scheduled(self) -> list[tuple[int, date]]:
        """(workout id, day) of every calendar entry."""
        return sorted(
            (s["workoutId"], date.fromisoformat(s["calendarDate"])) for s in self.schedules.values()
        )

    @property
    def requests_sent(self) -> int:
        return sum(self.calls.values())

    # -- reads

    def calendar_month(self, year: int, month: int) -> dict[str, Any]:
        """With seven days of each neighbouring month, as the recorded month has."""
        self._enter("calendar_month")
        first = date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
        items = []
        for schedule_id, entry in sorted(self.schedules.items()):
            day = date.fromisoformat(entry["calendarDate"])
            if not first - timedelta(days=7) <= day < following + timedelta(days=7):
                continue
            if schedule_id in self._unseen:
                if (day.year, day.month) == (year, month):
                    self._unseen.discard(schedule_id)  # listed from its month's next read on
                continue
            workout = self.workouts[entry["workoutId"]]
            items.append(
                {
                    "id": schedule_id,
                    "itemType": "workout",
                    "date": entry["calendarDate"],
                    "title": workout.get("workoutName"),
                    "workoutId": entry["workoutId"],
                    "trainingPlanId": 0,
                    "workoutUuid": None,
                    "sportTypeKey": workout["sportType"]["sportTypeKey"],
                }
            )
        return {"year": year, "month": month - 1, "calendarItems": items}

    def workout(self, workout_id: int) -> dict[str, Any]:
        self._enter("workout")
        if workout_id not in self.workouts:
            raise NotFound(f"workout {workout_id}")
        return copy.deepcopy(self.workouts[workout_id])

    def schedule_entry(self, schedule_id: int) -> dict[str, Any]:
        self._enter("schedule_entry")
        if schedule_id not in self.schedules:
            raise NotFound(f"calendar entry {schedule_id}")
        return self._schedule_json(schedule_id)

    def workout_list(self, start: int, limit: int) -> list[dict[str, Any]]:
        """As recorded: newest created first, ``start`` one-based (0 and 1 both begin at the
        first workout)."""
        self._enter("workout_list")
        rows = sorted(
            self.workouts.values(),
            key=lambda w: (w["createdDate"], w["workoutId"]),
            reverse=True,
        )
        first = max(start, 1) - 1
        return [_list_item(w) for w in rows[first : first + limit]]

    def edit_workout(self, workout_id: int, **changes: Any) -> None:
        """The athlete edits a workout in Garmin Connect (its update time moves on)."""
        self._clock += timedelta(seconds=1)
        self.workouts[workout_id].update(
            changes, updatedDate=self._clock.strftime("%Y-%m-%dT%H:%M:%S.0")
        )

    def strength_activities(self, start: date, end: date) -> list[dict[str, Any]]:
        self._enter("strength_activities")
        return [
            copy.deepcopy(a)
            for a in self.activities.values()
            if start.isoformat() <= a["startTimeLocal"][:10] <= end.isoformat()
            and a["activityType"]["typeKey"] == "strength_training"
        ]

    def exercise_sets(self, activity_id: int) -> dict[str, Any]:
        self._enter("exercise_sets")
        if activity_id not in self.activities:
            raise NotFound(f"activity {activity_id}")
        return copy.deepcopy(self.exercise_sets_by_id.get(activity_id, {}))

    def original_file(self, activity_id: int) -> bytes:
        self._enter("original_file")
        raise NotFound(f"activity {activity_id} file")

    def workout_fit(self, workout_id: int) -> bytes:
        self._enter("workout_fit")
        if workout_id not in self.workouts or workout_id not in self.fit_files:
            raise NotFound(f"workout {workout_id} FIT")
        return self.fit_files[workout_id]

    # -- writes

    def create_workout(self, payload: dict[str, Any]) -> int:
        landed = self._enter("create_workout")
        return self._answer(landed, lambda: self._store(payload))

    def delete_workout(self, workout_id: int) -> None:
        landed = self._enter("delete_workout")
        if workout_id not in self.workouts:
            raise NotFound(f"workout {workout_id}")

        def delete() -> None:
            del self.workouts[workout_id]
            for schedule_id in [
                s for s, v in self.schedules.items() if v["workoutId"] == workout_id
            ]:
                del self.schedules[schedule_id]

        self._answer(landed, delete)

    def schedule(self, workout_id: int, day: date) -> int:
        landed = self._enter("schedule")
        if workout_id not in self.workouts:
            raise NotFound(f"workout {workout_id}")
        return self._answer(landed, lambda: self._schedule(workout_id, day))

    def unschedule(self, schedule_id: int) -> None:
        landed = self._enter("unschedule")
        if schedule_id not in self.schedules:
            raise NotFound(f"calendar entry {schedule_id}")
        self._answer(landed, lambda: self.schedules.pop(schedule_id) and None)

    # -- inside

    def _enter(self, call: str) -> str | None:
        """Count the call and apply a fault due now; returns "lost" when the write must land
        and lose its answer. A call during a pause is refused before it is counted."""
        cooloff.check(SERVICE)
        self.calls[call] += 1
        # Every fault on this call counts it, whether or not an earlier one fires.
        due = [fault for fault in self._faults if fault.call == call and fault.hits()]
        for fault in due[:1]:
            if fault.kind == "rate_limited":
                raise cooloff.pause_after_429(SERVICE, None, default_s=PAUSE_S)
            if fault.kind == "not_found":
                raise NotFound(call)
            if fault.kind == "rejected":
                raise GarminRejected(f"Garmin Connect ({call}) refused the request", 400)
            if fault.kind == "not_landed":
                if call in WRITES:
                    raise WriteUncertain(f"Garmin Connect ({call}): connection reset")
                raise GarminUnavailable("connection lost")
            return fault.kind
        return None

    @staticmethod
    def _answer(landed: str | None, apply: Any) -> Any:
        result = apply()
        if landed == "lost":
            raise WriteUncertain("the answer was lost")
        return result

    def _store(self, body: dict[str, Any]) -> int:
        workout = copy.deepcopy(body)
        workout_id = next(self._ids)
        self._clock += timedelta(seconds=1)
        stamp = self._clock.strftime("%Y-%m-%dT%H:%M:%S.0")
        workout.update({"workoutId": workout_id, "createdDate": stamp, "updatedDate": stamp})
        workout.setdefault("description", None)
        self.workouts[workout_id] = workout
        return workout_id

    def _schedule(self, workout_id: int, day: date) -> int:
        schedule_id = next(self._ids)
        self.schedules[schedule_id] = {"workoutId": workout_id, "calendarDate": day.isoformat()}
        if self.calendar_lag:
            self._unseen.add(schedule_id)
        return schedule_id

    def _schedule_json(self, schedule_id: int) -> dict[str, Any]:
        entry = self.schedules[schedule_id]
        return {
            "workoutScheduleId": schedule_id,
            "calendarDate": entry["calendarDate"],
            "workout": copy.deepcopy(self.workouts[entry["workoutId"]]),
        }


def _list_item(workout: dict[str, Any]) -> dict[str, Any]:
    # The recorded list carries each workout's description; the twin leaves it out, so the
    # engine's read-by-id path for a name that looks like runlift's is tested too.
    dropped = ("workoutSegments", "updatedDate", "description")
    item = {k: v for k, v in workout.items() if k not in dropped}
    item["updateDate"] = workout["updatedDate"]
    return copy.deepcopy(item)


if TYPE_CHECKING:
    from runlift.sync.targets.garmin.port import GarminPort

    _conforms: GarminPort = MemoryGarmin()
