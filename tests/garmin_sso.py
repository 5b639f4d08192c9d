"""A fake Garmin sign-in (SSO) for `runlift login garmin`, beside the fake Garmin Connect.

Only the mobile flow garminconnect tries first is answered: the sign-in page, the credential
POST (success, wrong password, MFA required), the MFA code check, and the DI token exchange of
the service ticket, which hands out tokens the fake Garmin Connect (tests/fakes) accepts. When
``blocked`` every path answers 429, as Garmin does to repeated password logins. ``answer`` makes
every credential POST (mobile or portal flow) answer a Cloudflare-style 403, a 429, a CAPTCHA
demand or a 500; ``credential_posts`` counts every request that carried the password. With
``di_exchange_fails`` the ticket exchange fails and the service URL hands out a browser cookie
(JWT_WEB) that the fake Garmin Connect accepts, as garminconnect's fallback expects. garminconnect
itself runs unchanged; its SSO host and token URL are pointed here, and its deliberate pauses
between sign-in steps (seconds) are skipped.
"""

from __future__ import annotations

import functools
import secrets
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.fakes.garmin import FakeGarmin
from tests.fakes.http import FakeServer, FakeService, Request, Response

EMAIL = "runner@example.com"
PASSWORD = "correct horse battery staple"
MFA_CODE = "424242"


class FakeGarminSSO(FakeService):
    def __init__(self, connect: FakeGarmin) -> None:
        super().__init__()
        self.connect = connect
        self.mfa = False
        self.blocked = False
        self.tickets: set[str] = set()
        self.passwords_seen: list[str] = []
        self.credential_posts: list[str] = []
        self.answer: str | None = None
        self.di_exchange_fails = False
        # Where garminconnect is sent instead of this fake (a closed port, a name that does not
        # resolve): the network is down until it is None again.
        self.reached_at: str | None = None

    def unauthorized(self, request: Request) -> Response:  # the SSO needs no bearer token
        return Response.of_json({"error": "unauthorized"}, 401)

    def handle(self, request: Request) -> Response:
        if self.blocked:
            return Response.of_json(
                {"error": {"status-code": "429"}}, 429, **{"Retry-After": "7200"}
            )
        path = request.path
        if b"password" in request.body:
            self.credential_posts.append(path)
        if path.endswith("/api/login") and request.method == "POST" and self.answer:
            return _refusal(self.answer)
        if path == "/gcm/ios" and request.method == "GET":
            return self._web_session(request.arg("ticket"))
        if path.endswith("/sso/en_US/sign-in") and request.method == "GET":
            return Response(
                200, b"<html><title>Sign In</title></html>", {"Content-Type": "text/html"}
            )
        if path in ("/mobile/api/login", "/portal/api/login") and request.method == "POST":
            body = request.json() or {}
            self.passwords_seen.append(str(body.get("password")))
            if body.get("username") != EMAIL or body.get("password") != PASSWORD:
                return Response.of_json({"responseStatus": {"type": "INVALID_USERNAME_PASSWORD"}})
            if self.mfa:
                return Response.of_json(
                    {
                        "responseStatus": {"type": "MFA_REQUIRED"},
                        "customerMfaInfo": {"mfaLastMethodUsed": "email"},
                    }
                )
            return self._ticket()
        if path.endswith("/api/mfa/verifyCode") and request.method == "POST":
            body = request.json() or {}
            if body.get("mfaVerificationCode") == MFA_CODE:
                return self._ticket()
            return Response.of_json({"responseStatus": {"type": "INVALID_MFA_CODE"}})
        if path == "/di-oauth2-service/oauth/token" and request.method == "POST":
            form = request.form()
            if self.di_exchange_fails:
                return Response.of_json({"error": "server_error"}, 500)
            if form.get("service_ticket") not in self.tickets:
                return Response.of_json({"error": "invalid_grant"}, 401)
            self.tickets.discard(form["service_ticket"])
            tokens = self.connect.issue_tokens()
            return Response.of_json(
                {
                    "access_token": tokens["di_token"],
                    "refresh_token": tokens["di_refresh_token"],
                    "token_type": "Bearer",
                    "expires_in": 3600,
                }
            )
        return Response.of_json({"error": "not found"}, 404)

    def _web_session(self, ticket: str | None) -> Response:
        if ticket not in self.tickets:
            return Response.of_json({"error": "invalid ticket"}, 401)
        self.tickets.discard(ticket)
        cookie = secrets.token_hex(16)
        self.connect.web_sessions.add(cookie)
        return Response(200, b"<html></html>", {"Set-Cookie": f"JWT_WEB={cookie}; Path=/"})

    def _ticket(self) -> Response:
        ticket = f"ST-{secrets.token_hex(8)}"
        self.tickets.add(ticket)
        return Response.of_json(
            {"responseStatus": {"type": "SUCCESSFUL"}, "serviceTicketId": ticket}
        )


def _refusal(kind: str) -> Response:
    if kind == "cloudflare":
        return Response(403, b"<html><title>Just a moment...</title></html>", {})
    if kind == "rate_limited":
        return Response.of_json({"error": {"status-code": "429"}}, 429)
    if kind == "captcha":
        return Response.of_json({"responseStatus": {"type": "CAPTCHA_REQUIRED"}})
    return Response.of_json({"error": "server error"}, 500)


@contextmanager
def open_sso(connect: FakeGarmin, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGarminSSO]:
    """Start the fake SSO and point every garminconnect.Garmin built from now on at it."""
    import garminconnect
    from garminconnect.client import sso as sso_module

    sso = FakeGarminSSO(connect)
    server = FakeServer(sso).start()
    original = garminconnect.Garmin.__init__

    @functools.wraps(original)
    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        base = sso.reached_at or sso.url
        self.client._sso = base
        self.client._di_token_url = f"{base}/di-oauth2-service/oauth/token"
        self.client._ios_service_url = f"{base}/gcm/ios"

    monkeypatch.setattr(garminconnect.Garmin, "__init__", init)
    monkeypatch.setattr(
        sso_module, "time", types.SimpleNamespace(sleep=lambda _s: None, time=time.time)
    )
    try:
        yield sso
    finally:
        server.stop()
