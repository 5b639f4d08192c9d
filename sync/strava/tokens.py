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

from runlift.sync import paths
from runlift.sync.errors import AuthRequired
from runlift.sync.files import atomic_write

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
        raw = json.loads(path.read_text(encoding="utf-8"))
        return StravaTokens(
            access_token=_text(raw, "access_token"),
            refresh_token=_text(raw, "refresh_token"),
            expires_at=int(raw["expires_at"]),
            athlete_id=int(raw["athlete_id"]) if raw.get("athlete_id") is not None else None,
            scope=str(raw.get("scope") or ""),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        raise AuthRequired(
            f"{path}: Strava tokens unreadable; {LOGIN_HINT}", service=SERVICE
        ) from None


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
    atomic_write(path, json.dumps(asdict(tokens), indent=1), replace=replace)


def _text(raw: dict[str, object], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value:
        raise ValueError(key)
    return value
