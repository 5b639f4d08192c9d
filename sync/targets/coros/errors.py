"""How a COROS Training Hub call failed, in the terms a sync acts on.

COROS answers HTTP 200 with an envelope ``{"result": "0000", "message", "apiCode", "data"}``;
any other ``result`` is a refusal. ``1019`` ("Access token is invalid") means the saved sign-in
is no longer accepted and ``1030`` that the email or password is wrong (EVIDENCE.md).
"""

from __future__ import annotations

from runlift.sync import errors

OK = "0000"
TOKEN_INVALID = "1019"
WRONG_CREDENTIALS = "1030"


class CorosUnavailable(errors.ServiceUnreachable):
    """COROS did not answer (network, timeout, 5xx) or answered something runlift cannot read:
    never a refusal, it pauses nothing."""

    def __init__(self, reason: str, note: str = "") -> None:
        super().__init__("coros", reason, note)


class CorosRejected(errors.Rejected):
    """COROS answered with a result other than 0000 (other than an expired sign-in)."""

    def __init__(self, message: str, result: str = "", path: str = "") -> None:
        super().__init__(message)
        self.result = result
        self.path = path


class WriteUncertain(errors.WriteUncertain):
    """A write whose answer was lost: COROS may or may not have applied it."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path
