"""A stravalib Client for one sequence of calls, with tokens kept current on disk.

The client goes through runlift's StravaHttp session (timeouts, read budget, 429 handling), has
stravalib's own sleeping rate limiter turned off, and carries the app's client id and secret so
stravalib refreshes an expired access token by itself. Strava rotates the refresh token on every
refresh and the old one stops working at once, so the new tokens are written to disk the moment
the refresh answer arrives (a requests response hook), and checked again when the sequence ends.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests

from runlift.sync import clock, logs
from runlift.sync.errors import AuthRequired, UserError
from runlift.sync.strava.budget import ReadBudget
from runlift.sync.strava.credentials import AppCredentials, app_credentials
from runlift.sync.strava.http import StravaHttp
from runlift.sync.strava.tokens import (
    LOGIN_HINT,
    StravaTokens,
    require_tokens,
    save_tokens,
    token_file,
)

if TYPE_CHECKING:
    from stravalib import Client

    from runlift.sync.config import Config

TOKEN_PATH = "/oauth/token"


def make_http(config: Config) -> StravaHttp:
    budget = ReadBudget(config.strava.reads_per_15min, config.strava.reads_per_day)
    return StravaHttp(budget, timeout_s=config.strava.timeout_seconds)


def new_client(http: requests.Session, tokens: StravaTokens | None = None) -> Client:
    """A stravalib Client on ``http`` without stravalib's sleeping limiter."""
    # stravalib warns through the root logger when the app credentials are not in its own
    # environment variables; runlift hands them over itself.
    os.environ.setdefault("SILENCE_TOKEN_WARNINGS", "1")
    from stravalib import Client

    client = Client(rate_limit_requests=False, requests_session=http)
    if tokens is not None:
        client.access_token = tokens.access_token
        client.refresh_token = tokens.refresh_token
        client.token_expires = tokens.expires_at
    return client


class StravaConnection:
    """Opens client sessions for the signed-in athlete; the tokens live in ``token_path``."""

    def __init__(
        self,
        http: StravaHttp,
        credentials: AppCredentials | None,
        token_path: Path | None = None,
    ) -> None:
        self.http = http
        self.credentials = credentials
        self.token_path = token_path or token_file()

    @classmethod
    def from_config(cls, config: Config, http: StravaHttp | None = None) -> StravaConnection:
        try:
            credentials: AppCredentials | None = app_credentials(config)
        except UserError:
            # Without them an unexpired access token still works; refreshing needs them.
            credentials = None
        return cls(http or make_http(config), credentials)

    @contextmanager
    def client(self) -> Iterator[Client]:
        tokens = require_tokens(self.token_path)
        if self.credentials is None and tokens.expires_at <= clock.now().timestamp():
            raise UserError(
                "the Strava access token has expired and refreshing it needs the app's client "
                "id and secret: set STRAVA_CLIENT_ID and STRAVA_CLIENT_SECRET or strava.client_id "
                "and strava.client_secret"
            )
        logs.SECRETS.add([tokens.access_token, tokens.refresh_token])
        client = new_client(self.http, tokens)
        if self.credentials is not None:
            logs.SECRETS.add([self.credentials.client_secret])
            client.protocol.client_id = self.credentials.client_id
            client.protocol.client_secret = self.credentials.client_secret
        saved = [tokens]

        def keep_rotated(response: requests.Response, *args: Any, **kwargs: Any) -> None:
            if TOKEN_PATH in response.url and response.status_code == 200:
                saved[0] = _rotated(saved[0], response.json())
                logs.SECRETS.add([saved[0].access_token, saved[0].refresh_token])
                save_tokens(saved[0], self.token_path)

        self.http.hooks["response"].append(keep_rotated)
        try:
            yield client
        except Exception as error:
            translated = _translated(error)
            if translated is error:
                raise
            raise translated from None
        finally:
            self.http.hooks["response"].remove(keep_rotated)
            current = _from_client(client, saved[0])
            if current != saved[0]:
                save_tokens(current, self.token_path)


def _rotated(tokens: StravaTokens, answer: dict[str, Any]) -> StravaTokens:
    return replace(
        tokens,
        access_token=str(answer["access_token"]),
        refresh_token=str(answer["refresh_token"]),
        expires_at=int(answer["expires_at"]),
    )


def _from_client(client: Client, tokens: StravaTokens) -> StravaTokens:
    if not client.access_token or not client.refresh_token or client.token_expires is None:
        return tokens
    return replace(
        tokens,
        access_token=client.access_token,
        refresh_token=client.refresh_token,
        expires_at=int(client.token_expires),
    )


def _translated(error: Exception) -> Exception:
    """stravalib's errors as one-line runlift errors; anything else unchanged."""
    from stravalib import exc

    if not isinstance(error, exc.Fault):
        return error
    response = error.response
    if response is not None and TOKEN_PATH in response.url:
        return AuthRequired(
            f"Strava refused to refresh the sign-in ({response.status_code}); {LOGIN_HINT}"
        )
    if isinstance(error, exc.AccessUnauthorized):
        return AuthRequired(f"Strava refused the sign-in (expired or revoked); {LOGIN_HINT}")
    if isinstance(error, exc.ApplicationInactive):
        return UserError(
            "Strava refuses every request: the API application is inactive (its owner needs "
            "a Strava subscription; see https://www.strava.com/settings/api)"
        )
    status = response.status_code if response is not None else "an error"
    return UserError(f"Strava answered {status}: {_first_line(str(error))}")


def _first_line(text: str) -> str:
    return " ".join(text.split())[:200]
