"""The fake Garmin Connect serves exactly the endpoints tests/fakes/EVIDENCE.md lists, no more."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from garminconnect import GarminConnectNotFoundError

from tests.fakes.fixtures import garmin_client
from tests.fakes.garmin import ROUTES

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
