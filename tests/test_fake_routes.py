"""The fake Garmin Connect serves exactly the endpoints tests/fakes/EVIDENCE.md lists, no more."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from garminconnect import GarminConnectNotFoundError

from runlift.sync.syncing import SyncRequest, sync_once
from tests.fakes.fixtures import garmin_client
from tests.fakes.garmin import RECORDED_PARAMS, ROUTES
from tests.fakes.intervals import ROUTES as INTERVALS_ROUTES
from tests.garmin_world import World, world_fixture  # noqa: F401

EVIDENCE = Path(__file__).parent / "fakes" / "EVIDENCE.md"


def evidence_rows(service: str) -> set[tuple[str, str]]:
    text = EVIDENCE.read_text(encoding="utf-8")
    section = text.split(f"## {service}\n", 1)[1].split("\n## ", 1)[0]
    return {
        (match[1], match[2])
        for match in re.finditer(r"^\| (GET|POST|PUT|DELETE) \| (\S+) \|", section, re.M)
    }


def test_the_fake_serves_exactly_the_recorded_garmin_endpoints() -> None:
    assert {(method, path) for method, path, _handler in ROUTES} == evidence_rows("Garmin Connect")


@pytest.mark.parametrize(
    "call",
    [
        lambda g: g.get_scheduled_workouts_by_period("2026-11-02", "2026-11-15"),
        lambda g: g.reschedule_workout(1, "2026-11-03"),
        lambda g: g.get_workout_count(),
    ],
)
def test_an_unrecorded_endpoint_is_not_found(fake_garmin, call) -> None:
    with pytest.raises(GarminConnectNotFoundError):
        call(garmin_client(fake_garmin))


def intervals_rows() -> set[tuple[str, str]]:
    text = EVIDENCE.read_text(encoding="utf-8")
    section = text.split("## intervals.icu\n", 1)[1].split("\n## ", 1)[0]
    return {
        (match[1], match[2])
        for match in re.finditer(r"^\| (GET|POST|PUT|DELETE) \| `?([^`?|\s]+)", section, re.M)
    }


def test_the_fake_intervals_serves_exactly_the_recorded_endpoints() -> None:
    assert {(method, path) for method, path, _params in INTERVALS_ROUTES} == intervals_rows()


def row(service: str, method: str, path: str) -> str:
    text = EVIDENCE.read_text(encoding="utf-8")
    section = text.split(f"## {service}\n", 1)[1].split("\n## ", 1)[0]
    pattern = rf"^\| {method} \| `?{re.escape(path)}[`?| ].*$"
    found = re.search(pattern, section, re.M)
    assert found, (service, method, path)
    return found[0]


def test_every_recorded_parameter_is_named_in_its_evidence_row() -> None:
    for path, params in RECORDED_PARAMS.items():
        for name in params:
            assert f"{name}" in row("Garmin Connect", "GET", path), (path, name)
    for method, path, params in INTERVALS_ROUTES:
        for name in params:
            assert name in row("intervals.icu", method, path), (path, name)


def test_a_sync_sends_only_recorded_parameters(world: World) -> None:
    """Cold (the whole strength library read), then with nothing changed, then after an edit:
    every request runlift sent carries only the query parameters its route is recorded with."""
    world.two_weeks_of_running(date(2026, 11, 2))
    world.fake.add_strength_activity(date(2026, 10, 30), exercise_sets=[])
    for _ in range(2):
        sync_once(world.config, SyncRequest(date(2026, 11, 2), 14, "garmin"))
    for entry in world.fake.log.entries:
        sent = set(parse_qs(entry.query))
        assert sent <= RECORDED_PARAMS.get(entry.path, frozenset()), (entry.path, sent)
