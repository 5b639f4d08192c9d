"""Matching an activity's sets to the five moves and storing it: shared by every source."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from runlift.sync.importing import store
from runlift.sync.importing.activity import SOURCE_GARMIN_SETS, Activity
from runlift.sync.importing.store import Outcome
from runlift.workouts.matching import (
    Evidence,
    Guess,
    MatchedSet,
    SetRecord,
    match_sets,
    session_steps,
)
from runlift.workouts.session import SESSION_LABELS, build_session
from runlift.workouts.settings import AthleteSettings


@dataclass
class ImportTally:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    # Activity files that hold no strength part (runs, rides, wellness files...).
    skipped: int = 0
    # Workout files (runlift's own among them): the plan of a session, not a session done.
    workouts: int = 0
    # One line per file that could not be read: "origin: reason".
    problems: list[str] = field(default_factory=list)
    # One line per set dropped for a value no human lifts or holds: "origin: set N (why)".
    dropped: list[str] = field(default_factory=list)
    # The work sets of every strength activity met, in the order met.
    work_sets: list[tuple[Activity, MatchedSet]] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    @property
    def strength(self) -> int:
        return self.added + self.replaced + self.unchanged


# Beyond every lifting record (deadlift ~500 kg, leg press ~1,000 kg): a garbled value.
MAX_SET_KG = 1_000.0
# A set longer than this (the plank record is under 10 hours) is a watch left running.
MAX_SET_S = 12 * 3600.0
MAX_SET_REPS = 1_000


def implausible(record: SetRecord) -> str:
    """Why a set's values are none a human produced ("" when they are)."""
    weight, seconds, reps = record.weight_kg, record.duration_s, record.reps
    if weight is not None and not 0 <= weight <= MAX_SET_KG:
        return f"{weight:,.0f} kg: no one lifts that"
    if reps is not None and not 0 <= reps <= MAX_SET_REPS:
        return f"{reps:,} reps: no one does that many in one set"
    if seconds is not None and not 0 <= seconds <= MAX_SET_S:
        return f"{seconds:,.0f} s: no set lasts that long"
    return ""


class _Layouts(Mapping[str, Mapping[int, Guess]]):
    """Session label -> the step indexes runlift gives its exercises in its own workout files.
    Worked out when first asked: that loads the FIT workout writer (and hashlib), which an
    import of activities not done from runlift's files never needs."""

    def __init__(self, settings: AthleteSettings) -> None:
        self._settings = settings
        self._layouts: dict[str, Mapping[int, Guess]] | None = None

    def _all(self) -> dict[str, Mapping[int, Guess]]:
        if self._layouts is None:
            self._layouts = {
                label: session_steps(build_session(label, self._settings))
                for label in SESSION_LABELS
            }
        return self._layouts

    def __getitem__(self, label: str) -> Mapping[int, Guess]:
        return self._all()[label]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


class Importer:
    """Stores activities, each in its own transaction, with every work set matched or not."""

    def __init__(self, conn: sqlite3.Connection, settings: AthleteSettings) -> None:
        self.conn = conn
        self.tally = ImportTally()
        # How runlift lays out the steps of its own workout files, for activities done from one
        # that do not carry the workout's steps.
        self._layouts = _Layouts(settings)

    def match(self, activity: Activity) -> list[MatchedSet]:
        evidence = Evidence(
            workout=activity.workout,
            from_connect=activity.source == SOURCE_GARMIN_SETS,
            layouts=self._layouts,
        )
        return match_sets(activity.sets, evidence)

    def add(self, activity: Activity) -> Outcome:
        activity = self._plausible(activity)
        matched = self.match(activity)
        outcome = store.save(self.conn, activity, matched)
        self.tally.count(outcome)
        self.tally.work_sets.extend((activity, item) for item in matched)
        return outcome

    def _plausible(self, activity: Activity) -> Activity:
        kept = []
        for record in activity.sets:
            why = implausible(record)
            if why:
                self.tally.dropped.append(f"{activity.origin}: set {record.position + 1} ({why})")
            else:
                kept.append(record)
        return activity if len(kept) == len(activity.sets) else replace(activity, sets=tuple(kept))
