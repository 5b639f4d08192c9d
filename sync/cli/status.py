"""`runlift status`: per service signed in, paused or not, the daemon, the last runs, sessions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import ConfigOption, read_config

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from rich.console import Console

    from runlift.sync.status import ServiceStatus, Status

# A message kept from an earlier run is shown on one line, at most this long.
_MESSAGE_CHARS = 240


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False,
    config_path: ConfigOption = None,
) -> None:
    """Show per service whether runlift is signed in, paused or not, and when it last answered;
    whether a daemon runs; the last sync and runlift's sessions on each target's calendar."""
    import json

    from runlift.sync import clock, paths
    from runlift.sync.cli import output
    from runlift.sync.status import read_status, status_json

    config = read_config(config_path)
    report = read_status(config, clock.now(), clock.today(config.zone()))
    config_file = config_path or paths.config_file()
    data = paths.data_dir(create=False)
    if as_json:
        body = status_json(report, str(config_file), config_file.exists(), str(data))
        output.json_out(json.dumps(body, indent=2, ensure_ascii=False))
        return
    console = output.data()
    missing = "" if config_file.exists() else " (not there: the defaults apply)"
    _line(console, f"Config: {config_file}{missing}")
    _line(console, f"Data: {data}")
    zone = config.zone()
    for service in report.services:
        for line in _service_lines(service, zone):
            _line(console, line)
    _daemon_lines(console, report, zone)
    _show_sessions(console, report)


def _service_lines(service: ServiceStatus, zone: ZoneInfo | None) -> list[str]:
    name = service.name
    found = service.sign_in
    heard = f"; last answer {_when(service.last_answer, zone)}" if service.last_answer else ""
    lines = []
    if found is not None:
        if found.missing is None:
            state = "signed in"
        elif found.used:
            state = found.missing
        else:
            state = f"not used ({found.missing})"
        lines.append(f"{name}: {state}{heard}")
    if service.pause is not None:
        lines.append(
            f"{name}: paused until {_when(service.pause.until, zone)} ({service.pause.why}); "
            f"`{service.lift}` lifts the pause if you know it is wrong"
        )
    return lines


def _daemon_lines(console: Console, report: Status, zone: ZoneInfo | None) -> None:
    daemon = report.daemon
    if daemon.running:
        pid = f" (pid {daemon.pid})" if daemon.pid else ""
        _line(console, f"Daemon: running{pid}")
        if report.next_run:
            _line(console, f"Next daemon run: {_when(report.next_run, zone)}")
    else:
        _line(console, "Daemon: not running (`runlift daemon --install` keeps one running)")
    if report.sync_running:
        _line(console, "A sync is running now.")
    last = report.last_sync
    if last is None:
        _line(console, "Last sync: never")
    else:
        detail = f" — {_short(last.message)}" if last.message else ""
        counts = ", ".join(f"{k} {v}" for k, v in sorted(last.counts.items()) if v)
        _line(
            console,
            f"Last sync: {_when(last.started_at, zone)}, {last.outcome}{detail}"
            + (f" ({counts})" if counts else ""),
        )
    for job in sorted(report.jobs, key=lambda j: j.name):
        outcome = "ok" if job.ok else "failed"
        when = _when(job.started, zone)
        _line(console, f"Daemon {job.name}: {when}, {outcome} — {_short(job.message)}")


def _show_sessions(console: Console, report: Status) -> None:
    """runlift's sessions on each target, one table a target."""
    from rich.table import Table

    for target in report.targets:
        sessions = [w for w in report.sessions if w.target == target]
        title = TITLES.get(target, target)
        if not sessions:
            console.print(f"No runlift sessions on the {title} calendar.")
            continue
        table = Table(title=f"runlift sessions on the {title} calendar", title_justify="left")
        for column in ("Day", "Session", "Workout id"):
            table.add_column(column)
        for workout in sessions:
            table.add_row(
                workout.day.strftime("%a %d %b"),
                workout.name or str(workout.key),
                workout.workout_ref,
            )
        console.print(table)


# What status calls runlift's own targets (a third party's is called by its name).
TITLES = {"garmin": "Garmin", "coros": "COROS"}


def _when(moment: datetime | None, zone: ZoneInfo | None) -> str:
    if moment is None:
        return "never"
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z").strip()


def _short(message: str) -> str:
    text = " ".join(message.split())
    return text if len(text) <= _MESSAGE_CHARS else text[: _MESSAGE_CHARS - 1] + "…"


def _line(console: Console, text: str) -> None:
    console.print(text, highlight=False, markup=False, soft_wrap=True)
