"""The one interface the sync engine, the importer and the doctor see of Garmin Connect.

Two implementations: ``GarminClient`` (the garminconnect adapter, the real wire) and
``MemoryGarmin`` (an in-memory twin for engine tests, with faults per call). Every method maps
to one endpoint listed in tests/fakes/EVIDENCE.md. Failures are raised in the sync's terms:
``NotFound``, ``WriteUncertain`` (a write whose outcome is unknown), ``GarminRejected`` (4xx),
``GarminUnavailable``, ``RateLimited``, ``AuthRequired``.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, Protocol


class GarminPort(Protocol):
    # Calls by name (for the request counts a sync reports).
    calls: Counter[str]

    @property
    def requests_sent(self) -> int: ...

    # -- reads

    def calendar_month(self, year: int, month: int) -> dict[str, Any]:
        """GET /calendar-service/year/{year}/month/{month - 1}: ``month`` is 1-12 here."""
        ...

    def workout(self, workout_id: int) -> dict[str, Any]: ...

    def schedule_entry(self, schedule_id: int) -> dict[str, Any]: ...

    def workout_list(self, start: int, limit: int) -> list[dict[str, Any]]:
        """A page of the workout list as Garmin orders it (newest created first, ``start``
        one-based, as recorded): list items, no steps, ``updateDate``. Only ``start`` and
        ``limit`` are sent; ``runlift.sync.targets.garmin.library`` reads it."""
        ...

    def strength_activities(self, start: date, end: date) -> list[dict[str, Any]]:
        """Strength-training activities from ``start`` to ``end``, newest first."""
        ...

    def exercise_sets(self, activity_id: int) -> dict[str, Any]: ...

    def original_file(self, activity_id: int) -> bytes: ...

    def workout_fit(self, workout_id: int) -> bytes:
        """Garmin's own FIT rendering of a workout, as the watch receives it."""
        ...

    # -- writes

    def create_workout(self, payload: dict[str, Any]) -> int: ...

    def delete_workout(self, workout_id: int) -> None: ...

    def schedule(self, workout_id: int, day: date) -> int: ...

    def unschedule(self, schedule_id: int) -> None: ...
