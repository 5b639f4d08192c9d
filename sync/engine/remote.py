"""What a target found of runlift's own, in the engine's terms: workouts with their calendar
entries, the target's ids for both kept as opaque text.

A target lists only what is proven runlift's (by runlift's marker, or because the ledger
recorded making it), so nothing of the athlete's own can ever reach the diff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runlift.workouts.session_key import SessionKey


@dataclass(frozen=True)
class Window:
    """The days a sync changes (start..end) and the days it reads around them: from
    look_back (runlift's earlier sessions set the next one's label and spacing) to
    look_ahead (what the runs source needs; sessions beyond the window count against the
    watch's room)."""

    start: date
    end: date
    look_back: date
    look_ahead: date
    # The days whose calendar must be read fresh (the window and the days that shape it day by
    # day); a target may keep farther days from an earlier read for a while. None: all of them.
    near: tuple[date, date] | None = None


@dataclass(frozen=True)
class RemoteSchedule:
    """A calendar entry of one of runlift's workouts: the target's id for it, opaque."""

    entry_ref: str
    day: date


@dataclass(frozen=True)
class RemoteWorkout:
    """One of runlift's workouts as found remotely (and in the local state); ``workout_ref`` is
    the target's id for it, opaque."""

    workout_ref: str
    key: SessionKey
    label: str
    content_hash: str
    schedules: tuple[RemoteSchedule, ...] = ()
    name: str = ""

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(s.day for s in self.schedules)

    @property
    def anchor(self) -> date:
        """The day this workout stands on: its first calendar entry, else its marker's day."""
        if self.schedules:
            return min(self.days)
        return self.key.day


@dataclass(frozen=True)
class RemoteView:
    # runlift's workouts in the window (scheduled there, or dated there but unscheduled).
    workouts: tuple[RemoteWorkout, ...]
    # runlift workouts scheduled after the window (they count against the watch's ~30).
    scheduled_later: int
    # runlift sessions scheduled before the window: history, never touched.
    prior: tuple[SessionKey, ...]


def ref_order(ref: str) -> tuple[int, str]:
    """An order of a target's ids that puts numbers in number order (shorter first), so the
    oldest of two workouts of the same session is kept, whatever text the target's ids are."""
    return len(ref), ref
