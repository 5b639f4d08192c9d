"""A fake Strava API: OAuth with rotating refresh tokens, athlete activities, rate limits.

Every answer mirrors a public recording; tests/fakes/EVIDENCE.md (section Strava) lists each
one with its source. Anything else answers 404 with an empty body, as Strava's recorded 404.
"""

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
ATHLETE_ID = 26462176
ACTIVITIES = "/api/v3/athlete/activities"
TOKEN = "/oauth/token"
GRANTED = "read,activity:read_all"
# Strava hands out a new access token only when the current one has an hour or less left.
REUSE_ACCESS_ABOVE_S = 3600


def _fault(message: str, resource: str, field: str, code: str) -> dict[str, Any]:
    return {"message": message, "errors": [{"resource": resource, "field": field, "code": code}]}


TOKEN_INVALID = _fault("Authorization Error", "Athlete", "access_token", "invalid")
PERMISSION_MISSING = _fault(
    "Authorization Error", "AccessToken", "activity:read_permission", "missing"
)
APPLICATION_INACTIVE = _fault("Forbidden", "Application", "Status", "Inactive")
RATE_LIMIT_EXCEEDED = _fault("Rate Limit Exceeded", "Application", "rate limit", "exceeded")
CLIENT_INVALID = _fault("Bad Request", "Application", "client_id", "invalid")
CODE_INVALID = _fault("Bad Request", "AuthorizationCode", "code", "invalid")
REFRESH_INVALID = _fault("Bad Request", "RefreshToken", "refresh_token", "invalid")


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
        # The scope granted with each code, access token and refresh token.
        self.scopes: dict[str, str] = {}
        # The access token each refresh token was issued with.
        self._paired_access: dict[str, str] = {}
        # Strava's default app limits: (15 minutes, day) for all requests and for reads.
        self.limits = (200, 2000)
        self.read_limits = (100, 1000)
        self.usage = [0, 0]
        self.read_usage = [0, 0]
        # The API application's owner let it lapse: every call answers 403 Inactive.
        self.inactive = False
        # Activities that take their slot in a page but are left out of the answer, so the
        # page is short without being the last (Strava documents that this happens).
        self.withheld: set[int] = set()

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
            "private": False,
            **fields,
        }
        activity.setdefault("start_date_local", activity.get("start_date"))
        self.activities.append(activity)
        return activity

    def delete_activity(self, activity_id: int) -> None:
        self.activities = [a for a in self.activities if a["id"] != activity_id]

    def issue_code(self, scope: str = GRANTED) -> str:
        code = secrets.token_hex(12)
        self.codes.add(code)
        self.scopes[code] = scope
        return code

    def issue_tokens(self, lifetime_s: float = 6 * 3600, scope: str = GRANTED) -> dict[str, Any]:
        access = secrets.token_hex(20)
        expires = time.time() + lifetime_s
        self.access_tokens[access] = expires
        self.scopes[access] = scope
        return self._answer(access, self._new_refresh(access, scope))

    def expire_all_tokens(self) -> None:
        self.access_tokens = {token: 0.0 for token in self.access_tokens}

    def reset_usage(self, window: str = "15min") -> None:
        index = 0 if window == "15min" else 1
        self.usage[index] = self.read_usage[index] = 0
        if index == 1:
            self.usage[0] = self.read_usage[0] = 0

    def _new_refresh(self, access: str, scope: str) -> str:
        refresh = secrets.token_hex(20)
        self.refresh_tokens.add(refresh)
        self.scopes[refresh] = scope
        self._paired_access[refresh] = access
        return refresh

    def _answer(self, access: str, refresh: str) -> dict[str, Any]:
        expires = self.access_tokens[access]
        return {
            "token_type": "Bearer",
            "access_token": access,
            "refresh_token": refresh,
            "expires_at": int(expires),
            "expires_in": max(0, int(expires - time.time())),
        }

    # ----------------------------------------------------------------- HTTP
    def unauthorized(self, request: Request) -> Response:
        return Response.of_json(TOKEN_INVALID, 401)

    def decorate(self, request: Request, response: Response) -> Response:
        if request.path.startswith("/api/"):
            response.headers.update(self._rate_headers())
        return response

    def fault_response(self, status: int, retry_after: float | None) -> Response:
        if status == 429:
            return Response.of_json(RATE_LIMIT_EXCEEDED, 429)
        return super().fault_response(status, retry_after)

    def _rate_headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": f"{self.limits[0]},{self.limits[1]}",
            "X-RateLimit-Usage": f"{self.usage[0]},{self.usage[1]}",
            "X-ReadRateLimit-Limit": f"{self.read_limits[0]},{self.read_limits[1]}",
            "X-ReadRateLimit-Usage": f"{self.read_usage[0]},{self.read_usage[1]}",
        }

    def handle(self, request: Request) -> Response:
        if request.path == TOKEN and request.method == "POST":
            if self.inactive:
                return Response.of_json(APPLICATION_INACTIVE, 403)
            return self._token(request)
        if request.path != ACTIVITIES or request.method != "GET":
            return Response(404)
        if self.inactive:
            return Response.of_json(APPLICATION_INACTIVE, 403)
        token = request.bearer
        if token is None or self.access_tokens.get(token, 0.0) <= time.time():
            return self.unauthorized(request)
        scope = self.scopes.get(token, "").split(",")
        if not {"activity:read", "activity:read_all"} & set(scope):
            return Response.of_json(PERMISSION_MISSING, 401)
        if self._over_limit(read=True):
            return Response.of_json(RATE_LIMIT_EXCEEDED, 429)
        return self._list(request, private=("activity:read_all" in scope))

    def _over_limit(self, read: bool) -> bool:
        self.usage = [self.usage[0] + 1, self.usage[1] + 1]
        if read:
            self.read_usage = [self.read_usage[0] + 1, self.read_usage[1] + 1]
        over = self.usage[0] > self.limits[0] or self.usage[1] > self.limits[1]
        if read:
            pairs = zip(self.read_usage, self.read_limits, strict=True)
            over = over or any(used > limit for used, limit in pairs)
        return over

    def _token(self, request: Request) -> Response:
        form = request.form() if request.body and b"=" in request.body else (request.json() or {})
        if str(form.get("client_id")) != self.client_id or form.get("client_secret") != (
            self.client_secret
        ):
            return Response.of_json(CLIENT_INVALID, 400)
        grant = form.get("grant_type")
        if grant == "authorization_code":
            code = form.get("code")
            if code not in self.codes:
                return Response.of_json(CODE_INVALID, 400)
            self.codes.discard(code)
            tokens = self.issue_tokens(scope=self.scopes.pop(code))
            tokens["athlete"] = {"id": ATHLETE_ID, "resource_state": 2}
            return Response.of_json(tokens)
        if grant == "refresh_token":
            refresh = form.get("refresh_token", "")
            if refresh not in self.refresh_tokens:
                return Response.of_json(REFRESH_INVALID, 400)
            # Strava rotates the refresh token: the old one stops working.
            self.refresh_tokens.discard(refresh)
            scope = self.scopes.pop(refresh, GRANTED)
            access = self._paired_access.pop(refresh, "")
            if self.access_tokens.get(access, 0.0) - time.time() <= REUSE_ACCESS_ABOVE_S:
                return Response.of_json(self.issue_tokens(scope=scope))
            # More than an hour left: the same access token comes back, with a new refresh.
            return Response.of_json(self._answer(access, self._new_refresh(access, scope)))
        return Response.of_json(_fault("Bad Request", "Application", "grant_type", "invalid"), 400)

    def _list(self, request: Request, private: bool) -> Response:
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
        chunk = [
            activity
            for activity in rows[(page - 1) * per_page : page * per_page]
            if activity["id"] not in self.withheld and (private or not activity.get("private"))
        ]
        return Response.of_json(copy.deepcopy(chunk))


def _epoch(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
