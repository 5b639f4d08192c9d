"""`runlift status`: the last run, the next, any cool-off, and the sessions on the calendar."""

from __future__ import annotations

from runlift.sync.cli.app import app
from runlift.sync.cli.options import ConfigOption, read_config


@app.command()
def status(config_path: ConfigOption = None) -> None:
    """Show the last sync, the next scheduled run, cool-offs and the sessions on the calendar."""
    from rich.table import Table

    from runlift.sync import clock, paths
    from runlift.sync.status import read_status

    config = read_config(config_path)
    now = clock.now()
    report = read_status(config, now, clock.today(config.zone()))
    from runlift.sync.cli import output

    console = output.data()
    config_file = config_path or paths.config_file()
    missing = "" if config_file.exists() else " (not there: the defaults apply)"
    for line in (f"Config: {config_file}{missing}", f"Data: {paths.data_dir(create=False)}"):
        console.print(line, highlight=False, markup=False, soft_wrap=True)
    last = report.last_sync
    if last is None:
        console.print("Last sync: never")
    else:
        when = last.started_at.astimezone(config.zone()).strftime("%Y-%m-%d %H:%M")
        detail = f" — {last.message}" if last.message else ""
        counts = ", ".join(f"{k} {v}" for k, v in sorted(last.counts.items()) if v)
        console.print(
            f"Last sync: {when}, {last.outcome}{detail}" + (f" ({counts})" if counts else "")
        )
    for job in sorted(report.jobs, key=lambda j: j.name):
        when = job.started.strftime("%Y-%m-%d %H:%M")
        console.print(f"Daemon {job.name}: {when}, {'ok' if job.ok else 'failed'} — {job.message}")
    if report.next_run:
        console.print(f"Next daemon run: {report.next_run:%Y-%m-%d %H:%M %Z}")
    for service, until in sorted(report.cooloffs.items()):
        local = until.astimezone(config.zone()).strftime("%Y-%m-%d %H:%M")
        console.print(f"{service}: rate-limited, no calls until {local}")
    table = Table(title="runlift sessions on the Garmin calendar", title_justify="left")
    for column in ("Day", "Session", "Workout id"):
        table.add_column(column)
    for workout in report.sessions:
        table.add_row(
            workout.day.strftime("%a %d %b"), workout.name or workout.key, str(workout.workout_id)
        )
    console.print(table if report.sessions else "No runlift sessions on the calendar.")
