"""The COROS Training Hub calls a target needs, over httpx, shaped for the engine's Target port.

Every request is one of the recorded calls in tests/fakes/EVIDENCE.md (section COROS Training
Hub), on the account region's host, with the ``accessToken`` and ``yfheader`` headers:

- ``POST /training/program/query`` ``{}``: the workout library (runlift's programs found by
  their marker);
- ``GET /training/schedule/query?startDate&endDate&supportRestExercise=1``: the calendar window
  (entries with their program copies; the plan's id and ``maxIdInPlan``);
- ``POST /training/program/add``: create a program in the library (answer: its id);
- ``POST /training/schedule/update`` with ``versionObjects`` status 1: put a program on a day
  (slot ``maxIdInPlan + 1``), status 3: take an entry off the calendar;
- ``POST /training/program/delete`` ``[id]``: delete a library program.

COROS's own ids stay opaque to callers: a program id is a string, a calendar entry an
:class:`EntryRef` whose ``str()`` is what a state file keeps. Removing something already gone
is not an error (its answer is not recorded, so the client looks whether it is gone).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Any

import httpx

from runlift.sync import clock, contact, cooloff, network
from runlift.sync.bounded_httpx import AnswerRefused, BoundedClient
from runlift.sync.errors import AuthRequired
from runlift.sync.targets.coros.errors import (
    OK,
    TOKEN_INVALID,
    CorosRejected,
    CorosUnavailable,
    WriteUncertain,
)
from runlift.sync.targets.coros.session import LOGIN_HINT, SERVICE, CorosSession
from runlift.workouts.coros_payload import CorosWorkout
from runlift.workouts.garmin_marker import Marker, parse_marker

PROGRAM_QUERY = "/training/program/query"
PROGRAM_ADD = "/training/program/add"
PROGRAM_DELETE = "/training/program/delete"
SCHEDULE_QUERY = "/training/schedule/query"
SCHEDULE_UPDATE = "/training/schedule/update"
ADD = 1
REMOVE = 3
# A calendar entry COROS lists with this status has been taken off the calendar.
REMOVED = 3
SCHEDULE_VERSION = 2


@dataclass(frozen=True)
class EntryRef:
    """A calendar entry: its plan, its slot in the plan and the slot of its program copy."""

    plan_id: str
    id_in_plan: str
    plan_program_id: str

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.id_in_plan}/{self.plan_program_id}"

    @classmethod
    def parse(cls, text: str) -> EntryRef:
        parts = text.split("/")
        if len(parts) != 3 or not all(parts[1:]):
            raise ValueError(f"not a COROS calendar entry reference: {text!r}")
        return cls(*parts)


@dataclass(frozen=True)
class CalendarEntry:
    ref: EntryRef
    day: date
    program: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.program.get("name") or "")

    @property
    def marker(self) -> Marker | None:
        return parse_marker(_text(self.program.get("overview")))


@dataclass(frozen=True)
class Calendar:
    plan_id: str
    max_id_in_plan: int
    entries: tuple[CalendarEntry, ...]


@dataclass(frozen=True)
class OwnedWorkout:
    """A library program that carries runlift's marker."""

    program_id: str
    name: str
    marker: Marker


@dataclass(frozen=True)
class OwnedEntry:
    """A calendar entry whose program carries runlift's marker."""

    ref: EntryRef
    day: date
    name: str
    marker: Marker


@dataclass(frozen=True)
class Owned:
    workouts: tuple[OwnedWorkout, ...]
    entries: tuple[OwnedEntry, ...]


class CorosClient:
    """One athlete's COROS account for one command: one httpx client, requests counted."""

    def __init__(
        self,
        session: CorosSession,
        *,
        base_url: str | None = None,
        timeout_s: float = 20.0,
        cooloff_s: float = 3600.0,
        transport: httpx.BaseTransport | None = None,
        now: Callable[[], datetime] = clock.now,
        on_token_refused: Callable[[CorosSession], None] | None = None,
    ) -> None:
        self.session = session
        # Called once COROS refuses the token (1019): the saved sign-in is ended.
        self.on_token_refused = on_token_refused
        self.cooloff_s = cooloff_s
        self.now = now
        self.calls: Counter[str] = Counter()
        self._http = BoundedClient(
            base_url=base_url or session.base_url,
            timeout_s=timeout_s,
            transport=transport,
            headers={
                "Accept": "application/json",
                "accessToken": session.access_token,
                "yfheader": json.dumps({"userId": session.user_id}, separators=(",", ":")),
            },
        )
        # The plan runlift's entries go into and its highest slot, from the last calendar read.
        self._plan: tuple[str, int] | None = None
        # The last entry put on the calendar, as sent: (day, slot). An answer lost on the way
        # back is looked for at that slot (``runlift.sync.targets.coros.target``).
        self.last_scheduled: tuple[date, str] | None = None

    @property
    def requests_sent(self) -> int:
        return sum(self.calls.values())

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CorosClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ reads

    def library(self) -> list[dict[str, Any]]:
        """Every program in the workout library (one request; the answer is a bare list)."""
        data = self._call("POST", PROGRAM_QUERY, body={}, write=False)
        if data is None:
            return []
        if not isinstance(data, list):
            raise CorosUnavailable(f"{PROGRAM_QUERY} answered something that is not a list")
        return [item for item in data if isinstance(item, dict)]

    def calendar(self, start: date, end: date) -> Calendar:
        """The calendar entries from ``start`` to ``end`` (inclusive), removed ones left out."""
        params = {
            "startDate": _day(start),
            "endDate": _day(end),
            "supportRestExercise": 1,
        }
        data = self._call("GET", SCHEDULE_QUERY, params=params, write=False)
        if not isinstance(data, dict):
            raise CorosUnavailable(f"{SCHEDULE_QUERY} answered no calendar")
        calendar = _calendar(data)
        self._plan = (calendar.plan_id, calendar.max_id_in_plan)
        return calendar

    def owned(self, start: date, end: date) -> Owned:
        """What runlift owns: marked library programs, and marked calendar entries in the
        window. Two requests."""
        workouts = tuple(_owned_workouts(self.library()))
        entries = tuple(
            OwnedEntry(ref=e.ref, day=e.day, name=e.name, marker=marker)
            for e in self.calendar(start, end).entries
            if (marker := e.marker) is not None
        )
        return Owned(workouts=workouts, entries=entries)

    def library_program(self, program_id: str) -> dict[str, Any] | None:
        """The library program with this id (the list holds whole programs), or None."""
        for program in self.library():
            if str(program.get("id", "")) == program_id:
                return program
        return None

    def find(self, marker: Marker) -> list[str]:
        """The ids of the library programs carrying exactly this marker (key and hash)."""
        return [w.program_id for w in _owned_workouts(self.library()) if w.marker == marker]

    # ------------------------------------------------------------------ writes

    def ensure(self, workout: CorosWorkout) -> str:
        """The id of the library program carrying this workout's marker, created if none does:
        a re-run, or a retry after a lost answer, never adds a second copy."""
        found = self.find(workout.marker)
        return found[0] if found else self.create(workout)

    def create(self, workout: CorosWorkout) -> str:
        """Add the workout to the library; its COROS id.

        An answer without an id (recorded by JunAkerBuilds/CorosLink) is resolved by finding
        the program by its marker; a lost answer raises :class:`WriteUncertain` and the caller
        looks for the marker (:meth:`owned`) before trying again.
        """
        data = self._call("POST", PROGRAM_ADD, body=workout.program, write=True)
        if data not in (None, ""):
            return str(data)
        found = self.find(workout.marker)
        if found:
            return found[0]
        raise WriteUncertain(
            f"COROS {PROGRAM_ADD} answered without an id and no program carries the marker "
            f"of {workout.key}",
            PROGRAM_ADD,
        )

    def schedule(self, program: Mapping[str, Any], day: date) -> EntryRef:
        """Put ``program`` (a program body, e.g. ``CorosWorkout.program``, or a library program)
        on ``day`` in the next free slot of the athlete's plan. One request when the plan was read
        in this command, else two."""
        plan = self._plan or self._read_plan(day)
        plan_id, highest = plan
        slot = highest + 1
        happen_day = _day(day)
        payload = {
            "entities": [{"happenDay": happen_day, "idInPlan": slot, "sortNoInSchedule": 1}],
            "programs": [{**program, "idInPlan": slot}],
            "versionObjects": [{"id": slot, "status": ADD}],
            "pbVersion": SCHEDULE_VERSION,
        }
        self._plan = None
        self.last_scheduled = (day, str(slot))
        self._call("POST", SCHEDULE_UPDATE, body=payload, write=True)
        self._plan = (plan_id, slot)
        if plan_id:
            return EntryRef(plan_id, str(slot), str(slot))
        # No plan id was listed (an empty calendar): the entry's own listing names it.
        for entry in self.calendar(day, day).entries:
            if entry.ref.id_in_plan == str(slot):
                return entry.ref
        raise WriteUncertain(
            f"COROS {SCHEDULE_UPDATE}: entry {slot} is not listed on {day}", SCHEDULE_UPDATE
        )

    def unschedule(self, ref: EntryRef, day: date | None = None) -> None:
        """Take the entry off the calendar. Already gone is fine: when COROS refuses, the
        entry's day (if given) is read and a missing entry counts as removed."""
        payload = {
            "versionObjects": [
                {
                    "id": ref.id_in_plan,
                    "planProgramId": ref.plan_program_id,
                    "planId": ref.plan_id,
                    "status": REMOVE,
                }
            ],
            "pbVersion": SCHEDULE_VERSION,
        }
        self._plan = None
        try:
            self._call("POST", SCHEDULE_UPDATE, body=payload, write=True)
        except CorosRejected:
            if day is None or any(e.ref == ref for e in self.calendar(day, day).entries):
                raise

    def delete(self, program_id: str) -> None:
        """Delete a library program. Already gone is fine: when COROS refuses, the library is
        read and a missing program counts as deleted."""
        try:
            self._call("POST", PROGRAM_DELETE, body=[program_id], write=True)
        except CorosRejected:
            if self.library_program(program_id) is not None:
                raise

    # ------------------------------------------------------------------ wire

    def _read_plan(self, day: date) -> tuple[str, int]:
        calendar = self.calendar(day, day)
        return calendar.plan_id, calendar.max_id_in_plan

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: object = None,
        write: bool,
    ) -> Any:
        cooloff.check(SERVICE, self.now())
        self.calls[path] += 1
        try:
            if method == "GET":
                response = self._http.get(path, params=dict(params or {}))
            else:
                response = self._http.post(path, json=body)
        except httpx.ConnectError as exc:
            raise CorosUnavailable(network.unreachable_reason(exc) or network.FAILED) from None
        except AnswerRefused as exc:
            if write:
                raise WriteUncertain(f"COROS {path}: the answer {exc}", path) from None
            raise CorosUnavailable(f"its answer to {path} {exc}") from None
        except httpx.HTTPError as exc:
            if write:
                raise WriteUncertain(
                    f"COROS {path}: the answer was lost ({type(exc).__name__})", path
                ) from None
            raise CorosUnavailable(
                network.unreachable_reason(exc) or f"no answer to {path}"
            ) from None
        return self._read(response, path, write)

    def _read(self, response: httpx.Response, path: str, write: bool) -> Any:
        status = response.status_code
        if status == 429:
            now = self.now()
            wait = cooloff.retry_after_s(response.headers.get("Retry-After"), now)
            raise cooloff.slow_down(SERVICE, cooloff.record(SERVICE, now, wait, self.cooloff_s))
        if status >= 500:
            if write:
                raise WriteUncertain(f"COROS {path} answered HTTP {status}", path)
            raise CorosUnavailable(network.server_error(status))
        if status >= 400:
            raise CorosRejected(f"COROS {path} answered HTTP {status}", path=path)
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            if write:
                raise WriteUncertain(f"COROS {path}: the answer is not JSON", path)
            raise CorosUnavailable(f"{path} answered something that is not JSON")
        contact.answered(SERVICE, self.now())
        result = str(answer.get("result", ""))
        if result == TOKEN_INVALID:
            if self.on_token_refused is not None:
                self.on_token_refused(self.session)
            raise AuthRequired(
                "COROS no longer accepts runlift's sign-in (a sign-in elsewhere to the Training "
                f"Hub ends it); {LOGIN_HINT}",
                service=SERVICE,
            )
        if result != OK:
            message = str(answer.get("message") or "no message")
            raise CorosRejected(
                f"COROS {path}: {message} (result {result or '?'})", result=result, path=path
            )
        return answer.get("data")


def _calendar(data: dict[str, Any]) -> Calendar:
    plan_id = _text(data.get("id"))
    programs = [p for p in data.get("programs") or [] if isinstance(p, dict)]
    by_slot: dict[tuple[str, str], dict[str, Any]] = {}
    by_own_slot: dict[str, dict[str, Any]] = {}
    for program in programs:
        slot = _text(program.get("idInPlan"))
        if slot:
            by_slot[(_text(program.get("planId")) or plan_id, slot)] = program
            by_own_slot.setdefault(slot, program)
    entries: list[CalendarEntry] = []
    for entity in data.get("entities") or []:
        if not isinstance(entity, dict) or _number(entity.get("status")) == REMOVED:
            continue
        day = _parse_day(entity.get("happenDay"))
        slot = _text(entity.get("idInPlan"))
        if day is None or not slot:
            continue
        entity_plan = _text(entity.get("planId")) or plan_id
        program_slot = _text(entity.get("planProgramId")) or slot
        program = (
            by_slot.get((entity_plan, program_slot))
            or by_slot.get((entity_plan, slot))
            or by_own_slot.get(program_slot)
            or {}
        )
        ref = EntryRef(entity_plan, slot, program_slot)
        entries.append(CalendarEntry(ref=ref, day=day, program=program))
    return Calendar(
        plan_id=plan_id,
        max_id_in_plan=_number(data.get("maxIdInPlan")) or 0,
        entries=tuple(entries),
    )


def _owned_workouts(programs: Iterable[dict[str, Any]]) -> Iterable[OwnedWorkout]:
    for program in programs:
        marker = parse_marker(_text(program.get("overview")))
        program_id = _text(program.get("id"))
        if marker is not None and program_id:
            yield OwnedWorkout(program_id, str(program.get("name") or ""), marker)


def _day(day: date) -> str:
    return day.strftime("%Y%m%d")


def _parse_day(value: object) -> date | None:
    """``happenDay`` is YYYYMMDD, recorded both as a number and as a string."""
    text = _text(value)
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _text(value: object) -> str:
    if value is None or isinstance(value, bool):
        return ""
    return str(value).strip()


def _number(value: object) -> int | None:
    try:
        return int(_text(value))
    except ValueError:
        return None
