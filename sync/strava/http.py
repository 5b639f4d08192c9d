"""The requests session every Strava call goes through: a deadline on each request, the budget.

stravalib sends its requests without a timeout, so one stalled connection would hang a daemon
for ever; this session gives every request one deadline (``strava.timeout_seconds``) for the
whole call, redirects, headers and body included, and reads every answer within runlift's
limits (``runlift.sync.bounded_requests``) before stravalib sees it. API reads are counted against
runlift's read budget before they are sent and its counts corrected from each answer's headers;
a 429 (from the API or from the sign-in endpoint) stops the sequence with RateLimited (and a
recorded cool-off) before stravalib sees it. A server error, a connection that fails or an
answer that is cut off or is not JSON become one-line errors here, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from runlift.sync import contact, limits, network
from runlift.sync.bounded_requests import AnswerRefused, arm
from runlift.sync.clock import now as clock_now
from runlift.sync.deadline import Deadline
from runlift.sync.errors import ServiceUnreachable
from runlift.sync.strava.budget import ReadBudget

DEFAULT_TIMEOUT_S = 20.0
_API_PATH = "/api/v3/"


SERVICE = "strava"


class StravaUnavailable(ServiceUnreachable):
    """Strava did not answer in time, could not be reached, or answered with a server error."""

    def __init__(self, reason: str) -> None:
        super().__init__(SERVICE, reason)


class StravaBrokenAnswer(StravaUnavailable):
    """Strava's answer was cut off or is not what its API documents."""


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
        what = _described(method, url)
        if is_api:
            self.budget.spend(self.clock())
            self.api_requests += 1
        # Adapters are mounted after the session is made (stravalib's, a test's): armed per call.
        arm(self)
        deadline = Deadline(self.timeout_s)
        late = StravaUnavailable(f"timed out after {self.timeout_s:g} s")
        try:
            with deadline:
                response = super().request(method, url, *args, **kwargs)
        except requests.Timeout:
            raise late from None
        except AnswerRefused as exc:
            if deadline.expired:
                raise late from None
            raise _broken(what, str(exc)) from None
        except requests.TooManyRedirects:
            raise _broken(what, f"redirected more than {limits.REDIRECTS} times") from None
        except requests.JSONDecodeError:
            # A response hook read the body (the token keeper).
            raise _broken(what) from None
        except requests.exceptions.ChunkedEncodingError:
            if deadline.expired:
                raise late from None
            # The body ended before its announced length.
            raise _broken(what, "was cut off") from None
        except requests.ConnectionError as exc:
            if deadline.expired:
                raise late from None
            reason = network.unreachable_reason(exc) or network.FAILED
            raise StravaUnavailable(reason) from None
        except requests.RequestException:
            if deadline.expired:
                raise late from None
            raise _broken(what) from None
        if is_api or response.status_code == 429:
            self.budget.observe(response.headers, response.status_code, self.clock())
        if response.status_code >= 500:
            raise StravaUnavailable(
                f"{network.server_error(response.status_code)} {response.reason}".strip()
            )
        if 200 <= response.status_code < 300 and response.status_code != 204:
            try:
                response.json()
            except ValueError:
                raise _broken(what) from None
        if response.status_code < 400:
            contact.answered(SERVICE, self.clock())
        return response


def _described(method: str | bytes, url: str | bytes) -> str:
    verb = method.decode() if isinstance(method, bytes) else method
    address = url.decode() if isinstance(url, bytes) else url
    return f"{verb.upper()} {urlsplit(address).path}"


def _broken(what: str, how: str = "is not JSON") -> StravaBrokenAnswer:
    return StravaBrokenAnswer(f"its answer to {what} {how}")
