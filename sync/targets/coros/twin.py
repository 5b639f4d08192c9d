"""An in-memory COROS Training Hub behind the COROS port, for engine and contract tests: the
library and the calendar as the recordings in tests/fakes/EVIDENCE.md show them (a calendar
entry holds its own copy of the program, in the plan's next slot), without HTTP.

Faults are set per call name (``library``, ``calendar``, ``create``, ``schedule``,
``unschedule``, ``delete``):

- ``lost``: the write lands, its answer is lost (``WriteUncertain``);
- ``not_landed``: the write never arrives (``WriteUncertain``; a read: ``CorosUnavailable``);
- ``rate_limited``: 429 (``RateLimited``), and COROS is paused for an hour as the client
  records it (``runlift.sync.cooloff``): until then every call is refused without being counted;
- ``rejected``: a refusal (``CorosRejected``).

Removing what is already gone is done, as the client makes it (it looks and finds it gone).
"""

from __future__ import annotations

import copy
import itertools
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from runlift.sync import cooloff
from runlift.sync.targets.coros.client import Calendar, CalendarEntry, EntryRef
from runlift.sync.targets.coros.errors import CorosRejected, CorosUnavailable, WriteUncertain
from runlift.workouts.coros_payload import CorosWorkout
from runlift.workouts.garmin_marker import Marker, parse_marker

SERVICE = "coros"
PLAN_ID = "460904915775176706"
PAUSE_S = 3600.0
WRITES = frozenset({"create", "schedule", "unschedule", "delete"})
KINDS = frozenset({"lost", "not_landed", "rate_limited", "rejected"})


@dataclass
class _Entry:
    slot: int
    day: date
    program: dict[str, Any]


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
class MemoryCoros:
    programs: dict[str, dict[str, Any]] = field(default_factory=dict)
    entries: list[_Entry] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)
    last_scheduled: tuple[date, str] | None = None
    _max_slot: int = 0
    _faults: list[_Fault] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(475403419167932916))

    # -- test controls

    def fail(self, call: str, kind: str, *, nth: int = 1, times: int | None = 1) -> None:
        """The ``nth`` call of ``call`` from now on fails with ``kind`` (``times`` in a row)."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        self._faults.append(_Fault(call, kind, nth, times))

    def heal(self) -> None:
        self._faults.clear()

    def add_own(self, name: str, day: date | None = None) -> str:
        """A program the athlete made (no marker), on the calendar on ``day`` if given."""
        program = {"name": name, "overview": "", "sportType": 4, "exercises": []}
        program_id = self._store(program)
        if day is not None:
            self._schedule(program, day)
        return program_id

    @property
    def requests_sent(self) -> int:
        return sum(self.calls.values())

    # -- reads

    def library(self) -> list[dict[str, Any]]:
        self._enter("library")
        return [copy.deepcopy(p) for p in self.programs.values()]

    def calendar(self, start: date, end: date) -> Calendar:
        self._enter("calendar")
        return self._calendar(start, end)

    def library_program(self, program_id: str) -> dict[str, Any] | None:
        found = [p for p in self.library() if p["id"] == program_id]
        return found[0] if found else None

    def find(self, marker: Marker) -> list[str]:
        return [p["id"] for p in self.library() if parse_marker(p.get("overview")) == marker]

    # -- writes

    def create(self, workout: CorosWorkout) -> str:
        landed = self._enter("create")
        return self._answer(landed, lambda: self._store(workout.program))

    def schedule(self, program: Mapping[str, Any], day: date) -> EntryRef:
        landed = self._enter("schedule")
        self.last_scheduled = (day, str(self._max_slot + 1))
        slot = self._answer(landed, lambda: self._schedule(program, day))
        return EntryRef(PLAN_ID, str(slot), str(slot))

    def unschedule(self, ref: EntryRef, day: date | None = None) -> None:
        landed = self._enter("unschedule")
        self._answer(landed, lambda: self._unschedule(ref))

    def delete(self, program_id: str) -> None:
        landed = self._enter("delete")
        self._answer(landed, lambda: self.programs.pop(program_id, None))

    # -- inside

    def _enter(self, call: str) -> str | None:
        cooloff.check(SERVICE)
        self.calls[call] += 1
        due = [fault for fault in self._faults if fault.call == call and fault.hits()]
        for fault in due[:1]:
            if fault.kind == "rate_limited":
                raise cooloff.pause_after_429(SERVICE, None, default_s=PAUSE_S)
            if fault.kind == "rejected":
                raise CorosRejected(f"COROS ({call}) refused the request", result="9999")
            if fault.kind == "not_landed":
                if call in WRITES:
                    raise WriteUncertain(f"COROS ({call}): connection reset")
                raise CorosUnavailable("connection reset")
            return fault.kind
        return None

    @staticmethod
    def _answer(landed: str | None, apply: Any) -> Any:
        result = apply()
        if landed == "lost":
            raise WriteUncertain("the answer was lost")
        return result

    def _store(self, program: Mapping[str, Any]) -> str:
        program_id = str(next(self._ids))
        self.programs[program_id] = {**copy.deepcopy(dict(program)), "id": program_id}
        return program_id

    def _schedule(self, program: Mapping[str, Any], day: date) -> int:
        self._max_slot += 1
        stored = {k: v for k, v in copy.deepcopy(dict(program)).items() if k != "idInPlan"}
        self.entries.append(_Entry(self._max_slot, day, stored))
        return self._max_slot

    def _unschedule(self, ref: EntryRef) -> None:
        self.entries = [e for e in self.entries if str(e.slot) != ref.id_in_plan]

    def _calendar(self, start: date, end: date) -> Calendar:
        entries = tuple(
            CalendarEntry(
                EntryRef(PLAN_ID, str(e.slot), str(e.slot)), e.day, copy.deepcopy(e.program)
            )
            for e in sorted(self.entries, key=lambda e: (e.day, e.slot))
            if start <= e.day <= end
        )
        return Calendar(PLAN_ID, self._max_slot, entries)


if TYPE_CHECKING:
    from runlift.sync.targets.coros.port import CorosPort

    _conforms: CorosPort = MemoryCoros()
