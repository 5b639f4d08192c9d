"""The COROS sign-in runlift keeps: one private file, replaced whole, never printed.

COROS hands out an access token and no refresh token. The file holds the token, the account's
user id (sent back in the ``yfheader`` header), the region and the API host it is good on; it is
0600 in a 0700 folder, written atomically like the Strava tokens. The password and its digest
are never stored.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from runlift.sync import paths
from runlift.sync.errors import AuthRequired
from runlift.sync.files import atomic_write

SERVICE = "coros"
LOGIN_HINT = "run `runlift login coros`"


@dataclass(frozen=True)
class CorosSession:
    access_token: str
    user_id: str
    region: str
    base_url: str
    # ISO time of the sign-in; COROS publishes no lifetime for its tokens.
    signed_in: str = ""

    def __repr__(self) -> str:
        # The token is a secret: keep it out of tracebacks and debug output.
        return f"CorosSession(user_id={self.user_id!r}, region={self.region!r})"


def session_file() -> Path:
    folder = paths.data_dir() / "coros"
    folder.mkdir(exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    return folder / "session.json"


def load_session(path: Path | None = None) -> CorosSession | None:
    """The saved sign-in, or None when the athlete never signed in to COROS."""
    path = path or session_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return CorosSession(
            access_token=_text(raw, "access_token"),
            user_id=_text(raw, "user_id"),
            region=_text(raw, "region"),
            base_url=_text(raw, "base_url"),
            signed_in=str(raw.get("signed_in") or ""),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise AuthRequired(
            f"{path}: the COROS sign-in is unreadable; {LOGIN_HINT}", service=SERVICE
        ) from None


def require_session(path: Path | None = None) -> CorosSession:
    session = load_session(path)
    if session is None:
        raise AuthRequired(f"not signed in to COROS; {LOGIN_HINT}", service=SERVICE)
    return session


def end_session(access_token: str, path: Path | None = None) -> None:
    """COROS no longer accepts ``access_token`` (a sign-in elsewhere ends it for good): forget
    the saved sign-in if it is still that one, so later commands ask for a login without
    sending a request. A newer sign-in saved meanwhile is kept."""
    path = path or session_file()
    try:
        saved = load_session(path)
    except AuthRequired:
        return
    if saved is not None and saved.access_token == access_token:
        path.unlink(missing_ok=True)


def save_session(session: CorosSession, path: Path | None = None) -> Path:
    path = path or session_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.parent.chmod(0o700)
    atomic_write(path, json.dumps(asdict(session), indent=1))
    return path


def _text(raw: dict[str, object], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value:
        raise ValueError(key)
    return value
