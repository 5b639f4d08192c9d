"""What COROS's side of the sync engine (``CorosTarget``) uses of the Training Hub.

Two implementations: ``CorosClient`` (httpx, the recorded calls) and ``MemoryCoros`` (an
in-memory twin for engine tests, with faults per call). Failures are raised in the sync's terms
(``runlift.sync.errors``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from runlift.sync.targets.coros.client import Calendar, EntryRef
from runlift.workouts.coros_payload import CorosWorkout
from runlift.workouts.garmin_marker import Marker


class CorosPort(Protocol):
    calls: Counter[str]
    # The last entry put on the calendar, as sent: (day, slot).
    last_scheduled: tuple[date, str] | None

    @property
    def requests_sent(self) -> int: ...

    def library(self) -> list[dict[str, Any]]: ...

    def calendar(self, start: date, end: date) -> Calendar: ...

    def library_program(self, program_id: str) -> dict[str, Any] | None: ...

    def find(self, marker: Marker) -> list[str]: ...

    def create(self, workout: CorosWorkout) -> str: ...

    def schedule(self, program: Mapping[str, Any], day: date) -> EntryRef: ...

    def unschedule(self, ref: EntryRef, day: date | None = None) -> None: ...

    def delete(self, program_id: str) -> None: ...
