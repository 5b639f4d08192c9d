"""Where runlift keeps its files: platformdirs locations, overridable with RUNLIFT_HOME."""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs

from runlift.sync.errors import UserError

APP = "runlift"
LOCK_NAME = "runlift.lock"


def _home() -> Path | None:
    home = os.environ.get("RUNLIFT_HOME")
    return Path(home) if home else None


def config_file() -> Path:
    home = _home()
    base = home if home else Path(platformdirs.user_config_dir(APP))
    return base / "config.toml"


def data_dir(create: bool = True) -> Path:
    """The private data directory (state database, tokens); created 0700."""
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP))
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.chmod(0o700)
        except OSError as exc:
            raise UserError(f"{path}: cannot be runlift's data folder ({exc.strerror})") from None
    return path


def state_db() -> Path:
    return data_dir() / "state.sqlite3"


def garmin_token_dir() -> Path:
    """The Garmin Connect token store's folder, created 0700; never a link (runlift would
    chmod and write into whatever folder it names)."""
    path = data_dir() / "garmin"
    if path.is_symlink():
        raise UserError(
            f"{path}: is a link; runlift keeps its Garmin Connect sign-in there and does not "
            "follow links for its own files: move it away and run `runlift login garmin`"
        )
    try:
        path.mkdir(exist_ok=True, mode=0o700)
        path.chmod(0o700)
    except OSError as exc:
        raise UserError(f"{path}: cannot be runlift's sign-in folder ({exc.strerror})") from None
    return path


def plugin_dir(name: str) -> Path:
    """A plugin's own private folder (its sign-in, its cache), 0700 in the data folder."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", name) or ".." in name:
        raise UserError(f"{name!r} cannot name a plugin's folder (letters, digits, _ . -)")
    path = data_dir() / "plugins" / name
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.parent.chmod(0o700)
    path.chmod(0o700)
    return path


def strava_token_file() -> Path:
    return data_dir() / "strava_tokens.json"


def lock_file() -> Path:
    return data_dir() / LOCK_NAME
