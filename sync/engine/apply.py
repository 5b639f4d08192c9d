"""Carry out a diff through the Garmin port: the only place runlift writes to Garmin Connect.

Only recorded writes are used: create, schedule, unschedule and delete. A move is an unschedule
then a schedule; new content is a new workout, created and scheduled, then the old one
unscheduled and deleted (a workout is never rewritten in place: that is reported to leave a
stale copy on the watch).

Every write is recorded in the state as an intent before it is sent and confirmed, with its
effect, after (each in its own transaction), so a crash between any two writes leaves a state
the next sync converges from. When a write fails without saying whether it landed (connection
reset, 5xx), the applier does not send it again blindly: it reads back the one thing that write
would have changed (the library for a new workout, the workout or the entry itself for
removals, the calendar month for a new calendar entry). If the write landed, its result is
adopted; only if it provably did not is it sent once more. A calendar entry is the exception:
scheduling is not idempotent and the month listing can show a new entry one read late, so an
entry the read-back does not find is left for the next sync to find (or make) instead of being
sent twice. A second failure stops the sync, leaving the intent pending for the next sync to
reconcile. A 429 stops at once (the client has recorded the cool-off).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar

from runlift.sync.engine.desired import DesiredWorkout
from runlift.sync.engine.diff import Action, ActionKind, Diff, RemoteSchedule, RemoteWorkout
from runlift.sync.errors import AuthRequired, RateLimited
from runlift.sync.garmin import library
from runlift.sync.garmin.calendar import EntryKind, as_id
from runlift.sync.garmin.errors import GarminRejected, GarminUnavailable, NotFound, WriteUncertain
from runlift.sync.garmin.port import GarminPort
from runlift.sync.garmin.snapshot import month_entries
from runlift.sync.state import OwnedWorkout, SyncState
from runlift.workouts.garmin_marker import has_runlift_name, parse_marker

T = TypeVar("T")


@dataclass
class ApplyReport:
    done: Counter[str] = field(default_factory=Counter)
    # Writes whose answer was lost but which a read-back proved had landed.
    recovered: int = 0
    resent: int = 0
    # Calendar entries whose answer was lost and that the read-back did not show yet: the next
    # sync finds them, or makes them.
    unconfirmed: int = 0


class _Unconfirmed(Exception):
    """A calendar entry may or may not have landed; nothing more is done for this action."""


class Applier:
    def __init__(self, client: GarminPort, state: SyncState) -> None:
        self.client = client
        self.state = state
        self.report = ApplyReport()
        # Calendar entries already removed in this sync (a replaced workout's entries).
        self._unscheduled: set[int] = set()

    def apply(self, plan: Diff) -> ApplyReport:
        for action in plan.actions:
            self._apply(action)
        return self.report

    def _apply(self, action: Action) -> None:
        kind = action.kind
        try:
            if kind is ActionKind.CREATE:
                assert action.desired is not None
                self._create(action.desired)
            elif kind in (ActionKind.SCHEDULE, ActionKind.MOVE, ActionKind.UPDATE):
                self._place(action)
            elif kind is ActionKind.UNSCHEDULE:
                assert action.remote is not None and action.schedule is not None
                self._unschedule(action.remote, action.schedule)
            else:
                assert kind is ActionKind.DELETE and action.remote is not None
                self._delete(action.remote)
        except _Unconfirmed:
            self.report.unconfirmed += 1
            return
        self.report.done[kind.value] += 1

    # -- actions

    def _create(self, want: DesiredWorkout) -> None:
        workout_id = self._create_workout(want)
        self._schedule(workout_id, want)

    def _place(self, action: Action) -> None:
        """SCHEDULE, MOVE and UPDATE: an existing workout of runlift's onto the wanted day."""
        want, remote = action.desired, action.remote
        assert want is not None and remote is not None
        if action.kind is ActionKind.UPDATE or action.content_changed:
            self._replace(remote, want)
            return
        if action.schedule is not None:
            self._unschedule(remote, action.schedule)
        try:
            self._schedule(remote.workout_id, want)
        except NotFound:  # the workout itself is gone: make it anew
            self.state.forget(remote.workout_id)
            self._create(want)

    def _replace(self, old: RemoteWorkout, want: DesiredWorkout) -> None:
        """New content: the new workout on the calendar first, then the old one away."""
        self._create(want)
        self._delete(old)

    def _delete(self, remote: RemoteWorkout) -> None:
        for entry in remote.schedules:
            if entry.schedule_id not in self._unscheduled:
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
            resend=False,
        )
        self.state.confirm(
            intent, remember=_owned(want, workout_id, schedule_id), result=str(schedule_id)
        )

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
        self._unscheduled.add(entry.schedule_id)
        known = self.state.owned_by_id().get(remote.workout_id)
        if known is not None and known.schedule_id == entry.schedule_id:
            known = replace(known, schedule_id=None)
        self.state.confirm(intent, remember=known)

    # -- sending and reading back

    def _send(
        self,
        intent: int,
        send: Callable[[], T],
        landed: Callable[[], T | None],
        *,
        resend: bool = True,
    ) -> T:
        """Send a write; if its outcome is unknown, read back and send again only if it did not
        land (or, with ``resend=False``, leave it pending for the next sync). A refusal (4xx,
        401, 429, 404) is recorded as not landed and raised."""
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
        if not resend:
            raise _Unconfirmed
        self.report.resent += 1
        try:
            return send()
        except WriteUncertain:
            raise GarminUnavailable(
                "the same change failed twice",
                "runlift stopped there and the next `runlift sync` finds out what landed and "
                "finishes",
            ) from None
        except (GarminRejected, AuthRequired, RateLimited, NotFound) as exc:
            self.state.fail(intent, type(exc).__name__)
            raise

    def _created(self, want: DesiredWorkout) -> int | None:
        """The workout a create whose answer was lost made, if it landed: the list's first page
        holds it (newest created first, as recorded); in any other order, the whole list."""
        page = library.first_page(self.client)
        found = self._created_in(page, want)
        if found is None and len(page) >= library.PAGE:
            found = self._created_in(library.whole_library(self.client), want)
        return found

    def _created_in(self, items: list[dict[str, Any]], want: DesiredWorkout) -> int | None:
        owned = self.state.owned_by_id()
        for item in library.strength_items(items):
            workout_id = as_id(item.get("workoutId"))
            if workout_id is None or workout_id in owned:
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
        for entry in month_entries(self.client, day.year, day.month):
            if (
                entry.kind is EntryKind.WORKOUT
                and entry.workout_id == workout_id
                and entry.day == day
                and entry.schedule_id is not None
            ):
                return entry.schedule_id
        return None

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
