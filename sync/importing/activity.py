"""One strength activity read back from a watch file or Garmin Connect, before storing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from runlift.workouts.matching import Guess, SetRecord

SOURCE_FIT = "fit"
SOURCE_GARMIN_SETS = "garmin"
# When the same activity arrives twice from different sources, the higher rank wins: the sets
# the athlete corrected in Garmin Connect beat the watch's own guesses in the FIT file.
SOURCE_RANK = {SOURCE_FIT: 1, SOURCE_GARMIN_SETS: 2}


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
    # Workout step index -> exercise, when the activity was done from a workout on the watch.
    steps: dict[int, Guess] = field(default_factory=dict)
    origin: str = ""
