"""`runlift.api.service_client`: a plugin's requests keep runlift's rules, over real httpx on
127.0.0.1 (tests/fakes' loopback server standing in for a plugin's service)."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import time_machine

from runlift import api
from runlift.sync import cooloff, logs
from tests.fakes.fixtures import served
from tests.fakes.http import FakeService, Request, Response

KEY = "svc-key-5d41402abc4b2a76"
NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


class Service(FakeService):
    def handle(self, request: Request) -> Response:
        if request.path == "/items":
            return Response.of_json([{"id": 1}])
        return Response.of_json({"message": "not found"}, 404)


@pytest.fixture
def service() -> Iterator[Service]:
    yield from served(Service())


def client(service: Service, **options: float) -> api.ServiceClient:
    return api.service_client(
        "logbook",
        base_url=service.url,
        headers={"Authorization": f"Bearer {KEY}"},
        secrets=[KEY],
        **options,  # type: ignore[arg-type]
    )


def test_answers_are_the_callers_to_read_and_requests_are_counted(service: Service) -> None:
    with client(service) as http:
        assert http.get("/items").json() == [{"id": 1}]
        assert http.get("/nothing").status_code == 404
        assert http.requests_sent == 2


@pytest.mark.parametrize(
    ("retry_after", "paused"),
    [("120", timedelta(seconds=120)), (None, timedelta(minutes=30))],
)
def test_a_429_pauses_the_service_and_no_request_is_sent_until_the_pause_ends(
    service: Service, retry_after: str | None, paused: timedelta
) -> None:
    service.faults.add("status", status=429, retry_after=retry_after and float(retry_after))
    with time_machine.travel(NOW, tick=False), client(service, cooloff_s=1800) as http:
        with pytest.raises(api.RateLimited, match="logbook is paused"):
            http.get("/items")
        assert cooloff.resume_time("logbook") == NOW + paused
        with pytest.raises(api.RateLimited):
            http.get("/items")
    assert service.log.count() == 1
    with time_machine.travel(NOW + paused, tick=False), client(service) as http:
        assert http.get("/items").status_code == 200


def test_a_retry_after_as_an_http_date_is_read(service: Service) -> None:
    until = NOW + timedelta(minutes=7)
    service.faults.add("status", status=429)
    service.fault_response = lambda status, retry_after: Response(  # type: ignore[method-assign]
        429, b"", {"Retry-After": format_datetime(until, usegmt=True)}
    )
    with (
        time_machine.travel(NOW, tick=False),
        client(service) as http,
        pytest.raises(api.RateLimited),
    ):
        http.get("/items")
    assert cooloff.resume_time("logbook") == until


def test_a_service_that_does_not_answer_in_time_is_one_line_without_url_or_key(
    service: Service,
) -> None:
    service.faults.add("latency", seconds=2.0)
    with client(service, timeout_s=0.2) as http, pytest.raises(api.UserError) as caught:
        http.get("/items", params={"key": KEY})
    assert str(caught.value) == "cannot reach logbook (timed out after 0.2 s)"
    assert isinstance(caught.value, api.ServiceUnreachable)


def test_a_service_that_cannot_be_reached_is_one_line_without_url_or_key() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with (
        api.service_client("logbook", base_url=f"http://127.0.0.1:{port}") as http,
        pytest.raises(api.UserError) as caught,
    ):
        http.get("/items", params={"key": KEY})
    assert str(caught.value) == "cannot reach logbook (connection refused)"
    assert isinstance(caught.value, api.ServiceUnreachable)


def test_the_secrets_given_are_kept_out_of_the_log(service: Service) -> None:
    with client(service):
        pass
    record = logging.LogRecord("httpx", logging.INFO, "", 0, "GET /items?key=%s", (KEY,), None)
    logs.SECRETS.filter(record)
    assert record.getMessage() == "GET /items?key=[redacted]"


@pytest.mark.parametrize(
    ("text", "secrets", "shown"),
    [
        ("token abcd1234 refused", ["abcd1234"], "token [redacted] refused"),
        ("pin 4711-4711 refused", ["4711", "4711-4711"], "pin [redacted] refused"),
        ("a is not b", ["a", "", None], "a is not b"),
    ],
)
def test_redact_masks_every_secret_whole(text: str, secrets: list[str | None], shown: str) -> None:
    assert api.redact(text, secrets) == shown
