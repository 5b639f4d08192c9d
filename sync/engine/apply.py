"""Carry out a diff through the Garmin client: the only place runlift writes to Garmin Connect.

Every write is recorded in the state as an intent before it is sent and confirmed, with its
effect, after (each in its own transaction). When a write fails without saying whether it
landed (connection reset, 5xx), the applier does not send it again blindly: it reads back the
one thing that write would have changed (the library for a new workout, that day's schedule for
a calendar entry, the workout or the entry itself for updates and removals). If the write
landed, its result is adopted; only if it provably did not is it sent once more. A second
failure stops the sync, leaving the intent pending for the next sync to reconcile. A 429 stops
at once (the client has recorded the cool-off).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from runlift.sync.engine.desired import DesiredWorkout
from runlift.sync.engine.diff import Action, ActionKind, Diff, RemoteSchedule, RemoteWorkout
from runlift.sync.errors import AuthRequired, RateLimited
from runlift.sync.garmin.calendar import EntryKind, from_schedule_item
from runlift.sync.garmin.client import GarminClient
from runlift.sync.garmin.errors import GarminRejected, GarminUnavailable, NotFound, WriteUncertain
from runlift.sync.state import OwnedWorkout, SyncState
from runlift.workouts.garmin_marker import has_runlift_name, parse_marker

T = TypeVar("T")


@dataclass
class ApplyReport:
    done: Counter[str] = field(default_factory=Counter)
    # Writes whose answer was lost but which a read-back proved had landed.
    recovered: int = 0
    resent: int = 0


class Applier:
    def __init__(self, client: GarminClient, state: SyncState) -> None:
        self.client = client
        self.state = state
        self.report = ApplyReport()

    def apply(self, plan: Diff) -> ApplyReport:
        for action in plan.actions:
            self._apply(action)
        return self.report

    def _apply(self, action: Action) -> None:
        kind = action.kind
        if kind is ActionKind.CREATE:
            assert action.desired is not None
            self._create(action.desired)
        elif kind is ActionKind.SCHEDULE:
            self._schedule_existing(action)
        elif kind is ActionKind.MOVE:
            self._move(action)
        elif kind is ActionKind.UPDATE:
            self._update_in_place(action)
        elif kind is ActionKind.UNSCHEDULE:
            assert action.remote is not None and action.schedule is not None
            self._unschedule(action.remote, action.schedule)
        elif kind is ActionKind.DELETE:
            assert action.remote is not None
            self._delete(action.remote)
        self.report.done[kind.value] += 1

    # -- actions

    def _create(self, want: DesiredWorkout) -> None:
        workout_id = self._create_workout(want)
        self._schedule(workout_id, want)

    def _schedule_existing(self, action: Action) -> None:
        want, remote = action.desired, action.remote
        assert want is not None and remote is not None
        try:
            if action.content_changed:
                self._update(remote.workout_id, want)
            self._schedule(remote.workout_id, want)
        except NotFound:
            self.state.forget(remote.workout_id)
            self._create(want)

    def _move(self, action: Action) -> None:
        want, remote, entry = action.desired, action.remote, action.schedule
        assert want is not None and remote is not None and entry is not None
        try:
            if action.content_changed:
                self._update(remote.workout_id, want)
        except NotFound:
            self.state.forget(remote.workout_id)
            self._create(want)
            return
        try:
            self._reschedule(remote.workout_id, entry, want)
        except NotFound:
            self._schedule(remote.workout_id, want)

    def _update_in_place(self, action: Action) -> None:
        want, remote = action.desired, action.remote
        assert want is not None and remote is not None
        try:
            self._update(remote.workout_id, want)
        except NotFound:
            self.state.forget(remote.workout_id)
            self._create(want)

    def _delete(self, remote: RemoteWorkout) -> None:
        for entry in remote.schedules:
            self._unschedule(remote, entry)
        intent = self.state.intend("delete_workout", remote.key, workout_id=remote.workout_id)
        with suppress(NotFound):  # already gone: what this write wanted
            self._send(
                intent,
                lambda: self.client.delete_workout(remote.workout_id),
                lambda: self._gone(lambda: self.client.workout(remote.workout_id)),
            )
        self.state.confirm(intent, forget=remote.workout_id)

    # -- single writes, each with its intent and its read-back

    def _create_workout(self, want: DesiredWorkout) -> int:
        intent = self.state.intend(
            "create_workout", want.key, day=want.day, content_hash=want.content_hash
        )
        workout_id = self._send(
            intent,
            lambda: self.client.create_workout(want.payload),
            lambda: self._created(want),
        )
        self.state.confirm(intent, remember=_owned(want, workout_id), result=str(workout_id))
        return workout_id

    def _schedule(self, workout_id: int, want: DesiredWorkout) -> None:
        intent = self.state.intend(
            "schedule",
            want.key,
            workout_id=workout_id,
            day=want.day,
            content_hash=want.content_hash,
        )
        schedule_id = self._send(
            intent,
            lambda: self.client.schedule(workout_id, want.day),
            lambda: self._scheduled(workout_id, want.day),
        )
        self.state.confirm(
            intent, remember=_owned(want, workout_id, schedule_id), result=str(schedule_id)
        )

    def _update(self, workout_id: int, want: DesiredWorkout) -> None:
        intent = self.state.intend(
            "update_workout", want.key, workout_id=workout_id, content_hash=want.content_hash
        )
        self._send(
            intent,
            lambda: self.client.update_workout(workout_id, want.payload),
            lambda: self._has_hash(workout_id, want.content_hash),
        )
        known = self.state.owned_by_id().get(workout_id)
        schedule_id = known.schedule_id if known else None
        self.state.confirm(intent, remember=_owned(want, workout_id, schedule_id))

    def _reschedule(self, workout_id: int, entry: RemoteSchedule, want: DesiredWorkout) -> None:
        intent = self.state.intend(
            "reschedule",
            want.key,
            workout_id=workout_id,
            schedule_id=entry.schedule_id,
            day=want.day,
        )
        self._send(
            intent,
            lambda: self.client.reschedule(entry.schedule_id, want.day),
            lambda: self._entry_on(entry.schedule_id, want.day),
        )
        self.state.confirm(intent, remember=_owned(want, workout_id, entry.schedule_id))

    def _unschedule(self, remote: RemoteWorkout, entry: RemoteSchedule) -> None:
        intent = self.state.intend(
            "unschedule",
            remote.key,
            workout_id=remote.workout_id,
            schedule_id=entry.schedule_id,
            day=entry.day,
        )
        with suppress(NotFound):  # already gone: what this write wanted
            self._send(
                intent,
                lambda: self.client.unschedule(entry.schedule_id),
                lambda: self._gone(lambda: self.client.schedule_entry(entry.schedule_id)),
            )
        known = self.state.owned_by_id().get(remote.workout_id)
        if known is not None and known.schedule_id == entry.schedule_id:
            known = replace(known, schedule_id=None)
        self.state.confirm(intent, remember=known)

    # -- sending and reading back

    def _send(self, intent: int, send: Callable[[], T], landed: Callable[[], T | None]) -> T:
        """Send a write; if its outcome is unknown, read back and send again only if it did not
        land. A refusal (4xx, 401, 429, 404) is recorded as not landed and raised."""
        try:
            return send()
        except WriteUncertain:
            pass
        except (GarminRejected, AuthRequired, RateLimited, NotFound) as exc:
            self.state.fail(intent, type(exc).__name__)
            raise
        proof = landed()
        if proof is not None:
            self.report.recovered += 1
            return proof
        self.report.resent += 1
        try:
            return send()
        except WriteUncertain:
            raise GarminUnavailable(
                "Garmin Connect failed twice on the same change; runlift stopped there and the "
                "next `runlift sync` will find out what landed and finish"
            ) from None
        except (GarminRejected, AuthRequired, RateLimited, NotFound) as exc:
            self.state.fail(intent, type(exc).__name__)
            raise

    def _created(self, want: DesiredWorkout) -> int | None:
        owned = self.state.owned_by_id()
        for item in self.client.strength_library():
            workout_id = item.get("workoutId")
            if not isinstance(workout_id, int) or workout_id in owned:
                continue
            description = item.get("description")
            if not isinstance(description, str):
                if not has_runlift_name(str(item.get("workoutName") or "")):
                    continue
                try:
                    description = self.client.workout(workout_id).get("description")
                except NotFound:
                    continue
            marker = parse_marker(description)
            if marker and (marker.key, marker.content_hash) == (want.key, want.content_hash):
                return workout_id
        return None

    def _scheduled(self, workout_id: int, day: date) -> int | None:
        for item in self.client.scheduled_by_period(day, day):
            entry = from_schedule_item(item)
            if (
                entry is not None
                and entry.kind is EntryKind.WORKOUT
                and entry.workout_id == workout_id
                and entry.day == day
                and entry.schedule_id is not None
            ):
                return entry.schedule_id
        return None

    def _has_hash(self, workout_id: int, content_hash: str) -> bool | None:
        marker = parse_marker(self.client.workout(workout_id).get("description"))
        return True if marker is not None and marker.content_hash == content_hash else None

    def _entry_on(self, schedule_id: int, day: date) -> bool | None:
        entry = self.client.schedule_entry(schedule_id)
        return True if str(entry.get("calendarDate") or "")[:10] == day.isoformat() else None

    @staticmethod
    def _gone(read: Callable[[], object]) -> bool | None:
        try:
            read()
        except NotFound:
            return True
        return None


def _owned(want: DesiredWorkout, workout_id: int, schedule_id: int | None = None) -> OwnedWorkout:
    """What the state records for a workout that now holds ``want``."""
    return OwnedWorkout(
        workout_id, want.key, want.content_hash, want.day, schedule_id, want.workout.name
    )
