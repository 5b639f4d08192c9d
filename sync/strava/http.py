"""The requests session every Strava call goes through: a timeout on each request, the budget.

stravalib sends its requests without a timeout, so one stalled connection would hang a daemon
for ever; this session gives every request a default one. API reads are counted against
runlift's read budget before they are sent and its counts corrected from each answer's headers;
a 429 stops the sequence with RateLimited (and a recorded cool-off) before stravalib sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import requests

from runlift.sync.clock import now as clock_now
from runlift.sync.errors import UserError
from runlift.sync.strava.budget import ReadBudget

DEFAULT_TIMEOUT_S = 20.0
_API_PATH = "/api/v3/"


class StravaUnavailable(UserError):
    """Strava did not answer in time, or answered with a server error."""


class StravaHttp(requests.Session):
    def __init__(
        self,
        budget: ReadBudget,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        clock: Callable[[], datetime] = clock_now,
    ) -> None:
        super().__init__()
        self.budget = budget
        self.timeout_s = timeout_s
        self.clock = clock
        self.api_requests = 0

    def request(
        self, method: str, url: str | bytes, *args: Any, **kwargs: Any
    ) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout_s)
        is_api = _API_PATH in str(url)
        if is_api:
            self.budget.spend(self.clock())
            self.api_requests += 1
        try:
            response = super().request(method, url, *args, **kwargs)
        except requests.Timeout:
            raise StravaUnavailable(
                f"Strava did not answer within {self.timeout_s:g} s; try again later"
            ) from None
        except requests.ConnectionError:
            raise StravaUnavailable(
                "cannot reach Strava (connection failed); try again later"
            ) from None
        if is_api:
            self.budget.observe(response.headers, response.status_code, self.clock())
        if response.status_code >= 500:
            raise StravaUnavailable(
                f"Strava answered {response.status_code} {response.reason}; try again later"
            )
        return response
