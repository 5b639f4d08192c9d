"""The running plan as runlift sees it, and the strength plan placed around it.

Shared by every provider (what runs are coming) and by the planner (where strength goes).
Dates are always the athlete's local calendar dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from runlift.workouts.volume import Volume


class DayKind(StrEnum):
    REST = "rest"
    EASY = "easy"
    QUALITY = "quality"
    LONG = "long"
    RACE = "race"
    # Not a kind of day: the kind of a planned activity (``Run.kind``) that is a strength
    # session the running plan itself schedules ("💪 Strength: Full Body", "Gym", "力量训练",
    # an intervals.icu WeightTraining event). A provider hands such an event over as
    # ``Run(day, title, kind=DayKind.STRENGTH)``; the planner reads its day as the plan's
    # strength day (``DayPlan.plan_strength``), puts runlift's sessions there first and none on
    # the day next to one. It does not make the day harder: the runs on it decide that.
    STRENGTH = "strength"
    # Not a kind of day either: a day the athlete cannot train (sick, injured, away), handed over
    # as ``Run(day, title, kind=DayKind.OFF, reason="sick: Flu")``. The planner places no
    # strength session on it (``DayPlan.off``), whatever the runs on it say.
    OFF = "off"


@dataclass(frozen=True)
class RunStructure:
    """What a structured workout's steps say, summarised by the provider that read them."""

    # Work steps inside repeat groups, iterations counted (6 x 800 m -> 6).
    work_intervals: int = 0
    # Longest continuous work step, seconds (a 20 min tempo block -> 1200).
    longest_work_s: float = 0.0
    # Any work step with a pace, heart-rate or power target above easy.
    hard_targets: bool = False
    # Repeats are short (<= 30 s or <= 200 m) strides, typically at the end of an easy run.
    strides_only: bool = False
    step_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Run:
    """One upcoming (or projected) run or race on the athlete's local date ``day``.

    Also a rest day the plan writes down (kind REST) and a strength session the plan schedules
    (kind STRENGTH, see DayKind.STRENGTH).
    """

    day: date
    title: str
    description: str = ""
    source: str = ""
    # Set when the source itself says what it is (a race event, a config weekday, Strava's
    # workout_type); None lets the classifier decide.
    kind: DayKind | None = None
    reason: str = ""
    duration_s: float | None = None
    distance_m: float | None = None
    structure: RunStructure | None = None
    # For projected runs: how sure the projection is ("runs 7 of the last 8 Tuesdays").
    confidence: str = ""
    # For races the source ranks: "A" (the goal race), "B" or "C"; empty when it does not say.
    race_priority: str = ""


@dataclass(frozen=True)
class DayPlan:
    day: date
    kind: DayKind
    reason: str
    runs: tuple[Run, ...] = ()
    # Why no strength session is placed on this day (empty when one is, or not yet planned).
    skip_reason: str = ""
    # Title of the running plan's own strength session on this day (a Run of kind STRENGTH);
    # empty when the plan has none here.
    plan_strength: str = ""
    # Why no strength session may go on this day at all (a Run of kind OFF: sick, injured, on
    # holiday); empty when one may.
    off: str = ""


@dataclass(frozen=True)
class PlannedSession:
    day: date
    label: str
    reason: str
    # Soft rules broken to reach sessions_per_week (empty when none).
    relaxed: tuple[str, ...] = ()
    # How much of the program the session holds, from the week's phase of the running block.
    volume: Volume = Volume.FULL


class Phase(StrEnum):
    BASE = "base"
    PEAK = "peak"
    TAPER = "taper"
    RECOVERY = "recovery"


@dataclass(frozen=True)
class WeekPlan:
    """One ISO week of the plan: its phase of the running block and what that prescribes."""

    week: str  # "2026-W49"
    monday: date
    phase: Phase
    sessions_target: int
    volume: Volume
    reason: str


@dataclass(frozen=True)
class Plan:
    days: tuple[DayPlan, ...]
    sessions: tuple[PlannedSession, ...]
    # Human-readable notes: weeks that got fewer sessions and why, days skipped and why.
    notes: tuple[str, ...] = field(default=())
    weeks: tuple[WeekPlan, ...] = field(default=())


@dataclass(frozen=True)
class StrengthCompletion:
    """A strength activity the athlete recorded (Strava has its length, never its sets)."""

    day: date
    duration_s: float
    source: str
    activity_id: int | str
    title: str = ""
