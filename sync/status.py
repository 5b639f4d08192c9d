"""What `runlift status` reports: per service whether runlift is signed in, paused (until when,
why, and the command that lifts it) and when it last answered; whether a daemon runs and its
next run; the last sync, the daemon's last job outcomes and runlift's sessions on each target.

Read from local files only: asking for status never costs a request to a service, and creates
no file. The sessions are listed per target in ``sync.targets`` (a target with none too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from runlift.sync import contact, cooloff, sign_ins
from runlift.sync.config import Config
from runlift.sync.daemon import journal, presence
from runlift.sync.daemon.runner import JobOutcome
from runlift.sync.errors import service_name

if TYPE_CHECKING:
    from runlift.sync.state import OwnedWorkout, SyncRun


@dataclass(frozen=True)
class ServiceStatus:
    key: str
    # None for a plugin's service: its sign-in is its own.
    sign_in: sign_ins.SignIn | None
    pause: cooloff.Pause | None
    last_answer: datetime | None

    @property
    def name(self) -> str:
        return service_name(self.key)

    @property
    def lift(self) -> str:
        return cooloff.resume_command(self.key)


@dataclass(frozen=True)
class Status:
    last_sync: SyncRun | None
    jobs: list[JobOutcome]
    daemon: presence.DaemonPresence
    sync_running: bool
    services: list[ServiceStatus]
    sessions: list[OwnedWorkout]
    # The targets a sync writes to, in the config's order.
    targets: tuple[str, ...] = ()

    @property
    def next_run(self) -> datetime | None:
        """The running daemon's next run; None when no daemon runs."""
        return self.daemon.next_run if self.daemon.running else None


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
    pauses = {s: p for s, p in cooloff.all_pauses().items() if p.until > now}
    answers = contact.last_answers()
    services = [
        ServiceStatus(found.service, found, pauses.get(found.service), answers.get(found.service))
        for found in sign_ins.all_sign_ins(config)
    ]
    known = {service.key for service in services}
    services += [
        ServiceStatus(key, None, pause, answers.get(key))
        for key, pause in sorted(pauses.items())
        if key not in known
    ]
    return Status(
        last,
        journal.last_outcomes(),
        presence.look(),
        presence.sync_running(),
        services,
        sessions,
        tuple(dict.fromkeys([*config.sync.targets, *(w.target for w in sessions)])),
    )


def status_json(status: Status, config_file: str, config_exists: bool, data: str) -> dict[str, Any]:
    """`runlift status --json`: the same facts, times in ISO 8601 with their offset."""
    last = status.last_sync
    return {
        "config": {"path": config_file, "exists": config_exists},
        "data": data,
        "services": {
            s.key: {
                "name": s.name,
                "used": s.sign_in.used if s.sign_in else True,
                "signed_in": s.sign_in.ok if s.sign_in else None,
                "sign_in_problem": s.sign_in.missing if s.sign_in else None,
                "paused_until": _iso(s.pause.until) if s.pause else None,
                "pause_reason": s.pause.why if s.pause else None,
                "lift_pause": s.lift if s.pause else None,
                "last_answer": _iso(s.last_answer),
            }
            for s in status.services
        },
        "daemon": {
            "running": status.daemon.running,
            "pid": status.daemon.pid,
            "next_run": _iso(status.next_run),
        },
        "sync_running": status.sync_running,
        "last_sync": None
        if last is None
        else {
            "started": _iso(last.started_at),
            "finished": _iso(last.finished_at),
            "outcome": last.outcome,
            "message": last.message,
            "counts": last.counts,
        },
        "daemon_jobs": [
            {"job": j.name, "started": _iso(j.started), "ok": j.ok, "message": j.message}
            for j in sorted(status.jobs, key=lambda j: j.name)
        ],
        "sessions": [
            {
                "target": w.target,
                "day": w.day.isoformat(),
                "session": w.name or str(w.key),
                "workout_id": w.workout_ref,
            }
            for w in status.sessions
        ],
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
