"""A session's key is built and read in one place, and reads back what it wrote."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runlift.workouts.garmin_marker import Marker, parse_marker
from runlift.workouts.session_key import SessionKey


def test_every_key_reads_back_as_written_and_sorts_by_day_then_label() -> None:
    keys = [
        SessionKey(date(2024, 1, 1) + timedelta(days=n), label)
        for n in range(0, 800, 7)
        for label in "AB"
    ]
    assert [SessionKey.parse(str(k)) for k in keys] == keys
    assert sorted(keys, key=str) == sorted(keys)


def test_the_marker_carries_the_key() -> None:
    marker = Marker(date(2026, 11, 24), "B", "0123456789ab")
    assert str(marker) == "runlift:v1 key=2026-11-24/B hash=0123456789ab"
    parsed = parse_marker(f"Leg day.\n{marker}")
    assert parsed is not None and parsed.key == SessionKey(date(2026, 11, 24), "B")


@pytest.mark.parametrize("text", ["", "2026-11-24", "2026-11-24/", "2026-13-01/A", "x/A", "a/b/c"])
def test_anything_else_is_not_a_key(text: str) -> None:
    with pytest.raises(ValueError):
        SessionKey.parse(text)
