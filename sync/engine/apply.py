"""Carry out a diff through a target: the only place runlift writes to a watch platform.

Only four writes are used: create, schedule, unschedule and delete. A move is an unschedule
then a schedule; new content is a new workout, created and scheduled, then the old one
unscheduled and deleted (a workout is never rewritten in place: on Garmin that is reported to
leave a stale copy on the watch).

Every write is recorded in the intent log before it is sent and confirmed, with its effect on
the ledger, after (each in its own transaction), so a crash between any two writes leaves a
state the next sync converges from. When a write fails without saying whether it landed
(connection reset, 5xx), the applier does not send it again blindly: it asks the target to read
back the one thing that write would have changed (a new workout found by its marker, the
workout or the entry itself for removals, the day's calendar for a new entry). If the write
landed, its result is adopted; only if it provably did not is it sent once more. A calendar
entry is the exception: scheduling is not idempotent and a calendar listing can show a new
entry one read late, so an entry the read-back does not find is left for the next sync to find
(or make) instead of being sent twice. A second failure stops the sync, leaving the intent
pending for the next sync to reconcile. A 429 stops at once (the target has recorded the
cool-off).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from runlift.sync.engine.desired import DesiredWorkout
from runlift.sync.engine.diff import Action, ActionKind, Diff
from runlift.sync.engine.remote import RemoteSchedule, RemoteWorkout
from runlift.sync.engine.target import Target
from runlift.sync.errors import (
    AuthRequired,
    NotFound,
    RateLimited,
    Rejected,
    ServiceUnreachable,
    WriteUncertain,
)
from runlift.sync.state import IntentAction, OwnedWorkout, SyncState
from runlift.workouts.session_key import SessionKey

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
    def __init__(self, target: Target, state: SyncState) -> None:
        self.target = target
        self.state = state
        self.report = ApplyReport()
        # Calendar entries already removed in this sync (a replaced workout's entries).
        self._unscheduled: set[str] = set()

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
        workout_ref = self._create_workout(want)
        self._schedule(workout_ref, want)

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
            self._schedule(remote.workout_ref, want)
        except NotFound:  # the workout itself is gone: make it anew
            self.state.ledger.forget(self.target.name, remote.workout_ref)
            self._create(want)

    def _replace(self, old: RemoteWorkout, want: DesiredWorkout) -> None:
        """New content: the new workout on the calendar first, then the old one away."""
        self._create(want)
        self._delete(old)

    def _delete(self, remote: RemoteWorkout) -> None:
        for entry in remote.schedules:
            if entry.entry_ref not in self._unscheduled:
                self._unschedule(remote, entry)
        intent = self._intend(
            IntentAction.DELETE_WORKOUT, remote.key, workout_ref=remote.workout_ref
        )
        with suppress(NotFound):  # already gone: what this write wanted
            self._send(
                intent,
                lambda: self.target.delete(remote.workout_ref),
                lambda: _proof(self.target.workout_gone(remote.workout_ref)),
            )
        self.state.intents.confirm(intent, forget=remote.workout_ref)

    # -- single writes, each with its intent and its read-back

    def _create_workout(self, want: DesiredWorkout) -> str:
        intent = self._intend(
            IntentAction.CREATE_WORKOUT, want.key, day=want.day, content_hash=want.content_hash
        )
        workout_ref = self._send(
            intent,
            lambda: self.target.create(want.workout),
            lambda: self.target.find_created(want.workout, self._known().keys()),
        )
        self.state.intents.confirm(
            intent, remember=self._owned(want, workout_ref), result=workout_ref
        )
        return workout_ref

    def _schedule(self, workout_ref: str, want: DesiredWorkout) -> None:
        intent = self._intend(
            IntentAction.SCHEDULE,
            want.key,
            workout_ref=workout_ref,
            day=want.day,
            content_hash=want.content_hash,
        )
        entry_ref = self._send(
            intent,
            lambda: self.target.schedule(workout_ref, want.workout, want.day),
            lambda: self.target.find_entry(workout_ref, want.day),
            resend=False,
        )
        self.state.intents.confirm(
            intent, remember=self._owned(want, workout_ref, entry_ref), result=entry_ref
        )

    def _unschedule(self, remote: RemoteWorkout, entry: RemoteSchedule) -> None:
        intent = self._intend(
            IntentAction.UNSCHEDULE,
            remote.key,
            workout_ref=remote.workout_ref,
            entry_ref=entry.entry_ref,
            day=entry.day,
        )
        with suppress(NotFound):  # already gone: what this write wanted
            self._send(
                intent,
                lambda: self.target.unschedule(remote.workout_ref, entry),
                lambda: _proof(self.target.entry_gone(remote.workout_ref, entry)),
            )
        self._unscheduled.add(entry.entry_ref)
        known = self._known().get(remote.workout_ref)
        if known is not None and known.entry_ref == entry.entry_ref:
            known = replace(known, entry_ref=None)
        self.state.intents.confirm(intent, remember=known)

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
        except (Rejected, AuthRequired, RateLimited, NotFound) as exc:
            self.state.intents.fail(intent, type(exc).__name__)
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
            raise ServiceUnreachable(
                self.target.name,
                "the same change failed twice",
                "runlift stopped there and the next `runlift sync` finds out what landed and "
                "finishes",
            ) from None
        except (Rejected, AuthRequired, RateLimited, NotFound) as exc:
            self.state.intents.fail(intent, type(exc).__name__)
            raise

    # -- the state

    def _intend(
        self,
        action: IntentAction,
        key: SessionKey,
        *,
        workout_ref: str | None = None,
        entry_ref: str | None = None,
        day: date | None = None,
        content_hash: str | None = None,
    ) -> int:
        return self.state.intents.intend(
            self.target.name,
            action,
            key,
            workout_ref=workout_ref,
            entry_ref=entry_ref,
            day=day,
            content_hash=content_hash,
        )

    def _known(self) -> dict[str, OwnedWorkout]:
        return self.state.ledger.by_ref(self.target.name)

    def _owned(
        self, want: DesiredWorkout, workout_ref: str, entry_ref: str | None = None
    ) -> OwnedWorkout:
        """What the ledger records for a workout that now holds ``want``."""
        return OwnedWorkout(
            self.target.name,
            workout_ref,
            want.key,
            want.content_hash,
            want.day,
            entry_ref,
            want.name,
        )


def _proof(gone: bool) -> bool | None:
    """A read-back's answer as ``_send`` takes it: True proves the removal landed."""
    return True if gone else None
