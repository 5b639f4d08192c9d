"""One strength activity read back from a watch file or Garmin Connect, before storing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from runlift.workouts.matching import SetRecord, WorkoutDone

SOURCE_FIT = "fit"
SOURCE_GARMIN_SETS = "garmin"
# Stored by a runlift that matched sets by category (before matching by name): any new reading of
# the same activity replaces it.
SOURCE_LEGACY = "legacy"
# When the same activity arrives twice from different sources, the higher rank wins: the sets
# the athlete corrected in Garmin Connect beat the watch's own guesses in the FIT file.
SOURCE_RANK = {SOURCE_LEGACY: 0, SOURCE_FIT: 1, SOURCE_GARMIN_SETS: 2}


@dataclass(frozen=True)
class Activity:
    # "fit:<serial>:<time created>" for a watch file, "garmin:<activity id>" for Garmin Connect.
    activity_id: str
    source: str
    # Start of the (first) strength part, UTC.
    start: datetime
    # The athlete's local calendar date of the start.
    day: date
    name: str
    sets: tuple[SetRecord, ...]
    # The workout the activity was done from, as far as the activity says.
    workout: WorkoutDone = field(default_factory=WorkoutDone)
    origin: str = ""
