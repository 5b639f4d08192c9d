"""A stravalib Client for one sequence of calls, with tokens kept current on disk.

The client goes through runlift's StravaHttp session (timeouts, read budget, 429 handling), has
stravalib's own sleeping rate limiter turned off, and carries the app's client id and secret so
stravalib refreshes an expired access token by itself. runlift refreshes first when less than
REFRESH_MARGIN_S remain, so clock skew or a slow request never turns into a 401 (Strava hands
out a new access token in the last hour). Strava rotates the refresh token on every refresh and
the old one stops working at once, so the new tokens are written to disk the moment the refresh
answer arrives (a requests response hook), and checked again when the sequence ends.

stravalib's errors become one line that says what to do: sign in again only when that helps
(a revoked sign-in, a missing permission), never for an inactive API application, a wrong client
secret, a rate limit or a server error.
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
from runlift.sync.strava.credentials import API_SETTINGS, AppCredentials, app_credentials
from runlift.sync.strava.http import StravaHttp
from runlift.sync.strava.tokens import (
    LOGIN_HINT,
    SERVICE,
    StravaTokens,
    require_tokens,
    save_tokens,
    token_file,
)

if TYPE_CHECKING:
    from stravalib import Client

    from runlift.sync.config import Config

TOKEN_PATH = "/oauth/token"
REFRESH_MARGIN_S = 300
# Names of the permissions Strava reports missing ("activity:read_permission") as the athlete
# sees them on Strava's authorization page.
PERMISSION_LABELS = {
    "activity:read": "View data about your activities",
    "activity:read_all": "View data about your private activities",
}


class StravaAppInactive(UserError):
    """Strava refuses every call of an API application whose owner's access lapsed."""


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
                try:
                    rotated = _rotated(saved[0], response.json())
                except (ValueError, KeyError, TypeError):
                    return  # StravaHttp reports the broken answer in one line
                saved[0] = rotated
                logs.SECRETS.add([saved[0].access_token, saved[0].refresh_token])
                save_tokens(saved[0], self.token_path)

        self.http.hooks["response"].append(keep_rotated)
        try:
            if self.credentials is not None and tokens.expires_at - clock.now().timestamp() < (
                REFRESH_MARGIN_S
            ):
                client.refresh_access_token(
                    client_id=self.credentials.client_id,
                    client_secret=self.credentials.client_secret,
                    refresh_token=tokens.refresh_token,
                )
            yield client
        except Exception as error:
            translated = translated_error(error)
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


def translated_error(error: Exception) -> Exception:
    """stravalib's errors as one-line runlift errors; anything else unchanged."""
    from stravalib import exc

    if not isinstance(error, exc.Fault):
        return error
    response = error.response
    status = response.status_code if response is not None else "an error"
    faults = _faults(response)
    if isinstance(error, exc.ApplicationInactive) or ("Application", "Status", "Inactive") in (
        faults
    ):
        return StravaAppInactive(
            "Strava refuses every request of your API application: it is inactive on Strava's "
            "side (Strava deactivates an application whose owner has no Strava subscription). "
            "Subscribe with the Strava account that owns it and reactivate it at "
            f"{API_SETTINGS}, or use another source of runs; signing in again does not help"
        )
    if response is not None and TOKEN_PATH in response.url:
        if any(resource == "Application" for resource, _, _ in faults):
            return UserError(
                f"Strava does not accept the API application's client id or secret ({status}): "
                f"check STRAVA_CLIENT_ID / STRAVA_CLIENT_SECRET or strava.client_id / "
                f"strava.client_secret against {API_SETTINGS}"
            )
        if status in (400, 401):
            return AuthRequired(
                f"Strava no longer accepts runlift's sign-in (the refresh token was revoked or "
                f"replaced); {LOGIN_HINT}",
                service=SERVICE,
            )
        return UserError(f"Strava refused to refresh the sign-in ({status}); try again later")
    if isinstance(error, exc.AccessUnauthorized):
        missing = [f for _, f, code in faults if code == "missing" and f.endswith("_permission")]
        if missing:
            permission = missing[0].removesuffix("_permission")
            label = PERMISSION_LABELS.get(permission, permission)
            return AuthRequired(
                f"the Strava sign-in lacks the {permission} permission ('{label}'); "
                f"{LOGIN_HINT} and keep it checked",
                service=SERVICE,
            )
        return AuthRequired(
            f"Strava refused the sign-in (expired or revoked); {LOGIN_HINT}", service=SERVICE
        )
    return UserError(f"Strava answered {status}: {_first_line(str(error))}")


def _faults(response: requests.Response | None) -> list[tuple[str, str, str]]:
    """The (resource, field, code) triples of a Strava error body."""
    if response is None:
        return []
    try:
        errors = response.json().get("errors")
    except (ValueError, AttributeError):
        return []
    if isinstance(errors, dict):
        errors = [errors]
    if not isinstance(errors, list):
        return []
    return [
        (str(e.get("resource", "")), str(e.get("field", "")), str(e.get("code", "")))
        for e in errors
        if isinstance(e, dict)
    ]


def _first_line(text: str) -> str:
    return " ".join(text.split())[:200]
