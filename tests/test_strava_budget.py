"""runlift's Strava read budget: under 100 reads per 15 minutes and 1,000 a day, and a 429 stops
every call until the window Strava named as exhausted resets."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from runlift.sync import cooloff
from runlift.sync.errors import RateLimited
from runlift.sync.strava.budget import ReadBudget
from tests.paths import FIXTURES

REAL_429 = json.loads((FIXTURES / "strava" / "rate-limit-429.json").read_text())
NOW = datetime(2026, 3, 2, 9, 7, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path))
    return tmp_path


def test_the_hundred_and_first_read_in_a_window_is_never_sent() -> None:
    budget = ReadBudget()
    for _ in range(100):
        budget.spend(NOW)
    with pytest.raises(RateLimited, match="100 reads in 15 minutes"):
        budget.spend(NOW)
    assert cooloff.resume_time("strava") == datetime(2026, 3, 2, 9, 15, tzinfo=UTC)
    # A new process shares the count and the stop.
    with pytest.raises(RateLimited):
        ReadBudget().spend(NOW + timedelta(minutes=5))
    ReadBudget().spend(datetime(2026, 3, 2, 9, 15, 1, tzinfo=UTC))


def test_the_day_stops_at_a_thousand_reads_until_midnight_utc() -> None:
    budget = ReadBudget()
    budget.spend(NOW)
    budget.observe(
        {"X-ReadRateLimit-Limit": "100,1000", "X-ReadRateLimit-Usage": "3,999"}, 200, NOW
    )
    budget.spend(NOW)
    with pytest.raises(RateLimited, match="1000 reads today"):
        budget.spend(NOW + timedelta(hours=2))
    assert cooloff.resume_time("strava") == datetime(2026, 3, 3, tzinfo=UTC)
    ReadBudget().spend(datetime(2026, 3, 3, 0, 0, 1, tzinfo=UTC))


def test_strava_usage_headers_count_reads_made_elsewhere() -> None:
    budget = ReadBudget()
    budget.spend(NOW)
    budget.observe(
        {"X-ReadRateLimit-Limit": "100,1000", "X-ReadRateLimit-Usage": "99,400"}, 200, NOW
    )
    budget.spend(NOW)
    with pytest.raises(RateLimited):
        budget.spend(NOW)


def test_a_lower_limit_in_the_headers_wins_over_the_default() -> None:
    budget = ReadBudget()
    budget.observe({"X-ReadRateLimit-Limit": "2,20", "X-ReadRateLimit-Usage": "1,1"}, 200, NOW)
    budget.spend(NOW)
    with pytest.raises(RateLimited):
        budget.spend(NOW)


def test_the_real_429_stops_calls_until_midnight_utc_when_the_day_is_used_up() -> None:
    budget = ReadBudget()
    with pytest.raises(RateLimited, match="429"):
        budget.observe(REAL_429["headers"], REAL_429["status"], NOW)
    assert cooloff.resume_time("strava") == datetime(2026, 3, 3, tzinfo=UTC)
    with pytest.raises(RateLimited):
        budget.spend(NOW + timedelta(hours=3))


def test_a_429_in_a_window_stops_calls_until_the_quarter_hour() -> None:
    headers = {"X-ReadRateLimit-Limit": "100,1000", "X-ReadRateLimit-Usage": "101,300"}
    with pytest.raises(RateLimited):
        ReadBudget().observe(headers, 429, NOW)
    assert cooloff.resume_time("strava") == datetime(2026, 3, 2, 9, 15, tzinfo=UTC)


def test_a_429_with_retry_after_waits_that_long() -> None:
    with pytest.raises(RateLimited):
        ReadBudget().observe({"Retry-After": "120"}, 429, NOW)
    assert cooloff.resume_time("strava") == NOW + timedelta(seconds=120)


def test_a_429_with_retry_after_as_a_date_waits_until_then() -> None:
    with pytest.raises(RateLimited):
        ReadBudget().observe({"Retry-After": "Mon, 02 Mar 2026 09:30:00 GMT"}, 429, NOW)
    assert cooloff.resume_time("strava") == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
