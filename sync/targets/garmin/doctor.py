"""`runlift doctor garmin`: check on the athlete's own account what runlift relies on.

A throwaway strength workout ("runlift check": one step of Romanian deadlift, 8 reps at 20 kg)
is created, read back, rendered by Garmin as the FIT file the watch receives (decoded with
garmin_fit_sdk: exercise and weight), scheduled a year ahead, looked for in that calendar month,
unscheduled and deleted. One line per check. The weight Garmin renders is stored as runlift's
weight factor (see ``runlift.sync.targets.garmin.weight_unit``) and used by every later sync.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from runlift.sync.errors import ServiceUnreachable
from runlift.sync.state import SyncState
from runlift.sync.targets.garmin import weight_unit
from runlift.sync.targets.garmin.cache import GarminCache
from runlift.sync.targets.garmin.errors import (
    GarminRejected,
    NotFound,
    WriteUncertain,
)
from runlift.sync.targets.garmin.port import GarminPort
from runlift.sync.targets.garmin.snapshot import month_entries
from runlift.workouts.catalog import Exercise
from runlift.workouts.fit_workout_reader import NotAWorkoutFile, read_workout
from runlift.workouts.garmin_payload import workout_body
from runlift.workouts.session import Block, Session
from runlift.workouts.units import Load

CHECK_NAME = "runlift check"
CHECK_LOAD = Load(20.0, "kg")
CHECK_REPS = 8
RDL = Exercise("deadlift", "romanian_deadlift", "Romanian Deadlift")
DESCRIPTION = "A throwaway check by `runlift doctor garmin`; runlift deletes it. Safe to delete."
# Failures a check reports as "differs". A sign-in refused, a 429, bad input and Garmin Connect
# out of reach end the command instead: they say nothing about what the account accepts.
_CHECK_FAILURES = (NotFound, GarminRejected, WriteUncertain, NotAWorkoutFile)
# What the clean-up survives, to say what is left to delete by hand.
_CLEANUP_FAILURES = (*_CHECK_FAILURES, ServiceUnreachable)


class _Stop(Exception):
    """A check failed in a way later checks depend on."""


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    @property
    def line(self) -> str:
        return f"{self.name}: {'ok' if self.ok else 'differs'} ({self.detail})"

    def as_json(self) -> dict[str, Any]:
        return {"check": self.name, "ok": self.ok, "detail": self.detail}


@dataclass
class DoctorReport:
    checks: list[Check] = field(default_factory=list)
    # Watch kilograms per kilogram sent, when measured.
    factor: float | None = None

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)


def check_session() -> Session:
    block = Block(
        move="romanian_deadlift",
        exercise=RDL,
        name="Romanian Deadlift",
        title="Romanian Deadlift",
        sets=1,
        rest_s=0,
        reps=CHECK_REPS,
        load=CHECK_LOAD,
    )
    return Session(label="check", name=CHECK_NAME, blocks=(block,))


def check_garmin(
    garmin: GarminPort,
    state: SyncState,
    today: date,
    report: Callable[[Check], None] = lambda _check: None,
) -> DoctorReport:
    """Run every check in order, reporting each as it ends; clean up whatever was made."""
    result = DoctorReport()

    def note(check: Check) -> None:
        result.checks.append(check)
        report(check)

    payload = {**workout_body(check_session(), CHECK_NAME), "description": DESCRIPTION}
    made: dict[str, int] = {}
    with suppress(_Stop), _cleanup(garmin, made, note):
        made["workout"] = _step(
            note, "create", lambda: garmin.create_workout(payload), lambda wid: f"workout {wid}"
        )
        _read_back(note, garmin, made["workout"])
        result.factor = _watch_file(note, garmin, made["workout"], payload)
        if result.factor is not None:
            GarminCache(state).store_weight_unit(result.factor, "runlift doctor garmin")
        day = today + timedelta(days=365)
        made["schedule"] = _step(
            note,
            "schedule",
            lambda: garmin.schedule(made["workout"], day),
            lambda sid: f"calendar entry {sid} on {day.isoformat()}",
        )
        _listed(note, garmin, made["workout"], day)
        _step(note, "unschedule", lambda: garmin.unschedule(made.pop("schedule")), _gone)
    return result


def _read_back(note: Callable[[Check], None], garmin: GarminPort, workout_id: int) -> None:
    stored = _step(note, "read back", lambda: garmin.workout(workout_id), None)
    step = _exercise_step(stored)
    category, name = RDL.connect_ids()
    unit = (step.get("weightUnit") or {}).get("unitKey")
    got = (step.get("category"), step.get("exerciseName"), step.get("weightValue"), unit)
    want = (category, name, CHECK_LOAD.value, "kilogram")
    detail = f"{got[0]}/{got[1]} {got[2]} {got[3]}"
    if got != want:
        detail += f"; sent {want[0]}/{want[1]} {want[2]} {want[3]}"
    note(Check("read back", got == want, detail))


def _watch_file(
    note: Callable[[Check], None], garmin: GarminPort, workout_id: int, payload: dict[str, Any]
) -> float | None:
    data = _step(note, "watch file", lambda: garmin.workout_fit(workout_id), None)
    try:
        blocks = read_workout(data).blocks
    except NotAWorkoutFile as exc:
        note(Check("watch file", False, f"Garmin's FIT cannot be decoded: {exc}"))
        return None
    first = blocks[0] if blocks else None
    exercise = (first.category, first.exercise_name) if first else (None, None)
    wanted = (RDL.fit_category, RDL.fit_name)
    note(Check("watch exercise", exercise == wanted, f"{exercise[0]}/{exercise[1]}"))
    sent = weight_unit.sent_kg(payload)
    seen = first.weight_kg if first else None
    if not sent or not seen:
        note(Check("watch weight", False, f"no weight on the watch for {CHECK_LOAD} sent"))
        return None
    measured = weight_unit.factor(sent, seen)
    detail = f"the watch gets {seen:g} kg for {CHECK_LOAD} sent"
    if measured != 1.0:
        detail += (
            f": Garmin scales weights by {measured:g}; runlift stored that and sends every load "
            f"divided by it from now on"
        )
    note(Check("watch weight", measured == 1.0, detail))
    return measured


def _listed(note: Callable[[Check], None], garmin: GarminPort, workout_id: int, day: date) -> None:
    """The entry in that calendar month; a second read if the listing is one read late."""
    for attempt in (1, 2):
        entries = _step(note, "calendar month", lambda: month_entries(garmin, day.year, day.month))
        if any(e.workout_id == workout_id and e.day == day for e in entries):
            late = " (listed one read late)" if attempt == 2 else ""
            note(Check("calendar month", True, f"listed on {day.isoformat()}{late}"))
            return
    note(Check("calendar month", False, f"not listed in {day:%B %Y} after two reads"))


def _exercise_step(workout: dict[str, Any]) -> dict[str, Any]:
    for segment in workout.get("workoutSegments") or []:
        stack = list(segment.get("workoutSteps") or [])
        while stack:
            step = stack.pop(0)
            if step.get("type") == "RepeatGroupDTO":
                stack[:0] = step.get("workoutSteps") or []
            elif (step.get("stepType") or {}).get("stepTypeKey") == "interval":
                return dict(step)
    return {}


def _step(
    note: Callable[[Check], None],
    name: str,
    call: Callable[[], Any],
    describe: Callable[[Any], str] | None = None,
) -> Any:
    """Run one remote step; a failure is reported as that check differing, and stops."""
    try:
        answer = call()
    except _CHECK_FAILURES as exc:
        note(Check(name, False, str(exc) or type(exc).__name__))
        raise _Stop from None
    if describe is not None:
        note(Check(name, True, describe(answer)))
    return answer


def _gone(_answer: object) -> str:
    return "calendar entry removed"


@contextmanager
def _cleanup(
    garmin: GarminPort, made: dict[str, int], note: Callable[[Check], None]
) -> Iterator[None]:
    """Whatever happens, the check workout does not stay on the account."""
    try:
        yield
    finally:
        if "schedule" in made:
            with suppress(*_CLEANUP_FAILURES):
                garmin.unschedule(made["schedule"])
        if "workout" in made:
            try:
                garmin.delete_workout(made["workout"])
                note(Check("delete", True, f"workout {made['workout']} deleted"))
            except _CLEANUP_FAILURES as exc:
                note(Check("delete", False, f"delete '{CHECK_NAME}' by hand: {exc}"))
