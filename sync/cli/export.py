"""`runlift export`: the coming week's strength sessions as FIT workout files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from runlift.sync.cli.app import app
from runlift.sync.cli.options import ConfigOption, StartOption, parse_start, read_config
from runlift.sync.cli.plan import default_start


class UnitChoice(StrEnum):
    kg = "kg"
    lb = "lb"


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder for the .fit files.")] = Path("."),
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=12, help="Weeks to export.")] = 1,
    start: StartOption = None,
    units: Annotated[
        UnitChoice | None, typer.Option("--units", help="Show loads in kg or lb.")
    ] = None,
    no_bar: Annotated[
        bool, typer.Option("--no-bar", help="No bar to hang from: boat pose replaces leg raises.")
    ] = False,
    watch: Annotated[
        Path | None,
        typer.Option("--watch", help="A mounted Garmin watch: also copy into GARMIN/NewFiles."),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where the runs come from (see `plan`).")
    ] = None,
    runs: Annotated[
        str | None, typer.Option("--runs", help="An .ics file or URL of the running plan.")
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Place the sessions around the built-in sample plan.")
    ] = False,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", help="Also write the sessions as an iCalendar file."),
    ] = None,
    config_path: ConfigOption = None,
) -> None:
    """Write the coming week's strength sessions as .fit workout files."""
    from runlift.sync import clock
    from runlift.sync.cli.exporting import export_sessions
    from runlift.sync.fit_export import check_distinct, check_out_dir, watch_new_files_dir
    from runlift.sync.ics_file import IcsTarget

    config = read_config(config_path)
    check_out_dir(out)
    calendar_file = IcsTarget(ics) if ics is not None else None
    new_files = watch_new_files_dir(watch) if watch is not None else None
    if new_files is not None:
        check_distinct(out, new_files)
    today = clock.today(config.zone())
    first_day = parse_start(start, default_start("demo" if demo else "", today))
    export_sessions(
        config,
        out=out,
        start=first_day,
        weeks=weeks,
        units=units.value if units else None,
        no_bar=no_bar,
        new_files=new_files,
        source=source,
        runs=runs,
        demo=demo,
        created=clock.now(),
        calendar_file=calendar_file,
    )
