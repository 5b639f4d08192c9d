"""How runlift behaves when Garmin Connect says no: 429, 5xx, lost answers, dead tokens."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from runlift.sync import cooloff, paths
from runlift.sync.errors import AuthRequired, RateLimited
from runlift.sync.targets.garmin.errors import GarminUnavailable
from tests.garmin_world import World, world_fixture  # noqa: F401
from tests.test_sync_engine import FOUR, runlift_workouts, sync_planned

NOV = (2026, 11)


def test_a_429_on_a_read_stops_at_once_and_nothing_is_sent_until_the_cooloff_ends(
    world: World,
) -> None:
    world.mark()
    world.fail("status", 1, status=429, retry_after=120)
    with pytest.raises(RateLimited, match="will not call it again until"):
        world.client().calendar_month(*NOV)
    assert len(world.requests()) == 1  # a 429 is never retried
    until = cooloff.resume_time("garmin")
    assert until is not None
    # Garmin's Retry-After (120 s) wins over the configured 60 minutes.
    assert timedelta(seconds=100) < until - datetime.now(UTC) <= timedelta(seconds=120)

    world.mark()
    with pytest.raises(RateLimited):
        sync_planned(world, FOUR)
    assert world.requests() == []


def test_a_429_on_a_write_stops_the_sync_before_the_next_request(world: World) -> None:
    world.mark()
    # Requests: two calendar months, the library (new state), then the first POST.
    world.fail("status", 4, status=429)
    with pytest.raises(RateLimited):
        sync_planned(world, FOUR)
    assert len(world.requests()) == 4
    assert runlift_workouts(world) == []
    until = cooloff.resume_time("garmin")
    assert until is not None
    # No Retry-After: the configured cool-off (60 minutes by default).
    assert timedelta(minutes=59) < until - datetime.now(UTC) <= timedelta(minutes=60)


def test_a_5xx_on_a_read_is_retried_a_bounded_number_of_times(world: World) -> None:
    world.mark()
    world.fail("status", 1, status=503)
    assert world.client().calendar_month(*NOV)["calendarItems"] == []
    assert len(world.requests()) == 2

    world.mark()
    world.fake.faults.add("status", status=500, nth=1, times=None)
    with pytest.raises(
        GarminUnavailable, match=r"cannot reach Garmin Connect \(server error 500\)"
    ):
        world.client().calendar_month(*NOV)
    # read_retries = 2 in the test config: the first try and two retries, then stop.
    assert len(world.requests()) == 3


def test_a_lost_answer_to_a_write_is_read_back_not_sent_again(world: World) -> None:
    world.mark()
    world.fail("apply_then_reset", 4)  # POST workout lands, its answer is lost
    outcome = sync_planned(world, FOUR)
    assert (outcome.report.recovered, outcome.report.resent) == (1, 0)
    assert len(runlift_workouts(world)) == 4


def test_a_workout_that_never_arrived_is_sent_once_more(world: World) -> None:
    world.mark()
    world.fail("reset", 4)  # the first POST workout never reaches Garmin
    outcome = sync_planned(world, FOUR)
    assert (outcome.report.recovered, outcome.report.resent) == (0, 1)
    assert len(runlift_workouts(world)) == 4 and len(world.fake.schedules) == 4


def test_a_calendar_entry_whose_answer_was_lost_is_never_sent_twice(world: World) -> None:
    """Scheduling is not idempotent and the month lists a new entry one read late: an entry the
    read-back does not show is left to the next sync, which finds it (or makes it)."""
    world.fake.calendar_lag = True
    world.fail("apply_then_reset", 5)  # the first POST schedule lands, its answer is lost
    outcome = sync_planned(world, FOUR)
    assert (outcome.report.unconfirmed, outcome.report.resent) == (1, 0)
    assert len(world.fake.schedules) == 4
    world.mark()
    again = sync_planned(world, FOUR)
    assert again.diff.is_empty
    assert world.writes() == []
    assert sorted(s["workoutId"] for s in world.fake.schedules.values()) == runlift_workouts(world)


def test_a_calendar_entry_that_never_arrived_is_made_by_the_next_sync(world: World) -> None:
    world.fail("reset", 5)  # the first POST schedule never reaches Garmin
    outcome = sync_planned(world, FOUR)
    assert outcome.report.unconfirmed == 1 and len(world.fake.schedules) == 3
    sync_planned(world, FOUR)
    assert sorted(s["workoutId"] for s in world.fake.schedules.values()) == runlift_workouts(world)


def test_entries_listed_one_read_late_are_not_scheduled_again(world: World) -> None:
    world.fake.calendar_lag = True
    sync_planned(world, FOUR)
    world.mark()
    again = sync_planned(world, FOUR)  # the month does not list the four new entries yet
    assert again.diff.is_empty
    assert world.writes() == []
    assert len(world.fake.schedules) == 4


def test_an_expired_access_token_is_refreshed_and_saved(world: World) -> None:
    world.fake.expire_all_tokens()
    before = json.loads((paths.garmin_token_dir() / "garmin_tokens.json").read_text())
    sync_planned(world, FOUR)
    after = json.loads((paths.garmin_token_dir() / "garmin_tokens.json").read_text())
    assert after["di_token"] != before["di_token"]
    assert len(runlift_workouts(world)) == 4


def test_revoked_tokens_ask_for_runlift_login_garmin(world: World) -> None:
    world.fake.revoke_all_tokens()
    with pytest.raises(AuthRequired, match="runlift login garmin"):
        sync_planned(world, FOUR)
    assert world.fake.workouts == {}


def test_no_token_store_asks_for_runlift_login_garmin(world: World) -> None:
    (paths.garmin_token_dir() / "garmin_tokens.json").unlink()
    world.mark()
    with pytest.raises(AuthRequired, match="not signed in"):
        sync_planned(world, FOUR)
    assert world.requests() == []


def test_a_5xx_on_the_token_refresh_is_not_a_revoked_sign_in(world: World) -> None:
    """garminconnect swallows a failed refresh and reports the 401; read as "revoked", it would
    pause the daemon until the athlete signs in again."""
    world.fake.expire_all_tokens()
    world.fake.faults.add("status", method="POST", path_re="oauth/token", status=503, nth=1)
    sync_planned(world, FOUR)  # runlift's own refresh gets through
    assert len(runlift_workouts(world)) == 4

    world.fake.expire_all_tokens()
    world.fake.faults.add("status", method="POST", path_re="oauth/token", status=503, times=None)
    before = (paths.garmin_token_dir() / "garmin_tokens.json").read_text()
    with pytest.raises(GarminUnavailable, match=r"server error 503\); the saved sign-in is kept"):
        sync_planned(world, FOUR)
    assert (paths.garmin_token_dir() / "garmin_tokens.json").read_text() == before
