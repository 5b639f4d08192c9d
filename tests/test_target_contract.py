"""One contract, every target: the behaviours the sync engine relies on, written once and run
against each backend (as vdirsyncer's StorageTests is inherited by each storage): the Garmin
in-memory twin, the real garminconnect client over loopback against the fake Garmin Connect,
the COROS in-memory twin, and runlift's COROS client (real httpx) over loopback against the
fake COROS Training Hub.

A backend is a few lines (tests/target_backends.py): how to open the target, lose or drop a
write, answer 429, and look at what the service holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from datetime import date, timedelta

import pytest

from runlift.sync import cooloff
from runlift.sync.engine.remote import RemoteSchedule, RemoteWorkout, Window
from runlift.sync.engine.target import EncodedWorkout, Target
from runlift.sync.errors import NotFound, RateLimited, WriteUncertain
from runlift.sync.state import OwnedWorkout, SyncState
from runlift.workouts.session import build_session
from runlift.workouts.settings import AthleteSettings, MoveTarget
from tests.target_backends import (
    Backend,
    CorosTwin,
    GarminTwin,
    coros_loopback,
    garmin_loopback,
)

MON = date(2026, 11, 23)
# Two weeks across a month's end: a calendar read in months reads two.
WINDOW = Window(MON, MON + timedelta(days=13), MON - timedelta(days=7), MON + timedelta(days=13))
TUE, MON_30, TUE_1 = MON + timedelta(days=1), date(2026, 11, 30), date(2026, 12, 1)
# More than one page of Garmin's workout list (100).
MANY = 105


def workout(target: Target, day: date = TUE, label: str = "A", load: float = 40) -> EncodedWorkout:
    settings = AthleteSettings(targets={"romanian_deadlift": MoveTarget(load=load)})
    return target.encode(build_session(label, settings), day)


def look(target: Target, *, known: dict[str, OwnedWorkout] | None = None) -> list[RemoteWorkout]:
    """What the target lists as runlift's in the window; with no ledger, everything it finds."""
    view = target.owned(WINDOW, known or {}, lost_state=known is None)
    return sorted(view.workouts, key=lambda w: (w.anchor, w.workout_ref))


class TargetContract:
    """Every target passes these. A subclass gives the ``backend`` fixture."""

    @pytest.fixture
    def state(self, runlift_home) -> Iterator[SyncState]:
        with SyncState() as state:
            yield state

    @pytest.fixture
    def target(self, backend: Backend, state: SyncState) -> Target:
        return backend.open(state)

    def test_a_created_workout_is_found_by_its_marker_and_listed_with_its_entry(
        self, backend: Backend, target: Target
    ) -> None:
        want = workout(target)
        ref = target.create(want)
        assert target.find_created(want, set()) == ref
        assert target.find_created(want, {ref}) is None
        entry = target.schedule(ref, want, TUE)
        assert target.find_entry(ref, TUE) == entry
        (listed,) = look(target)
        assert (listed.workout_ref, listed.key, listed.content_hash) == (
            ref,
            want.key,
            want.content_hash,
        )
        assert listed.schedules == (RemoteSchedule(entry, TUE),)
        assert (backend.runlift_workouts(), backend.runlift_entries()) == (1, [TUE])

    def test_a_lost_create_answer_is_found_again_and_not_duplicated(
        self, backend: Backend, target: Target
    ) -> None:
        want = workout(target)
        backend.lose_next("create")
        with pytest.raises(WriteUncertain):
            target.create(want)
        ref = target.find_created(want, set())
        assert ref is not None and backend.runlift_workouts() == 1
        assert [w.workout_ref for w in look(target)] == [ref]

    def test_a_create_that_never_arrived_is_not_found(
        self, backend: Backend, target: Target
    ) -> None:
        want = workout(target)
        backend.drop_next("create")
        with pytest.raises(WriteUncertain):
            target.create(want)
        assert target.find_created(want, set()) is None
        assert backend.runlift_workouts() == 0

    def test_a_lost_schedule_answer_is_found_on_its_day(
        self, backend: Backend, target: Target
    ) -> None:
        want = workout(target)
        ref = target.create(want)
        backend.lose_next("schedule")
        with pytest.raises(WriteUncertain):
            target.schedule(ref, want, TUE)
        entry = target.find_entry(ref, TUE)
        assert entry is not None
        (listed,) = look(target)
        assert listed.schedules == (RemoteSchedule(entry, TUE),)
        assert backend.runlift_entries() == [TUE]

    def test_removing_what_is_already_gone_is_fine(self, backend: Backend, target: Target) -> None:
        """A 404 (or nothing) on unschedule and delete: what the write wanted is so."""
        want = workout(target)
        ref = target.create(want)
        entry = RemoteSchedule(target.schedule(ref, want, TUE), TUE)
        for _ in range(2):
            with suppress(NotFound):
                target.unschedule(ref, entry)
        assert target.entry_gone(ref, entry)
        for _ in range(2):
            with suppress(NotFound):
                target.delete(ref)
        assert target.workout_gone(ref)
        assert (backend.runlift_workouts(), backend.runlift_entries()) == (0, [])

    def test_a_lost_removal_answer_is_proved_by_reading_back(
        self, backend: Backend, target: Target
    ) -> None:
        want = workout(target)
        ref = target.create(want)
        entry = RemoteSchedule(target.schedule(ref, want, TUE), TUE)
        backend.lose_next("unschedule")
        with pytest.raises(WriteUncertain):
            target.unschedule(ref, entry)
        assert target.entry_gone(ref, entry)
        backend.lose_next("delete")
        with pytest.raises(WriteUncertain):
            target.delete(ref)
        assert target.workout_gone(ref)

    def test_a_removal_that_never_arrived_is_not_taken_as_done(
        self, backend: Backend, target: Target
    ) -> None:
        want = workout(target)
        ref = target.create(want)
        entry = RemoteSchedule(target.schedule(ref, want, TUE), TUE)
        backend.drop_next("unschedule")
        with pytest.raises(WriteUncertain):
            target.unschedule(ref, entry)
        assert not target.entry_gone(ref, entry)
        backend.drop_next("delete")
        with pytest.raises(WriteUncertain):
            target.delete(ref)
        assert not target.workout_gone(ref)

    def test_the_whole_library_and_a_window_across_two_months_are_read(
        self, backend: Backend, target: Target
    ) -> None:
        made = [target.create(workout(target, load=20 + n / 2)) for n in range(MANY)]
        late = workout(target, MON_30, "B")
        early = workout(target, TUE_1, "A", load=30)
        for want in (late, early):
            target.schedule(target.create(want), want, want.day)
        listed = look(target)
        assert {w.workout_ref for w in listed} >= set(made)
        assert len(listed) == MANY + 2
        days = sorted(s.day for w in listed for s in w.schedules)
        assert days == [MON_30, TUE_1]
        # The first made is found by its marker among them all.
        assert target.find_created(workout(target, load=20), set()) == made[0]

    def test_a_429_stops_at_once_and_pauses_the_service(
        self, backend: Backend, target: Target, state: SyncState
    ) -> None:
        backend.limit_next()
        with pytest.raises(RateLimited):
            target.owned(WINDOW, {}, lost_state=True)
        sent = backend.requests()
        again = backend.open(state)  # the next command
        with pytest.raises(RateLimited):
            again.owned(WINDOW, {}, lost_state=True)
        assert backend.requests() == sent
        assert cooloff.all_pauses()

    def test_ids_round_trip_through_the_state_file_and_a_steady_look_is_cheap(
        self, backend: Backend, target: Target, state: SyncState
    ) -> None:
        """The target's ids, kept as text by the ledger and handed back in a later command,
        name the same workout and entry; a look that finds nothing new costs two requests."""
        want = workout(target)
        ref = target.create(want)
        entry = target.schedule(ref, want, TUE)
        name = target.name
        state.ledger.remember(
            OwnedWorkout(name, ref, want.key, want.content_hash, TUE, entry, want.name)
        )
        state.close()
        with SyncState() as reopened:
            later = backend.open(reopened)
            known = reopened.ledger.by_ref(name)
            before, counted = backend.requests(), later.requests_sent
            (listed,) = look(later, known=known)
            assert backend.requests() - before <= 2
            assert later.requests_sent - counted == backend.requests() - before
            (owned,) = known.values()
            assert (listed.workout_ref, listed.schedules) == (
                owned.workout_ref,
                (RemoteSchedule(str(owned.entry_ref), TUE),),
            )
            later.unschedule(owned.workout_ref, RemoteSchedule(str(owned.entry_ref), owned.day))
            later.delete(owned.workout_ref)
        assert (backend.runlift_workouts(), backend.runlift_entries()) == (0, [])

    def test_the_athletes_own_workouts_are_never_listed(
        self, backend: Backend, target: Target
    ) -> None:
        backend.add_own(TUE)
        assert look(target) == []
        want = workout(target)
        ref = target.create(want)
        target.schedule(ref, want, TUE)
        assert [w.workout_ref for w in look(target)] == [ref]


class TestGarminTwin(TargetContract):
    @pytest.fixture
    def backend(self) -> Backend:
        return GarminTwin()


class TestGarminOverLoopback(TargetContract):
    @pytest.fixture
    def backend(self, runlift_home, monkeypatch: pytest.MonkeyPatch) -> Iterator[Backend]:
        with garmin_loopback(monkeypatch) as backend:
            yield backend


class TestCorosTwin(TargetContract):
    @pytest.fixture
    def backend(self) -> Backend:
        return CorosTwin()


class TestCorosOverLoopback(TargetContract):
    @pytest.fixture
    def backend(self, runlift_home) -> Iterator[Backend]:
        with coros_loopback() as backend:
            yield backend
