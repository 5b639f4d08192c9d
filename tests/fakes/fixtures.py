"""pytest fixtures for the fake servers (registered in tests/conftest.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.coros import FakeCoros
from tests.fakes.garmin import FakeGarmin
from tests.fakes.hooks import point_garmin_at, redirect_garmin, redirect_strava
from tests.fakes.http import FakeServer, FakeService
from tests.fakes.intervals import FakeIntervals
from tests.fakes.strava import FakeStrava


def assert_no_fake_bug(service: FakeService) -> None:
    """A handler error other than a client that hung up is a bug in the fake, which the client
    only saw as a closed connection (the server records it instead of printing it)."""
    bugs = [e for e in service.server_errors if not isinstance(e, ConnectionError)]
    assert not bugs, f"the fake server failed: {bugs!r}"


@pytest.fixture
def runlift_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """RUNLIFT_HOME in a temp dir: config, state and tokens of this test only."""
    home = tmp_path / "runlift-home"
    home.mkdir()
    monkeypatch.setenv("RUNLIFT_HOME", str(home))
    monkeypatch.delenv("GARMINTOKENS", raising=False)
    monkeypatch.delenv("STRAVA_CLIENT_ID", raising=False)
    monkeypatch.delenv("STRAVA_CLIENT_SECRET", raising=False)
    monkeypatch.delenv("INTERVALS_API_KEY", raising=False)
    monkeypatch.delenv("INTERVALS_ATHLETE_ID", raising=False)
    monkeypatch.setenv("SILENCE_TOKEN_WARNINGS", "1")
    return home


def served[S: FakeService](service: S) -> Iterator[S]:
    """``service`` on a started server for one test; its handler bugs fail the test."""
    server = FakeServer(service).start()
    try:
        yield service
    finally:
        server.stop()
    assert_no_fake_bug(service)


@pytest.fixture
def fake_garmin() -> Iterator[FakeGarmin]:
    yield from served(FakeGarmin())


@pytest.fixture
def fake_strava() -> Iterator[FakeStrava]:
    yield from served(FakeStrava())


@pytest.fixture
def fake_intervals() -> Iterator[FakeIntervals]:
    yield from served(FakeIntervals())


@pytest.fixture
def fake_coros() -> Iterator[FakeCoros]:
    yield from served(FakeCoros())


@pytest.fixture
def garmin_redirect(fake_garmin: FakeGarmin, monkeypatch: pytest.MonkeyPatch) -> FakeGarmin:
    """Every garminconnect.Garmin built in the test talks to the fake."""
    redirect_garmin(monkeypatch, fake_garmin.url)
    return fake_garmin


@pytest.fixture
def strava_redirect(fake_strava: FakeStrava, monkeypatch: pytest.MonkeyPatch) -> FakeStrava:
    """Every stravalib client built in the test talks to the fake."""
    redirect_strava(monkeypatch, fake_strava.url)
    return fake_strava


@pytest.fixture
def strava_history(
    runlift_home: Path, strava_redirect: FakeStrava, monkeypatch: pytest.MonkeyPatch
) -> FakeStrava:
    """The fake Strava with the real history, and the app's credentials in the environment."""
    monkeypatch.setenv("STRAVA_CLIENT_ID", strava_redirect.client_id)
    monkeypatch.setenv("STRAVA_CLIENT_SECRET", strava_redirect.client_secret)
    strava_redirect.use_history()
    return strava_redirect


def garmin_client(fake: FakeGarmin, tokenstore: Path | None = None) -> Any:
    """A real garminconnect.Garmin, pointed at the fake and signed in with tokens it issued."""
    import garminconnect

    garmin = point_garmin_at(garminconnect.Garmin(), fake.url)
    if tokenstore is None:
        garmin.login(tokenstore=json.dumps(fake.issue_tokens()))
    else:
        fake.write_tokenstore(tokenstore)
        garmin.login(tokenstore=str(tokenstore))
    return garmin


def strava_client(fake: FakeStrava, **kwargs: Any) -> Any:
    """A real stravalib.Client on a session pointed at the fake, with tokens it issued."""
    import requests
    from stravalib import Client

    from tests.fakes.hooks import point_strava_session_at

    tokens = fake.issue_tokens()
    session = point_strava_session_at(requests.Session(), fake.url)
    client = Client(
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        token_expires=tokens["expires_at"],
        requests_session=session,
        rate_limit_requests=False,
        **kwargs,
    )
    client.protocol.client_id = int(fake.client_id)
    client.protocol.client_secret = fake.client_secret
    return client
