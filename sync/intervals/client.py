"""The one intervals.icu request runlift makes: the athlete's calendar events between two dates.

``GET /api/v1/athlete/{id}/events?oldest=YYYY-MM-DD&newest=YYYY-MM-DD`` with HTTP Basic auth
(user ``API_KEY``, the key as password), through httpx within one deadline for the whole call
and a cap on the answer (``runlift.sync.bounded_httpx``), read as bounded JSON. A 429 records a
cool-off (Retry-After, else ``intervals.cooloff_minutes``) that every later call respects.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import httpx

from runlift.sync import clock, contact, cooloff, limits, network
from runlift.sync.bounded_httpx import AnswerRefused, BoundedClient
from runlift.sync.errors import AuthRequired, ServiceUnreachable, UserError
from runlift.sync.intervals.credentials import ENV_ATHLETE, ENV_KEY, IntervalsCredentials

SERVICE = "intervals.icu"
USER_NAME = "API_KEY"


class IntervalsClient:
    def __init__(
        self,
        creds: IntervalsCredentials,
        *,
        timeout_s: float = 20.0,
        cooloff_s: float = 3600.0,
        now: Callable[[], datetime] = clock.now,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.creds = creds
        self.timeout_s = timeout_s
        self.cooloff_s = cooloff_s
        self.now = now
        self.transport = transport
        self.requests_sent = 0

    def events(self, oldest: date, newest: date) -> list[dict[str, Any]]:
        """Every calendar event with a local date oldest..newest (inclusive)."""
        cooloff.check(SERVICE, self.now())
        path = f"/api/v1/athlete/{self.creds.athlete_id}/events"
        params = {"oldest": oldest.isoformat(), "newest": newest.isoformat()}
        with BoundedClient(
            base_url=self.creds.base_url,
            auth=httpx.BasicAuth(USER_NAME, self.creds.api_key),
            timeout_s=self.timeout_s,
            cap=limits.JSON_BYTES,
            headers={"Accept": "application/json"},
            transport=self.transport,
        ) as http:
            try:
                self.requests_sent += 1
                response = http.get(path, params=params)
            except httpx.TimeoutException:
                raise ServiceUnreachable(SERVICE, f"timed out after {self.timeout_s:g} s") from None
            except AnswerRefused as exc:
                raise UserError(f"{SERVICE}: the calendar answer {exc}; try again later") from None
            except httpx.TooManyRedirects:
                raise UserError(
                    f"{SERVICE} redirected more than {limits.REDIRECTS} times; check "
                    "intervals.base_url"
                ) from None
            except httpx.HTTPError as exc:
                reason = network.unreachable_reason(exc) or network.FAILED
                raise ServiceUnreachable(SERVICE, reason) from None
        self._check(response)
        try:
            data = response.json()
        except ValueError:
            data = None
        if not isinstance(data, list):
            raise UserError(f"{SERVICE}: the calendar answer is not a list of events")
        contact.answered(SERVICE, self.now())
        return [event for event in data if isinstance(event, dict)]

    def _check(self, response: httpx.Response) -> None:
        status = response.status_code
        athlete = self.creds.athlete_id
        if status == 401:
            raise AuthRequired(
                f"{SERVICE} refused the API key (HTTP 401): check {ENV_KEY} (or intervals.api_key)"
            )
        if status == 403:
            raise AuthRequired(
                f"{SERVICE}: this API key may not read athlete {athlete}'s calendar (HTTP 403): "
                f"check {ENV_KEY} and {ENV_ATHLETE} (0 = the key's owner)"
            )
        if status == 404:
            raise UserError(
                f"{SERVICE}: athlete {athlete} not found (HTTP 404): check {ENV_ATHLETE} "
                "(0 = the key's owner) and intervals.base_url"
            )
        if status == 429:
            raise cooloff.pause_after_429(
                SERVICE,
                response.headers.get("Retry-After"),
                default_s=self.cooloff_s,
                now=self.now(),
            )
        if status >= 500:
            raise ServiceUnreachable(SERVICE, network.server_error(status))
        if status >= 400:
            raise UserError(f"{SERVICE} refused the calendar request (HTTP {status})")
