"""`runlift export`: the coming week's strength sessions as FIT workout files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import (
    ConfigOption,
    JsonOption,
    QuietOption,
    RunsOption,
    SourceOption,
    StartOption,
    VerboseOption,
    parse_choice,
    parse_start,
    parse_whole_number,
    read_config,
)
from runlift.sync.cli.plan import default_start

MAX_WEEKS = 12


@app.command()
def export(
    out: Annotated[
        Path, typer.Option("--out", metavar="FOLDER", help="Folder for the .fit files.")
    ] = Path("."),
    weeks: Annotated[
        str, typer.Option("--weeks", metavar="N", help=f"Weeks to export, 1-{MAX_WEEKS}.")
    ] = "1",
    start: StartOption = None,
    units: Annotated[
        str | None,
        typer.Option("--units", metavar="kg|lb", help="Loads in kg or lb. Default: units."),
    ] = None,
    no_bar: Annotated[
        bool, typer.Option("--no-bar", help="No bar to hang from: boat pose replaces leg raises.")
    ] = False,
    watch: Annotated[
        Path | None,
        typer.Option(
            "--watch",
            metavar="FOLDER",
            help="A mounted Garmin watch (or its GARMIN folder): also copy into GARMIN/NewFiles.",
        ),
    ] = None,
    source: SourceOption = None,
    runs: RunsOption = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Place the sessions around the built-in sample plan.")
    ] = False,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", metavar="FILE", help="Also write the sessions as an iCalendar file."),
    ] = None,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    config_path: ConfigOption = None,
) -> None:
    """Write the coming week's strength sessions as .fit workout files."""
    from runlift.sync import clock
    from runlift.sync.cli import output
    from runlift.sync.cli.exporting import export_json, export_sessions, show
    from runlift.sync.fit_export import check_distinct, check_out_dir, watch_new_files_dir
    from runlift.sync.ics_file import IcsTarget

    output.set_verbosity(quiet=quiet, verbose=verbose)
    count = parse_whole_number("--weeks", weeks, 1, MAX_WEEKS)
    unit = parse_choice("--units", units, ("kg", "lb")) if units is not None else None
    config = read_config(config_path)
    check_out_dir(out)
    calendar_file = IcsTarget(ics) if ics is not None else None
    new_files = watch_new_files_dir(watch) if watch is not None else None
    if new_files is not None:
        check_distinct(out, new_files)
    today = clock.today(config.zone())
    first_day = parse_start(start, default_start("demo" if demo else "", today))
    result = export_sessions(
        config,
        out=out,
        start=first_day,
        weeks=count,
        units=unit,
        no_bar=no_bar,
        new_files=new_files,
        source=source,
        runs=runs,
        demo=demo,
        created=clock.now(),
        calendar_file=calendar_file,
    )
    if as_json:
        output.json_out(export_json(result))
    elif output.verbosity() > output.Verbosity.QUIET:
        show(result, output.data())
    if not result.files:
        output.say("No day in this window can take a strength session (see `runlift plan`).")
    for path in result.copied:
        output.say(f"Copied to the watch: {path}")
    if result.calendar is not None:
        output.say(result.calendar.summary().capitalize())
