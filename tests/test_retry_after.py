"""One reading of Retry-After for Garmin Connect, Strava and intervals.icu: delay-seconds or an
HTTP date (RFC 9110 allows both), anything else unreadable (the service's default cool-off)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runlift.sync.cooloff import retry_after_s

NOW = datetime(2026, 3, 2, 9, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 7200 ", 7200.0),
        ("Mon, 02 Mar 2026 10:07:30 GMT", 3600.0),
        ("Mon, 02 Mar 2026 09:07:00 GMT", -30.0),
        (None, None),
        ("", None),
        ("soon", None),
        ("inf", None),
        ("nan", None),
        # No zone: not an HTTP date.
        ("Mon, 02 Mar 2026 10:07:30 -0000", None),
    ],
)
def test_retry_after_in_seconds_from_now(header: str | None, seconds: float | None) -> None:
    assert retry_after_s(header, NOW) == seconds


@pytest.mark.parametrize("header", ["1e20", "99999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_an_absurd_retry_after_pauses_a_day_at_most(header: str) -> None:
    from datetime import timedelta

    from runlift.sync.cooloff import LONGEST_PAUSE_S, record, resume_time

    until = record("garmin", NOW, retry_after_s(header, NOW), default_s=3600.0)
    assert until == NOW + timedelta(seconds=LONGEST_PAUSE_S)
    assert resume_time("garmin") == until
