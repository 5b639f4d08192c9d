"""The difference between the workouts wanted and runlift's workouts on a target, as data.

Pure. ``remote`` holds only workouts proven to be runlift's (by the marker in their description,
or because the local state recorded creating them), so nothing of the athlete's own can ever
appear in an action. Matching, in order:

1. a remote workout of the same label already scheduled on the wanted day: kept, or replaced
   (UPDATE) when its content hash differs (new loads), unless a workout of runlift's with the
   wanted content already exists off the calendar (a replacement interrupted before it was
   scheduled): that one is taken instead;
2. otherwise the nearest remote workout of the same label, the wanted content first: moved
   (unscheduled, scheduled again), or scheduled again when it had lost its calendar entry, and
   replaced when its content differs;
3. otherwise a new workout is created and scheduled.

Remote workouts left over are deleted (unscheduled, then deleted); a kept workout's extra
calendar entries are unscheduled. Never more than ``MAX_SCHEDULED`` runlift workouts are kept
scheduled: a watch holds about 30.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from runlift.sync.engine.desired import DesiredWorkout
from runlift.sync.engine.remote import RemoteSchedule, RemoteWorkout, ref_order
from runlift.workouts.session_key import SessionKey

MAX_SCHEDULED = 30


class ActionKind(StrEnum):
    CREATE = "create"
    SCHEDULE = "schedule"
    MOVE = "move"
    UPDATE = "update"
    UNSCHEDULE = "unschedule"
    DELETE = "delete"


# Removals first (they free room on the watch), then changes in place, then new entries.
_ORDER = {
    ActionKind.UNSCHEDULE: 0,
    ActionKind.DELETE: 1,
    ActionKind.UPDATE: 2,
    ActionKind.MOVE: 3,
    ActionKind.SCHEDULE: 4,
    ActionKind.CREATE: 5,
}


@dataclass(frozen=True)
class Action:
    kind: ActionKind
    day: date
    reason: str
    desired: DesiredWorkout | None = None
    remote: RemoteWorkout | None = None
    # MOVE: the calendar entry to move; UNSCHEDULE: the entry to remove.
    schedule: RemoteSchedule | None = None
    # MOVE and SCHEDULE: the workout's content must be rewritten too.
    content_changed: bool = False

    @property
    def key(self) -> SessionKey:
        if self.desired is not None:
            return self.desired.key
        assert self.remote is not None
        return self.remote.key


@dataclass(frozen=True)
class Diff:
    actions: tuple[Action, ...]
    unchanged: tuple[DesiredWorkout, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def count(self, kind: ActionKind) -> int:
        return sum(1 for a in self.actions if a.kind is kind)

    @property
    def is_empty(self) -> bool:
        return not self.actions


def diff(
    desired: list[DesiredWorkout],
    remote: list[RemoteWorkout],
    *,
    scheduled_elsewhere: int = 0,
) -> Diff:
    """``scheduled_elsewhere``: runlift workouts scheduled in the future outside this window."""
    notes: list[str] = []
    room = max(0, MAX_SCHEDULED - scheduled_elsewhere)
    wanted = sorted(desired, key=lambda d: (d.day, d.label))
    if len(wanted) > room:
        dropped = wanted[room:]
        wanted = wanted[:room]
        notes.append(
            f"{len(dropped)} session(s) from {dropped[0].day.isoformat()} left off: a watch holds "
            f"about {MAX_SCHEDULED} scheduled workouts"
        )

    left = sorted(remote, key=lambda r: (r.anchor, ref_order(r.workout_ref)))
    actions: list[Action] = []
    unchanged: list[DesiredWorkout] = []
    matched_on: dict[tuple[date, str], DesiredWorkout] = {}
    unmatched: list[DesiredWorkout] = []

    for want in wanted:
        same_day = [r for r in left if r.label == want.label and want.day in r.days]
        stale = all(r.content_hash != want.content_hash for r in same_day)
        if not same_day or (stale and _waiting_replacement(left, want)):
            unmatched.append(want)
            continue
        keep = min(
            same_day,
            key=lambda r: (r.content_hash != want.content_hash, ref_order(r.workout_ref)),
        )
        left.remove(keep)
        matched_on[(want.day, want.label)] = want
        actions.extend(_extra_entries(keep, want.day))
        if keep.content_hash == want.content_hash:
            unchanged.append(want)
        else:
            actions.append(
                Action(ActionKind.UPDATE, want.day, f"new content: {want.loads}", want, keep)
            )

    for want in unmatched:
        candidates = [r for r in left if r.label == want.label]
        if not candidates:
            actions.append(Action(ActionKind.CREATE, want.day, want.reason, want))
            continue
        near = min(
            candidates,
            key=lambda r: (
                _distance(r, want.day),
                r.content_hash != want.content_hash,
                ref_order(r.workout_ref),
            ),
        )
        left.remove(near)
        changed = near.content_hash != want.content_hash
        if near.schedules:
            entry = min(
                near.schedules,
                key=lambda s: (abs((s.day - want.day).days), ref_order(s.entry_ref)),
            )
            actions.extend(_extra_entries(near, entry.day, keep=entry.entry_ref))
            actions.append(
                Action(
                    ActionKind.MOVE,
                    want.day,
                    f"from {entry.day.isoformat()}: {want.reason}",
                    want,
                    near,
                    schedule=entry,
                    content_changed=changed,
                )
            )
        else:
            actions.append(
                Action(
                    ActionKind.SCHEDULE,
                    want.day,
                    f"runlift's workout had no calendar entry: {want.reason}",
                    want,
                    near,
                    content_changed=changed,
                )
            )

    for extra in left:
        day = extra.anchor
        twin = matched_on.get((day, extra.label))
        reason = f"duplicate of {twin.key}" if twin else "no longer planned"
        actions.append(Action(ActionKind.DELETE, day, reason, remote=extra))

    actions.sort(key=lambda a: (_ORDER[a.kind], a.day, a.key))
    return Diff(actions=tuple(actions), unchanged=tuple(unchanged), notes=tuple(notes))


def _extra_entries(workout: RemoteWorkout, day: date, keep: str | None = None) -> list[Action]:
    """Unschedule every calendar entry of ``workout`` but one (the one on ``day``)."""
    kept = keep
    if kept is None:
        on_day = sorted((s.entry_ref for s in workout.schedules if s.day == day), key=ref_order)
        kept = on_day[0] if on_day else None
    return [
        Action(
            ActionKind.UNSCHEDULE,
            entry.day,
            "duplicate calendar entry of the same workout",
            remote=workout,
            schedule=entry,
        )
        for entry in workout.schedules
        if entry.entry_ref != kept
    ]


def _waiting_replacement(remote: list[RemoteWorkout], want: DesiredWorkout) -> bool:
    return any(
        r.label == want.label and r.content_hash == want.content_hash and not r.schedules
        for r in remote
    )


def _distance(workout: RemoteWorkout, day: date) -> int:
    return abs((workout.anchor - day).days)
