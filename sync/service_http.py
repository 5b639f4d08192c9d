"""An httpx client for one service, keeping runlift's rules for every request it sends.

Before each request the service's cool-off is checked (no request while it is paused); a 429
records the pause its Retry-After asks for (else ``cooloff_s``) and stops with RateLimited; a
call that times out or cannot connect is ServiceUnreachable, one line naming the service and why
(``runlift.sync.network``), never the URL (it may carry a key) nor a traceback; the secrets
given are kept out of runlift's log. Requests are counted (``requests_sent``) so tests can hold
a plugin to a budget. Any other answer, 4xx and 5xx included, is the caller's to read.

``timeout_s`` is the most one call may take, from connecting to the last byte (redirects,
headers and body included), and every answer is read within runlift's limits: at most
``limits.JSON_BYTES`` of JSON (``limits.DOWNLOAD_BYTES`` of anything else) after decoding,
nested no deeper than ``limits.JSON_DEPTH``, numbers no service sends read as null
(``runlift.sync.bounded_httpx``). A refused answer is one line naming the service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import httpx

from runlift.sync import clock, cooloff, limits, network
from runlift.sync.bounded_httpx import AnswerRefused, BoundedClient
from runlift.sync.errors import ServiceUnreachable, UserError
from runlift.sync.redaction import keep_out_of_logs

DEFAULT_TIMEOUT_S = 20.0
DEFAULT_COOLOFF_S = 3600.0


class ServiceClient(BoundedClient):
    def __init__(
        self,
        service: str,
        *,
        timeout_s: float,
        cooloff_s: float,
        now: Callable[[], datetime] = clock.now,
        **options: Any,
    ) -> None:
        super().__init__(timeout_s=timeout_s, **options)
        self.service = service
        self.timeout_s = timeout_s
        self.cooloff_s = cooloff_s
        self.now = now
        self.requests_sent = 0

    def send(self, request: httpx.Request, **options: Any) -> httpx.Response:
        cooloff.check(self.service, self.now())
        self.requests_sent += 1
        try:
            response = super().send(request, **options)
        except httpx.TimeoutException:
            raise ServiceUnreachable(
                self.service, f"timed out after {self.timeout_s:g} s"
            ) from None
        except AnswerRefused as exc:
            raise UserError(f"{self.service}: the answer {exc}; try again later") from None
        except httpx.TooManyRedirects:
            raise UserError(
                f"{self.service} redirected more than {limits.REDIRECTS} times; try again later"
            ) from None
        except httpx.HTTPError as exc:
            reason = network.unreachable_reason(exc) or network.FAILED
            raise ServiceUnreachable(self.service, reason) from None
        if response.status_code == 429:
            response.close()
            raise cooloff.pause_after_429(
                self.service,
                response.headers.get("Retry-After"),
                default_s=self.cooloff_s,
                now=self.now(),
            )
        return response


def service_client(
    service: str,
    *,
    base_url: str = "",
    headers: Mapping[str, str] | None = None,
    auth: httpx.Auth | tuple[str, str] | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    cooloff_s: float = DEFAULT_COOLOFF_S,
    secrets: Iterable[str] = (),
    transport: httpx.BaseTransport | None = None,
) -> ServiceClient:
    """An httpx client for ``service`` (the name its messages and cool-off use), to use in a
    ``with`` block. ``secrets`` (an API key, a token) are kept out of runlift's log."""
    keep_out_of_logs(*secrets)
    return ServiceClient(
        service,
        timeout_s=timeout_s,
        cooloff_s=cooloff_s,
        base_url=base_url,
        headers=headers,
        auth=auth,
        transport=transport,
    )
