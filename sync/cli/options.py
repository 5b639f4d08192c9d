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


def parse_date(option: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} {value!r}: not a date (YYYY-MM-DD)") from None


def parse_start(value: str | None, today: date) -> date:
    return today if value is None else parse_date("--start", value)


def read_config(path: Path | None) -> Config:
    return load_config(path)
