"""A fake Strava API: OAuth with rotating refresh tokens, athlete activities, rate limits."""

from __future__ import annotations

import copy
import json
import secrets
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.fakes.http import FakeService, Request, Response
from tests.paths import FIXTURES

HISTORY = FIXTURES / "strava" / "athlete-activities.json"
RATE_LIMIT_429 = FIXTURES / "strava" / "rate-limit-429.json"
ATHLETE_ID = 26462176


def load_history(path: Path = HISTORY) -> list[dict[str, Any]]:
    return json.loads(path.read_text())


class FakeStrava(FakeService):
    client_id = "4242"
    client_secret = "fake-client-secret-0123456789"

    def __init__(self, activities: list[dict[str, Any]] | None = None) -> None:
        super().__init__()
        self.activities = list(activities or [])
        self.access_tokens: dict[str, float] = {}
        self.refresh_tokens: set[str] = set()
        self.codes: set[str] = set()
        # Strava's default app limits: (15 minutes, day) for all requests and for reads.
        self.limits = (200, 2000)
        self.read_limits = (100, 1000)
        self.usage = [0, 0]
        self.read_usage = [0, 0]
        self.scopes: dict[str, str] = {}

    # ----------------------------------------------------------------- seeding / tokens
    def use_history(self, path: Path = HISTORY) -> None:
        self.activities = load_history(path)

    def add_activity(self, **fields: Any) -> dict[str, Any]:
        activity = {
            "resource_state": 2,
            "athlete": {"id": ATHLETE_ID, "resource_state": 1},
            "id": fields.pop("id", None) or 10_000_000_000 + len(self.activities),
            "name": "Morning Run",
            "type": "Run",
            "sport_type": "Run",
            "workout_type": None,
            "distance": 8000.0,
            "moving_time": 2700,
            "elapsed_time": 2760,
            "total_elevation_gain": 20.0,
            "timezone": "(GMT+01:00) Europe/Berlin",
            "utc_offset": 3600.0,
            **fields,
        }
        activity.setdefault("start_date_local", activity.get("start_date"))
        self.activities.append(activity)
        return activity

    def issue_code(self, scope: str = "read,activity:read_all") -> str:
        code = secrets.token_hex(12)
        self.codes.add(code)
        self.scopes[code] = scope
        return code

    def issue_tokens(self, lifetime_s: float = 6 * 3600) -> dict[str, Any]:
        access = secrets.token_hex(20)
        refresh = secrets.token_hex(20)
        expires = time.time() + lifetime_s
        self.access_tokens[access] = expires
        self.refresh_tokens.add(refresh)
        return {
            "token_type": "Bearer",
            "access_token": access,
            "refresh_token": refresh,
            "expires_at": int(expires),
            "expires_in": int(lifetime_s),
        }

    def expire_all_tokens(self) -> None:
        self.access_tokens = {token: 0.0 for token in self.access_tokens}

    def reset_usage(self, window: str = "15min") -> None:
        index = 0 if window == "15min" else 1
        self.usage[index] = self.read_usage[index] = 0
        if index == 1:
            self.usage[0] = self.read_usage[0] = 0

    # ----------------------------------------------------------------- HTTP
    def unauthorized(self, request: Request) -> Response:
        return Response.of_json(
            {
                "message": "Authorization Error",
                "errors": [{"resource": "Athlete", "field": "access_token", "code": "invalid"}],
            },
            401,
        )

    def decorate(self, request: Request, response: Response) -> Response:
        if request.path.startswith("/api/"):
            response.headers.update(self._rate_headers())
        return response

    def _rate_headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": f"{self.limits[0]},{self.limits[1]}",
            "X-RateLimit-Usage": f"{self.usage[0]},{self.usage[1]}",
            "X-ReadRateLimit-Limit": f"{self.read_limits[0]},{self.read_limits[1]}",
            "X-ReadRateLimit-Usage": f"{self.read_usage[0]},{self.read_usage[1]}",
        }

    def handle(self, request: Request) -> Response:
        if request.path == "/oauth/token" and request.method == "POST":
            return self._token(request)
        if not request.path.startswith("/api/v3/"):
            return Response.of_json({"message": "Record Not Found", "errors": []}, 404)
        token = request.bearer
        if token is None or self.access_tokens.get(token, 0.0) <= time.time():
            return self.unauthorized(request)
        if self._over_limit(request.method == "GET"):
            return self._too_many()
        if request.path == "/api/v3/athlete":
            return Response.of_json({"id": ATHLETE_ID, "username": "fake", "resource_state": 2})
        if request.path == "/api/v3/athlete/activities":
            return self._list(request)
        return Response.of_json({"message": "Record Not Found", "errors": []}, 404)

    def _over_limit(self, read: bool) -> bool:
        self.usage = [self.usage[0] + 1, self.usage[1] + 1]
        if read:
            self.read_usage = [self.read_usage[0] + 1, self.read_usage[1] + 1]
        over = self.usage[0] > self.limits[0] or self.usage[1] > self.limits[1]
        if read:
            pairs = zip(self.read_usage, self.read_limits, strict=True)
            over = over or any(used > limit for used, limit in pairs)
        return over

    def _too_many(self) -> Response:
        recorded = json.loads(RATE_LIMIT_429.read_text())
        return Response.of_json(recorded["body"], 429)

    def _token(self, request: Request) -> Response:
        form = request.form() if request.body and b"=" in request.body else (request.json() or {})
        if str(form.get("client_id")) != self.client_id or form.get("client_secret") != (
            self.client_secret
        ):
            return Response.of_json(
                {
                    "message": "Bad Request",
                    "errors": [
                        {"resource": "Application", "field": "client_id", "code": "invalid"}
                    ],
                },
                400,
            )
        grant = form.get("grant_type")
        if grant == "authorization_code" or (grant is None and "code" in form):
            if form.get("code") not in self.codes:
                return Response.of_json(
                    {
                        "message": "Bad Request",
                        "errors": [
                            {"resource": "AuthorizationCode", "field": "code", "code": "invalid"}
                        ],
                    },
                    400,
                )
            self.codes.discard(form["code"])
            tokens = self.issue_tokens()
            tokens["athlete"] = {"id": ATHLETE_ID, "resource_state": 2}
            return Response.of_json(tokens)
        if grant == "refresh_token":
            if form.get("refresh_token") not in self.refresh_tokens:
                return Response.of_json(
                    {
                        "message": "Bad Request",
                        "errors": [
                            {
                                "resource": "RefreshToken",
                                "field": "refresh_token",
                                "code": "invalid",
                            }
                        ],
                    },
                    400,
                )
            # Strava rotates the refresh token: the old one stops working.
            self.refresh_tokens.discard(form["refresh_token"])
            return Response.of_json(self.issue_tokens())
        return Response.of_json({"message": "Bad Request", "errors": []}, 400)

    def _list(self, request: Request) -> Response:
        before = request.arg("before")
        after = request.arg("after")
        page = int(request.arg("page", "1") or 1)
        per_page = min(int(request.arg("per_page", "30") or 30), 200)
        rows = []
        for activity in self.activities:
            started = _epoch(activity["start_date"])
            if before is not None and started >= float(before):
                continue
            if after is not None and started <= float(after):
                continue
            rows.append(activity)
        rows.sort(key=lambda a: _epoch(a["start_date"]), reverse=bool(before) or not after)
        chunk = rows[(page - 1) * per_page : page * per_page]
        return Response.of_json(copy.deepcopy(chunk))


def _epoch(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
