"""The fake Strava answers the real stravalib client as Strava does."""

import time
from datetime import datetime

import pytest
from stravalib import exc

from tests.fakes.fixtures import strava_client
from tests.fakes.strava import load_history


def test_history_pages_and_before_after_filters(fake_strava) -> None:
    fake_strava.use_history()
    client = strava_client(fake_strava)
    everything = list(client.get_activities())
    assert len(everything) == len(load_history())
    # stravalib asks 200 a page and stops at a short page.
    assert fake_strava.log.count("GET", "athlete/activities") == len(everything) // 200 + 1
    recent = list(client.get_activities(after=datetime(2025, 9, 1)))
    assert recent and all(a.start_date >= datetime(2025, 9, 1).astimezone() for a in recent)
    older = list(client.get_activities(before=datetime(2017, 12, 31), limit=5))
    assert len(older) <= 5 and all(a.start_date.year <= 2017 for a in older)


def test_rate_limit_headers_on_every_answer_and_the_real_429(fake_strava) -> None:
    fake_strava.add_activity(start_date="2026-11-20T06:00:00Z")
    client = strava_client(fake_strava)
    list(client.get_activities(limit=1))
    entry = fake_strava.log.entries[-1]
    assert entry.status == 200
    fake_strava.read_limits = (1, 1000)
    with pytest.raises(exc.Fault) as caught:
        list(client.get_activities(limit=1))
    answer = caught.value.response
    assert answer.status_code == 429
    assert answer.json() == {
        "message": "Rate Limit Exceeded",
        "errors": [{"resource": "Application", "field": "rate limit", "code": "exceeded"}],
    }
    assert answer.headers["X-ReadRateLimit-Usage"] == "2,2"
    assert answer.headers["X-ReadRateLimit-Limit"] == "1,1000"
    assert answer.headers["X-RateLimit-Limit"] == "200,2000"
    assert answer.headers["X-RateLimit-Usage"] == "2,2"


def test_code_exchange_and_refresh_rotates_the_refresh_token(fake_strava) -> None:
    client = strava_client(fake_strava)
    code = fake_strava.issue_code()
    tokens = client.exchange_code_for_token(
        client_id=int(fake_strava.client_id), client_secret=fake_strava.client_secret, code=code
    )
    assert tokens["access_token"] in fake_strava.access_tokens
    old_refresh = tokens["refresh_token"]
    renewed = client.refresh_access_token(
        client_id=int(fake_strava.client_id),
        client_secret=fake_strava.client_secret,
        refresh_token=old_refresh,
    )
    assert renewed["refresh_token"] != old_refresh
    with pytest.raises(exc.Fault):
        client.refresh_access_token(
            client_id=int(fake_strava.client_id),
            client_secret=fake_strava.client_secret,
            refresh_token=old_refresh,
        )


def test_expired_access_token_is_refused_with_401(fake_strava) -> None:
    client = strava_client(fake_strava)
    client.protocol.token_expires = int(time.time()) + 3600  # no auto-refresh
    fake_strava.expire_all_tokens()
    with pytest.raises(exc.AccessUnauthorized):
        list(client.get_activities(limit=1))


def test_latency_reaches_a_client_with_a_timeout(fake_strava) -> None:
    import requests

    client = strava_client(fake_strava)
    fake_strava.faults.add("latency", path_re="activities", seconds=0.5)
    original = client.protocol.rsession.request

    def with_timeout(*args, **kwargs):
        kwargs.setdefault("timeout", 0.1)
        return original(*args, **kwargs)

    client.protocol.rsession.request = with_timeout
    with pytest.raises(requests.Timeout):
        list(client.get_activities(limit=1))


def test_the_token_answers_carry_the_recorded_keys_and_no_scope(fake_strava) -> None:
    import requests

    form = {"client_id": fake_strava.client_id, "client_secret": fake_strava.client_secret}
    code = fake_strava.issue_code(scope="read,activity:read_all")
    first = requests.post(
        f"{fake_strava.url}/oauth/token",
        data={**form, "code": code, "grant_type": "authorization_code"},
        timeout=5,
    ).json()
    # strava-ruby-client spec/fixtures/strava/oauth/token_authorization_code.yml
    assert set(first) == {
        "token_type",
        "expires_at",
        "expires_in",
        "refresh_token",
        "access_token",
        "athlete",
    }
    renewed = requests.post(
        f"{fake_strava.url}/oauth/token",
        data={**form, "refresh_token": first["refresh_token"], "grant_type": "refresh_token"},
        timeout=5,
    ).json()
    # token_refresh_token.yml; more than an hour left: the same access token comes back.
    assert set(renewed) == {
        "token_type",
        "access_token",
        "expires_at",
        "expires_in",
        "refresh_token",
    }
    assert renewed["access_token"] == first["access_token"]
    assert renewed["refresh_token"] != first["refresh_token"]
