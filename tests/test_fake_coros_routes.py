"""The fake COROS Training Hub serves exactly the calls tests/fakes/EVIDENCE.md lists, no more."""

from __future__ import annotations

import httpx
import pytest

from tests.fakes.coros import ROUTES
from tests.test_fake_routes import evidence_rows


def test_the_fake_serves_exactly_the_recorded_coros_calls() -> None:
    assert {(method, path) for method, path, _handler in ROUTES} == evidence_rows(
        "COROS Training Hub"
    )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        # Recorded, but runlift does not call them: the fake does not serve them either.
        ("GET", "/training/exercise/query"),
        ("POST", "/training/program/calculate"),
        ("GET", "/training/program/detail"),
        ("POST", "/training/program/update"),
        ("GET", "/account/query"),
        # Recorded only as requests (two-factor sign-in).
        ("POST", "/account/2fa/login/verify"),
        ("GET", "/training/schedule/update"),
        ("POST", "/training/schedule/query"),
    ],
)
def test_anything_else_is_not_found(fake_coros, method, path) -> None:
    token = fake_coros.issue_token()
    answer = httpx.request(method, fake_coros.url + path, headers={"accessToken": token}, json={})
    assert answer.status_code == 404 and answer.content == b""


def test_the_recorded_paging_parameters_are_not_served(fake_coros) -> None:
    token = fake_coros.issue_token()
    answer = httpx.post(
        fake_coros.url + "/training/program/query",
        headers={"accessToken": token},
        json={"name": "", "supportRestExercise": 1, "startNo": 0, "limitSize": 10, "sportType": 0},
    )
    assert answer.json()["result"] != "0000"
