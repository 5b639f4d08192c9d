"""Options and parsers shared by several commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from runlift.sync.config import Config, load_config
from runlift.sync.errors import UserError

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Config file (TOML). Default: the user's runlift config, if any."
    ),
]
StartOption = Annotated[
    str | None, typer.Option("--start", help="First day, YYYY-MM-DD. Default: today.")
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        help="Where the runs come from: garmin, ics, config, strava, intervals or an "
        "installed provider. Default: plan.source.",
    ),
]


# Dates runlift plans around: far enough either way for any runner, and room left for the
# weeks added and taken around a window (9999-12-31 + 1 day does not exist).
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2999, 12, 31)


def parse_date(option: str, value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} {value!r}: not a date (YYYY-MM-DD)") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise UserError(f"{option} {value}: out of range ({FIRST_DATE} to {LAST_DATE})")
    return day


def parse_start(value: str | None, today: date) -> date:
    return today if value is None else parse_date("--start", value)


def read_config(path: Path | None) -> Config:
    """The config, its warnings printed one line each on stderr."""
    config = load_config(path)
    for warning in config.warnings:
        typer.echo(f"runlift: warning: {' '.join(warning.split())}", err=True)
    return config
