"""Options and parsers shared by several commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from runlift.sync.cli import output
from runlift.sync.errors import UserError

if TYPE_CHECKING:
    from runlift.sync.config import Config

# Every option declares the words its help shows for its value (metavar): DATE, N, FILE, ...
# Numbers and choices are taken as text and read by the parsers below, so a wrong value gets
# runlift's own line ("--weeks 13: not a whole number from 1 to 12"), not a library's.
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Config file (TOML). Default: the user's runlift config, if any.",
    ),
]
StartOption = Annotated[
    str | None,
    typer.Option("--start", metavar="DATE", help="First day, YYYY-MM-DD. Default: today."),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        metavar="NAME",
        help="Where the runs come from: garmin, ics, config, strava, intervals or an "
        "installed provider. Default: plan.source.",
    ),
]
RunsOption = Annotated[
    str | None,
    typer.Option(
        "--runs",
        metavar="FILE|URL",
        help="An .ics file or http(s)/webcal URL of the running plan (source ics).",
    ),
]
IcsOption = Annotated[
    Path | None,
    typer.Option(
        "--ics", metavar="FILE", help="Also write the planned sessions as an iCalendar file."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Print only errors, warnings and what --json asks for."),
]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Say more about what is done.")
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


def parse_whole_number(option: str, value: str, low: int, high: int) -> int:
    """``value`` as a whole number from ``low`` to ``high``, else one line naming ``option``."""
    try:
        number = int(value) if len(value) <= 12 else None
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise UserError(f"{option} {value!r}: not a whole number from {low} to {high}")
    return number


def parse_choice(option: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise UserError(f"{option} {value!r}: not one of {', '.join(choices)}")
    return value


def parse_start(value: str | None, today: date) -> date:
    return today if value is None else parse_date("--start", value)


def read_config(path: Path | None) -> Config:
    """The config, its warnings printed one line each on stderr."""
    from runlift.sync.config import load_config

    config = load_config(path)
    for warning in config.warnings:
        output.warn(warning)
    return config
