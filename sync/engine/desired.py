"""The workouts a target's calendar should hold: each placed session built for the athlete and
encoded by the target."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from runlift.sync.model import PlannedSession
from runlift.workouts.session import Session, build_session, pushed_loads
from runlift.workouts.session_key import SessionKey
from runlift.workouts.settings import AthleteSettings

if TYPE_CHECKING:
    from runlift.sync.engine.target import EncodedWorkout

Encoder = Callable[[Session, date], "EncodedWorkout"]


@dataclass(frozen=True)
class DesiredWorkout:
    workout: EncodedWorkout
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
    def name(self) -> str:
        return self.workout.name


def desired_workouts(
    sessions: Iterable[PlannedSession], settings: AthleteSettings, encode: Encoder
) -> list[DesiredWorkout]:
    """Each session built from the athlete's settings and encoded by ``encode`` (a target's)."""
    desired = []
    for planned in sorted(sessions, key=lambda s: (s.day, s.label)):
        session = build_session(planned.label, settings, planned.volume)
        desired.append(
            DesiredWorkout(
                workout=encode(session, planned.day),
                reason=planned.reason,
                loads=pushed_loads(session),
                session=session,
            )
        )
    return desired
