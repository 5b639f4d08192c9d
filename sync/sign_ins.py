"""Whether runlift is signed in to each service, from local files only (no request is sent).

Each check answers None when the saved sign-in is there and readable, else what is missing
and which command helps ("not signed in: run `runlift login garmin`"); ``explain`` puts the
service's name in front. `runlift status` shows them; the daemon checks them
at start and before each job, so a sign-in made while it runs is used at its next slot.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from runlift.sync import paths
from runlift.sync.config import Config
from runlift.sync.errors import UserError, service_name

GARMIN, STRAVA, INTERVALS, COROS = "garmin", "strava", "intervals.icu", "coros"


@dataclass(frozen=True)
class SignIn:
    service: str
    # None when signed in; else what is missing, with the command that helps.
    missing: str | None
    # Whether the config uses the service (a target in sync.targets, or the runs source).
    used: bool

    @property
    def ok(self) -> bool:
        return self.missing is None


def garmin() -> str | None:
    store = paths.data_dir(create=False) / "garmin" / "garmin_tokens.json"
    try:
        tokens = json.loads(store.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "not signed in: run `runlift login garmin`"
    except (OSError, ValueError):
        tokens = None
    if not isinstance(tokens, dict) or not all(
        isinstance(tokens.get(key), str) and tokens[key] for key in ("di_token", "di_refresh_token")
    ):
        return f"the saved sign-in in {store} cannot be read: run `runlift login garmin`"
    return None


def coros() -> str | None:
    from runlift.sync.targets.coros.session import load_session

    try:
        session = load_session(paths.data_dir(create=False) / "coros" / "session.json")
    except UserError as exc:
        return str(exc)
    return None if session else "not signed in: run `runlift login coros`"


def strava() -> str | None:
    from runlift.sync.strava.tokens import load_tokens

    try:
        tokens = load_tokens(paths.data_dir(create=False) / "strava_tokens.json")
    except UserError as exc:
        return str(exc)
    return None if tokens else "not signed in: run `runlift login strava`"


def intervals(config: Config) -> str | None:
    from runlift.sync.intervals.credentials import ENV_KEY, credentials

    if not (os.environ.get(ENV_KEY) or config.intervals.api_key).strip():
        return f"no API key: set {ENV_KEY} or intervals.api_key"
    try:
        credentials(config)
    except UserError as exc:
        return str(exc)
    return None


def check(service: str, config: Config) -> str | None:
    if service == GARMIN:
        return garmin()
    if service == STRAVA:
        return strava()
    if service == INTERVALS:
        return intervals(config)
    if service == COROS:
        return coros()
    return None


def explain(service: str, problem: str) -> str:
    return f"{service_name(service)}: {problem}"


def stamp(service: str) -> tuple[int, int] | None:
    """When the saved sign-in last changed (a new `runlift login`), None when there is none."""
    data = paths.data_dir(create=False)
    files = {
        GARMIN: data / "garmin" / "garmin_tokens.json",
        STRAVA: data / "strava_tokens.json",
        COROS: data / "coros" / "session.json",
    }
    path = files.get(service)
    try:
        found = path.stat() if path is not None else None
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size) if found else None


def all_sign_ins(config: Config) -> list[SignIn]:
    source = config.plan.source
    strava_app = bool(os.environ.get("STRAVA_CLIENT_ID") or config.strava.client_id)
    intervals_key = bool(os.environ.get("INTERVALS_API_KEY") or config.intervals.api_key)
    strava_missing = strava()
    coros_missing = coros()
    targets = config.sync.targets
    found = [
        SignIn(GARMIN, garmin(), GARMIN in targets or source == "garmin"),
        SignIn(STRAVA, strava_missing, source == "strava" or strava_app or not strava_missing),
        SignIn(INTERVALS, intervals(config), source == "intervals" or intervals_key),
    ]
    if COROS in targets or not coros_missing:
        found.append(SignIn(COROS, coros_missing, COROS in targets))
    return found
