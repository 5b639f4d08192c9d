"""The one interface the sync engine knows of a place sessions are written to: a ``Target``.

The engine (wanted sessions -> diff -> apply, with the intent log and recovery) speaks only this
protocol; Garmin Connect and COROS Training Hub implement it under ``runlift.sync.targets`` and
are found through the ``runlift.targets`` entry point group. The engine imports no target.

A target's ids for its workouts and calendar entries are opaque text to the engine: it stores
them in the ledger and hands them back, never reads them. Failures are raised in the engine's
terms (``runlift.sync.errors``): ``NotFound``, ``WriteUncertain`` (a write whose outcome is
unknown), ``Rejected``, ``ServiceUnreachable``, ``RateLimited``, ``AuthRequired``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence, Set
from datetime import date
from typing import TYPE_CHECKING, Protocol

from runlift.sync.engine.remote import RemoteSchedule, RemoteView, Window
from runlift.sync.state.ledger import OwnedWorkout
from runlift.workouts.session import Session
from runlift.workouts.session_key import SessionKey

if TYPE_CHECKING:
    from runlift.sync.engine.desired import DesiredWorkout


class EncodedWorkout(Protocol):
    """A session as the target's workout, ready to send; its marker carries ``key`` and
    ``content_hash``. What else it holds (the payload) is the target's."""

    @property
    def key(self) -> SessionKey: ...

    @property
    def day(self) -> date: ...

    @property
    def label(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def content_hash(self) -> str: ...


class Target(Protocol):
    # The ledger's and the intent log's name for the target ("garmin"), its entry point name.
    name: str
    # What messages call it ("Garmin Connect").
    title: str

    @property
    def calls(self) -> Counter[str]:
        """Calls by name (for the counts a sync reports)."""
        ...

    @property
    def requests_sent(self) -> int:
        """The requests those calls sent."""
        ...

    def encode(self, session: Session, day: date) -> EncodedWorkout:
        """The session as this target's workout on ``day``, with runlift's marker."""
        ...

    def owned(
        self, window: Window, known: Mapping[str, OwnedWorkout], *, lost_state: bool
    ) -> RemoteView:
        """runlift's workouts in the window with their calendar entries, how many are scheduled
        after it, and runlift's sessions before it. ``known``: the ledger's rows for this
        target, by workout ref. ``lost_state``: the ledger may not know everything runlift made
        (never completed a sync, or a create may have landed without its answer), so look
        beyond the calendar too."""
        ...

    # -- writes

    def create(self, workout: EncodedWorkout) -> str:
        """A new workout; its ref."""
        ...

    def schedule(self, workout_ref: str, workout: EncodedWorkout, day: date) -> str:
        """Put the workout on ``day``; the new calendar entry's ref. Not idempotent."""
        ...

    def unschedule(self, workout_ref: str, entry: RemoteSchedule) -> None:
        """Take the entry off the calendar; ``NotFound`` (or nothing) when already gone."""
        ...

    def delete(self, workout_ref: str) -> None:
        """Delete the workout; ``NotFound`` (or nothing) when already gone."""
        ...

    # -- read-backs after a write whose answer was lost

    def find_created(self, workout: EncodedWorkout, exclude: Set[str]) -> str | None:
        """The workout a lost create made, found by its marker (key and content hash), if it
        landed; workouts in ``exclude`` (those the ledger knows) are not it."""
        ...

    def find_entry(self, workout_ref: str, day: date) -> str | None:
        """A calendar entry of the workout on ``day`` (one a lost schedule may have made), or
        None when none is listed (yet)."""
        ...

    def entry_gone(self, workout_ref: str, entry: RemoteSchedule) -> bool:
        """Whether the entry is proven gone (a removal whose answer was lost landed)."""
        ...

    def workout_gone(self, workout_ref: str) -> bool:
        """Whether the workout is proven gone."""
        ...

    # -- after a sync

    def after_sync(self, desired: Sequence[DesiredWorkout], *, dry_run: bool) -> list[str]:
        """What the target does once a sync of it is through (Garmin measures its weight
        unit once), and the notes it has for the athlete."""
        ...
