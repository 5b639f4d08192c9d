"""runlift's own Strava read budget: stay under the limits instead of running into them.

Strava allows a default app 100 read requests per 15 minutes and 1,000 a day; the windows
reset on the quarter hour and at midnight UTC. Before every API request runlift counts it
against the budget (kept in a small file, so separate runs and the daemon share it) and refuses
the request once a window is used up. Every answer's rate-limit headers correct the count (they
also include requests made by anything else using the same app). A 429 records the time the
window resets in the shared cool-off store; until then runlift does not call Strava at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from runlift.sync import cooloff, own_files, paths
from runlift.sync.errors import RateLimited
from runlift.sync.files import write_json

SERVICE = "strava"
WINDOW = timedelta(minutes=15)
DEFAULT_READS_PER_WINDOW = 100
DEFAULT_READS_PER_DAY = 1000
# Newer apps get X-ReadRateLimit-*; every app gets X-RateLimit-* (all requests). Values are
# "15-minute,daily", e.g. "100,1000".
_READ_HEADERS = ("X-ReadRateLimit-Limit", "X-ReadRateLimit-Usage")
_ALL_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Usage")


@dataclass
class Usage:
    """Reads counted in the current 15-minute window and UTC day."""

    window: str = ""
    day: str = ""
    window_reads: int = 0
    day_reads: int = 0
    window_limit: int = DEFAULT_READS_PER_WINDOW
    day_limit: int = DEFAULT_READS_PER_DAY


@dataclass(frozen=True)
class Limits:
    window: int
    day: int


def window_start(now: datetime) -> datetime:
    now = now.astimezone(UTC)
    return now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)


def window_end(now: datetime) -> datetime:
    return window_start(now) + WINDOW


def day_end(now: datetime) -> datetime:
    now = now.astimezone(UTC)
    return now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)


def parse_pair(value: str | None) -> tuple[int, int] | None:
    """ "100,1000" -> (100, 1000); None for a missing or malformed header."""
    if not value:
        return None
    parts = value.split(",")
    if len(parts) != 2:
        return None
    try:
        return int(parts[0]), int(parts[1])
    except ValueError:
        return None


class ReadBudget:
    def __init__(
        self,
        reads_per_window: int = DEFAULT_READS_PER_WINDOW,
        reads_per_day: int = DEFAULT_READS_PER_DAY,
        path: Path | None = None,
    ) -> None:
        self.limits = Limits(reads_per_window, reads_per_day)
        self._path = path

    @property
    def path(self) -> Path:
        return self._path or paths.data_dir() / "strava_usage.json"

    def spend(self, now: datetime) -> None:
        """Count one read about to be sent, or raise RateLimited when none is left."""
        cooloff.check(SERVICE, now)
        usage = self.usage(now)
        window_limit = min(self.limits.window, usage.window_limit)
        day_limit = min(self.limits.day, usage.day_limit)
        if usage.day_reads >= day_limit:
            self._stop(now, day_end(now), f"{usage.day_reads} reads today")
        if usage.window_reads >= window_limit:
            self._stop(now, window_end(now), f"{usage.window_reads} reads in 15 minutes")
        usage.window_reads += 1
        usage.day_reads += 1
        self._save(usage)

    def observe(self, headers: Mapping[str, str], status: int, now: datetime) -> None:
        """Take the counts Strava reports; on a 429 stop until the exhausted window resets."""
        lower = {key.lower(): value for key, value in headers.items()}
        pairs = [
            (parse_pair(lower.get(limit.lower())), parse_pair(lower.get(used.lower())))
            for limit, used in (_READ_HEADERS, _ALL_HEADERS)
        ]
        usage = self.usage(now)
        read_limit, read_used = pairs[0] if pairs[0][0] else pairs[1]
        if read_limit:
            usage.window_limit, usage.day_limit = read_limit
        if read_used:
            usage.window_reads = max(usage.window_reads, read_used[0])
            usage.day_reads = max(usage.day_reads, read_used[1])
        self._save(usage)
        if status == 429:
            retry_after = cooloff.retry_after_s(lower.get("retry-after"), now)
            if retry_after is not None:
                until = now.astimezone(UTC) + timedelta(seconds=retry_after)
            elif any(limit and used and used[1] >= limit[1] for limit, used in pairs):
                until = day_end(now)
            else:
                until = window_end(now)
            self._stop(now, until, "Strava answered 429 Too Many Requests")

    def usage(self, now: datetime) -> Usage:
        window = window_start(now).isoformat()
        day = now.astimezone(UTC).date().isoformat()
        usage = own_files.read_json(self.path, _usage, WHAT) or Usage()
        if usage.day != day:
            usage.day, usage.day_reads = day, 0
        if usage.window != window:
            usage.window, usage.window_reads = window, 0
        return usage

    def forget(self) -> None:
        """Count afresh (`runlift resume strava`); Strava's next answer corrects the counts."""
        self.path.unlink(missing_ok=True)

    def _stop(self, now: datetime, until: datetime, why: str) -> None:
        wait = max(1.0, (until - now.astimezone(UTC)).total_seconds())
        resume = cooloff.record(SERVICE, now, wait, wait, why=f"read limit reached: {why}")
        local = cooloff.local_time(resume)
        raise RateLimited(f"Strava read limit reached ({why}); no calls to Strava until {local}")

    def _save(self, usage: Usage) -> None:
        write_json(self.path, asdict(usage))


WHAT = "count of Strava reads"


def _usage(value: Any) -> Usage:
    raw = own_files.mapping(value)
    known = {f.name: f for f in fields(Usage)}
    values: dict[str, Any] = {}
    for key, item in raw.items():
        if key not in known:
            raise own_files.ShapeError(f"unknown entry {key[:40]!r}")
        if known[key].type == "str":
            values[key] = own_files.text(item, key)
        else:
            values[key] = own_files.whole(item, key)
    return Usage(**values)
