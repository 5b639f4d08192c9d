"""The workouts the calendar should hold: each placed session built for the athlete."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from runlift.sync.model import PlannedSession
from runlift.workouts.garmin_payload import GarminWorkout, garmin_workout, pushed_loads
from runlift.workouts.session import Session, build_session
from runlift.workouts.session_key import SessionKey
from runlift.workouts.settings import AthleteSettings


@dataclass(frozen=True)
class DesiredWorkout:
    workout: GarminWorkout
    reason: str
    loads: str
    # The session the workout encodes (what the calendar file describes).
    session: Session | None = None

    @property
    def key(self) -> SessionKey:
        return self.workout.key

    @property
    def day(self) -> date:
        return self.workout.day

    @property
    def label(self) -> str:
        return self.workout.label

    @property
    def content_hash(self) -> str:
        return self.workout.content_hash

    @property
    def payload(self) -> dict[str, Any]:
        return self.workout.payload


def desired_workouts(
    sessions: Iterable[PlannedSession], settings: AthleteSettings, weight_factor: float = 1.0
) -> list[DesiredWorkout]:
    desired = []
    for planned in sorted(sessions, key=lambda s: (s.day, s.label)):
        session = build_session(planned.label, settings, planned.volume)
        desired.append(
            DesiredWorkout(
                workout=garmin_workout(session, planned.day, weight_factor),
                reason=planned.reason,
                loads=pushed_loads(session),
                session=session,
            )
        )
    return desired
