"""The athlete's Strava tokens, kept in one private file that is never half-written.

Strava hands out a new refresh token on every refresh and the old one stops working, so the
file is replaced atomically: the new tokens go to a temporary file in the same directory, are
flushed to disk, and only then renamed over the old file. A crash at any point leaves either
the old tokens or the new ones, never a broken file. The file is 0600 in a 0700 directory.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from runlift.sync import own_files, paths
from runlift.sync.errors import AuthRequired
from runlift.sync.files import write_own

SERVICE = "strava"
LOGIN_HINT = "run `runlift login strava`"


@dataclass(frozen=True)
class StravaTokens:
    access_token: str
    refresh_token: str
    # Epoch seconds when the access token expires.
    expires_at: int
    athlete_id: int | None = None
    scope: str = ""

    def __repr__(self) -> str:
        # Tokens are secrets: keep them out of tracebacks and debug output.
        return f"StravaTokens(athlete_id={self.athlete_id}, expires_at={self.expires_at})"


def token_file() -> Path:
    return paths.strava_token_file()


def load_tokens(path: Path | None = None) -> StravaTokens | None:
    """The saved tokens, or None when the athlete never signed in."""
    path = path or token_file()
    try:
        return own_files.read_json(path, _tokens, "Strava sign-in")
    except own_files.DamagedOwnFile as exc:
        raise AuthRequired(
            f"{path}: Strava tokens unreadable ({exc.reason}); {LOGIN_HINT}", service=SERVICE
        ) from None


def _tokens(value: Any) -> StravaTokens:
    raw = own_files.mapping(value)
    athlete = raw.get("athlete_id")
    return StravaTokens(
        access_token=_text(raw, "access_token"),
        refresh_token=_text(raw, "refresh_token"),
        expires_at=own_files.whole(raw.get("expires_at"), "expires_at"),
        athlete_id=None if athlete is None else own_files.whole(athlete, "athlete_id"),
        scope=own_files.text(raw.get("scope") or "", "scope"),
    )


def require_tokens(path: Path | None = None) -> StravaTokens:
    tokens = load_tokens(path)
    if tokens is None:
        raise AuthRequired(f"not signed in to Strava; {LOGIN_HINT}", service=SERVICE)
    return tokens


def save_tokens(
    tokens: StravaTokens,
    path: Path | None = None,
    *,
    replace: Callable[[str, Path], None] = os.replace,
) -> None:
    """Write ``tokens`` atomically (``replace`` is the final rename; tests make it fail)."""
    path = path or token_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.parent.chmod(0o700)
    write_own(path, json.dumps(asdict(tokens), indent=1), replace=replace)


def _text(raw: dict[str, Any], key: str) -> str:
    value = own_files.text(raw.get(key), key)
    if not value:
        raise own_files.ShapeError(f"{key} is empty")
    return value
