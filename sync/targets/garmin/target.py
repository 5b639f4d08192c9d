"""Garmin Connect as a target of the sync engine (``runlift.sync.engine.target.Target``).

The engine's writes map one to one to the recorded calls of the Garmin port (create, schedule,
unschedule, delete); Garmin's numeric ids travel through the engine and the ledger as text.
What stays Garmin's own lives here and beside it: the calendar snapshot (months, a cache of far
months, shared with the Garmin runs source), finding runlift's workouts by marker
(``owned``), the read-backs of a lost answer (the workout list in its recorded order, the
month), and the weight unit Garmin renders, measured once after the first sync that sends a load.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence, Set
from datetime import date
from typing import TYPE_CHECKING, Any, Self

from runlift.sync.engine.remote import RemoteSchedule, RemoteView, Window
from runlift.sync.state import OwnedWorkout
from runlift.sync.targets.garmin import library, weight_unit
from runlift.sync.targets.garmin.account import GarminAccount
from runlift.sync.targets.garmin.calendar import EntryKind, as_id
from runlift.sync.targets.garmin.errors import GarminRejected, GarminUnavailable, NotFound
from runlift.sync.targets.garmin.owned import find_own
from runlift.sync.targets.garmin.port import GarminPort
from runlift.sync.targets.garmin.snapshot import month_entries
from runlift.workouts.garmin_marker import has_runlift_name, parse_marker
from runlift.workouts.garmin_payload import GarminWorkout, garmin_workout
from runlift.workouts.session import Session

if TYPE_CHECKING:
    from runlift.sync.config import Config
    from runlift.sync.connections import Connections
    from runlift.sync.engine.desired import DesiredWorkout
    from runlift.sync.engine.target import EncodedWorkout
    from runlift.sync.state import SyncState
    from runlift.sync.targets.garmin.cache import WeightUnit

NAME = "garmin"


class GarminTarget:
    name = NAME
    title = "Garmin Connect"

    def __init__(self, account: GarminAccount, state: SyncState | None = None) -> None:
        self.account = account
        self.state = state
        unit = account.cache.weight_unit() if account.cache else None
        # Watch kilograms per kilogram sent, as measured (1.0 until then).
        self.weight_factor = unit.factor if unit else 1.0

    @classmethod
    def from_config(
        cls, config: Config, *, state: SyncState, connections: Connections, **_: Any
    ) -> Self:
        return cls(GarminAccount.shared(config, state, connections), state)

    @property
    def client(self) -> GarminPort:
        return self.account.client

    @property
    def calls(self) -> Counter[str]:
        return self.client.calls

    @property
    def requests_sent(self) -> int:
        return self.client.requests_sent

    # -- what runlift owns

    def encode(self, session: Session, day: date) -> GarminWorkout:
        return garmin_workout(session, day, self.weight_factor)

    def owned(
        self, window: Window, known: Mapping[str, OwnedWorkout], *, lost_state: bool
    ) -> RemoteView:
        snapshot = self.account.calendar(window.look_back, window.look_ahead, near=window.near)
        return find_own(snapshot, known, self.client, window=window, scan_library=lost_state)

    # -- writes

    def create(self, workout: EncodedWorkout) -> str:
        return str(self.client.create_workout(_garmin(workout).payload))

    def schedule(self, workout_ref: str, workout: EncodedWorkout, day: date) -> str:
        return str(self.client.schedule(_id(workout_ref), day))

    def unschedule(self, workout_ref: str, entry: RemoteSchedule) -> None:
        self.client.unschedule(_id(entry.entry_ref))

    def delete(self, workout_ref: str) -> None:
        self.client.delete_workout(_id(workout_ref))

    # -- read-backs

    def find_created(self, workout: EncodedWorkout, exclude: Set[str]) -> str | None:
        """The workout list's first page holds a new workout (newest created first, as
        recorded); in any other order, the whole list."""
        page = library.first_page(self.client)
        found = self._created_in(page, workout, exclude)
        if found is None and len(page) >= library.PAGE:
            found = self._created_in(library.whole_library(self.client), workout, exclude)
        return None if found is None else str(found)

    def _created_in(
        self, items: list[dict[str, Any]], want: EncodedWorkout, exclude: Set[str]
    ) -> int | None:
        for item in library.strength_items(items):
            workout_id = as_id(item.get("workoutId"))
            if workout_id is None or str(workout_id) in exclude:
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

    def find_entry(self, workout_ref: str, day: date) -> str | None:
        workout_id = _id(workout_ref)
        for entry in month_entries(self.client, day.year, day.month):
            if (
                entry.kind is EntryKind.WORKOUT
                and entry.workout_id == workout_id
                and entry.day == day
                and entry.schedule_id is not None
            ):
                return str(entry.schedule_id)
        return None

    def entry_gone(self, workout_ref: str, entry: RemoteSchedule) -> bool:
        try:
            self.client.schedule_entry(_id(entry.entry_ref))
        except NotFound:
            return True
        return False

    def workout_gone(self, workout_ref: str) -> bool:
        try:
            self.client.workout(_id(workout_ref))
        except NotFound:
            return True
        return False

    # -- after a sync

    def after_sync(self, desired: Sequence[DesiredWorkout], *, dry_run: bool) -> list[str]:
        cache = self.account.cache
        unit = cache.weight_unit() if cache else None
        if unit is None and not dry_run and self.state is not None:
            unit = self.measure_weight_unit(desired)
        return weight_notes(unit, dry_run=dry_run)

    def measure_weight_unit(self, desired: Sequence[DesiredWorkout]) -> WeightUnit | None:
        """Once, after the first sync that put a load on Garmin Connect: read Garmin's FIT of
        one of those workouts (one request) and store how it renders the weight."""
        cache = self.account.cache
        if cache is None or self.state is None:
            return None
        payloads = {d.key: d for d in desired if weight_unit.sent_kg(_garmin(d.workout).payload)}
        for owned in self.state.ledger.owned(self.name):
            want = payloads.get(owned.key)
            if want is None or want.content_hash != owned.content_hash:
                continue
            try:
                seen = weight_unit.watch_kg(self.client.workout_fit(_id(owned.workout_ref)))
            except (NotFound, GarminUnavailable, GarminRejected):
                return None
            sent = weight_unit.sent_kg(_garmin(want.workout).payload)
            if seen is None or sent is None:
                return None
            cache.store_weight_unit(weight_unit.factor(sent, seen), "the first sync")
            return cache.weight_unit()
        return None


def weight_notes(unit: WeightUnit | None, *, dry_run: bool) -> list[str]:
    """What the sync says about the weight unit Garmin renders."""
    if unit is None:
        if not dry_run:
            return []
        return [
            "the weight unit Garmin Connect reads is unverified until measured (by "
            "`runlift doctor garmin`, or by the first sync that sends a load): loads are sent "
            "as written"
        ]
    if unit.factor == 1.0:
        return []
    return [
        f"Garmin Connect renders workout weights scaled by {unit.factor:g} (measured by "
        f"{unit.source} on {unit.measured_at:%Y-%m-%d}): runlift sends each load divided by "
        f"{unit.factor:g}, so the watch shows it"
    ]


def _garmin(workout: EncodedWorkout) -> GarminWorkout:
    assert isinstance(workout, GarminWorkout), f"not a Garmin workout: {workout!r}"
    return workout


def _id(ref: str) -> int:
    """Garmin's number for a ref; a ref that is not one names nothing on Garmin Connect."""
    number = as_id(ref)
    if number is None:
        raise NotFound(f"Garmin Connect has no item {ref!r}")
    return number
