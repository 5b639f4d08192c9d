"""The Strava API application's client id and secret: environment first, then the config.

STRAVA_CLIENT_ID / STRAVA_CLIENT_SECRET (the names stravalib itself reads) or [strava]
client_id / client_secret. The secret is never printed or logged.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runlift.sync.errors import UserError

if TYPE_CHECKING:
    from runlift.sync.config import Config

ENV_ID = "STRAVA_CLIENT_ID"
ENV_SECRET = "STRAVA_CLIENT_SECRET"
API_SETTINGS = "https://www.strava.com/settings/api"
# Strava's secrets are 40 hexadecimal digits; anything printable without spaces is taken.
_SECRET = re.compile(r"[!-~]{1,200}")


@dataclass(frozen=True)
class AppCredentials:
    client_id: int
    client_secret: str

    def __repr__(self) -> str:
        return f"AppCredentials(client_id={self.client_id}, client_secret=[redacted])"


def app_credentials(config: Config) -> AppCredentials:
    raw_id = (os.environ.get(ENV_ID) or config.strava.client_id).strip()
    secret = (os.environ.get(ENV_SECRET) or config.strava.client_secret).strip()
    if not raw_id or not secret:
        missing = "client id" if not raw_id else "client secret"
        raise UserError(
            f"Strava {missing} missing: set {ENV_ID} and {ENV_SECRET} or strava.client_id and "
            f"strava.client_secret in {config.path or 'the config file'} "
            f"(your API application: {API_SETTINGS})"
        )
    if not raw_id.isdigit() or len(raw_id) > 18:
        source = ENV_ID if os.environ.get(ENV_ID) else f"{config.where()}strava.client_id"
        shown = raw_id if len(raw_id) <= 20 else raw_id[:17] + "..."
        raise UserError(f"{source} must be the application's number, not {shown!r}")
    client_id = int(raw_id)
    if not _SECRET.fullmatch(secret):
        source = (
            ENV_SECRET if os.environ.get(ENV_SECRET) else f"{config.where()}strava.client_secret"
        )
        raise UserError(
            f"{source} is not an API application's client secret (it holds spaces, control "
            f"characters or more than 200 characters); copy it again from {API_SETTINGS}"
        )
    return AppCredentials(client_id, secret)
