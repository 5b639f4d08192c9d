"""What `runlift status` reports: last run, next run, cool-offs, sessions on each target.

Read from local files only: asking for status never costs a request to any service. The sessions
are runlift's on each target in ``sync.targets`` (a target with none is listed too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from runlift.sync import cooloff
from runlift.sync.config import Config
from runlift.sync.daemon import journal
from runlift.sync.daemon.runner import JobOutcome

if TYPE_CHECKING:
    from runlift.sync.state import OwnedWorkout, SyncRun


@dataclass(frozen=True)
class Status:
    last_sync: SyncRun | None
    jobs: list[JobOutcome]
    next_run: datetime | None
    cooloffs: dict[str, datetime]
    sessions: list[OwnedWorkout]
    # The targets a sync writes to, in the config's order.
    targets: tuple[str, ...] = ()


def next_run(config: Config, now: datetime) -> datetime | None:
    """The next daemon slot after ``now`` in the athlete's time zone."""
    zone = config.zone() or now.astimezone().tzinfo
    local = now.astimezone(zone)
    candidates = []
    for slot in config.daemon.sync_times:
        hour, minute = (int(part) for part in slot.split(":"))
        for offset in (0, 1):
            day = local.date() + timedelta(days=offset)
            moment = datetime.combine(day, time(hour, minute), tzinfo=zone)
            if moment > local:
                candidates.append(moment)
                break
    return min(candidates) if candidates else None


def read_status(config: Config, now: datetime, today: date) -> Status:
    from runlift.sync.state import SyncState

    with SyncState(readonly=True) as state:
        last = state.runs.last_run()
        sessions = sorted(
            (w for w in state.ledger.owned() if w.day >= today),
            key=lambda w: (w.target, w.day, w.key),
        )
    cooling = {s: t for s, t in cooloff.all_resume_times().items() if t > now}
    return Status(
        last,
        journal.last_outcomes(),
        next_run(config, now),
        cooling,
        sessions,
        tuple(dict.fromkeys([*config.sync.targets, *(w.target for w in sessions)])),
    )
