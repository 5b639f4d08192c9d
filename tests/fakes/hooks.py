"""THE one place that reaches into the clients' private plumbing to point them at the fakes.

garminconnect (pinned to 0.3.20 in pyproject.toml) has no public base-URL option: its API host and
DI token URL are private attributes of ``Garmin.client``. stravalib hard-codes https://www.strava.com,
so a URL-rewriting transport adapter is mounted on its requests session. Everything else in the
clients runs as shipped, and every request crosses a real loopback socket.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter

STRAVA_ORIGIN = "https://www.strava.com"
# Garmin's real back-off waits seconds between retried reads; the fakes answer at once.
FAST_RETRY_S = 0.01


def point_garmin_at(garmin: Any, base_url: str) -> Any:
    garmin.client._connectapi = base_url
    garmin.client._di_token_url = f"{base_url}/di-oauth2-service/oauth/token"
    garmin.retry_min_wait = FAST_RETRY_S
    garmin.retry_max_wait = FAST_RETRY_S
    return garmin


class RewritingAdapter(HTTPAdapter):
    """Sends requests for ``origin`` to ``target`` instead (same path and query)."""

    def __init__(self, origin: str, target: str) -> None:
        super().__init__()
        self.origin, self.target = origin, target

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if request.url and request.url.startswith(self.origin):
            request.url = self.target + request.url[len(self.origin) :]
        return super().send(request, *args, **kwargs)


def point_strava_session_at(session: requests.Session, base_url: str) -> requests.Session:
    session.mount(STRAVA_ORIGIN, RewritingAdapter(STRAVA_ORIGIN, base_url))
    return session


def redirect_garmin(monkeypatch: pytest.MonkeyPatch, base_url: str) -> None:
    """Every ``garminconnect.Garmin`` built while the test runs talks to ``base_url``."""
    import garminconnect

    original = garminconnect.Garmin.__init__

    @functools.wraps(original)
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        point_garmin_at(self, base_url)

    monkeypatch.setattr(garminconnect.Garmin, "__init__", init)


def redirect_strava(monkeypatch: pytest.MonkeyPatch, base_url: str) -> None:
    """Every stravalib protocol object built while the test runs talks to ``base_url``."""
    from stravalib import protocol

    original = protocol.ApiV3.__init__

    @functools.wraps(original)
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        point_strava_session_at(self.rsession, base_url)

    monkeypatch.setattr(protocol.ApiV3, "__init__", init)
