"""Sign in to the COROS Training Hub: ONE credential POST to ``/account/login``, whatever COROS
answers, and never a sign-in from a stored password.

Two request forms are publicly recorded and both send the password only as its MD5 digest
(lower-case hex):

- ``md5``: ``{"account", "accountType": 2, "pwd": md5(password)}``, the form every public client
  used until mid-2026 (coros-connect, xballoy/coros-api, cygnusb/coros-mcp, ...).
- ``bcrypt``: ``{"account", "accountType": 2, "p1": bcrypt(md5(password), salt), "p2": salt}``
  with a ``YFHeader: {"language": "en-US"}`` header, which the Training Hub web app sends since
  July 2026 (JunAkerBuilds/CorosLink: "COROS's web login no longer accepts the raw MD5 digest").

The answer's ``data`` holds ``accessToken`` and ``userId``; an account with two-factor sign-in
gets a ``loginTicket`` instead, which runlift cannot complete (the code exchange is recorded only
as requests, never with its answer).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any

import httpx

from runlift.sync import clock, network
from runlift.sync.bounded_httpx import AnswerRefused, BoundedClient
from runlift.sync.errors import AuthRequired, UserError
from runlift.sync.targets.coros.errors import OK, WRONG_CREDENTIALS, CorosRejected, CorosUnavailable
from runlift.sync.targets.coros.session import LOGIN_HINT, SERVICE, CorosSession

LOGIN_PATH = "/account/login"
NOT_RETRIED = "the sign-in was not retried"
ACCOUNT_TYPE_EMAIL = 2
BCRYPT_ROUNDS = 10


class SignInForm(StrEnum):
    MD5 = "md5"
    BCRYPT = "bcrypt"


DEFAULT_FORM = SignInForm.BCRYPT


def password_digest(password: str) -> str:
    """What COROS takes in place of the password: its MD5 digest in lower-case hex."""
    return hashlib.md5(password.encode("utf-8")).hexdigest()


def login_body(email: str, password: str, form: SignInForm) -> dict[str, Any]:
    digest = password_digest(password)
    body: dict[str, Any] = {"account": email, "accountType": ACCOUNT_TYPE_EMAIL}
    if form is SignInForm.MD5:
        return {**body, "pwd": digest}
    import bcrypt

    salt = bcrypt.gensalt(rounds=BCRYPT_ROUNDS)
    return {
        **body,
        "p1": bcrypt.hashpw(digest.encode("ascii"), salt).decode("ascii"),
        "p2": salt.decode("ascii"),
    }


def login_headers(form: SignInForm) -> dict[str, str]:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if form is SignInForm.BCRYPT:
        headers["YFHeader"] = '{"language":"en-US"}'
    return headers


def sign_in(
    email: str,
    password: str,
    *,
    region: str,
    base_url: str,
    form: SignInForm = DEFAULT_FORM,
    timeout_s: float = 20.0,
    transport: httpx.BaseTransport | None = None,
    now: Callable[[], datetime] = clock.now,
) -> CorosSession:
    """One credential POST; the session COROS granted, or a one-line error."""
    if not email.strip() or not password:
        raise UserError("login coros: email and password are both needed")
    body = login_body(email.strip(), password, form)
    with BoundedClient(base_url=base_url, timeout_s=timeout_s, transport=transport) as http:
        try:
            response = http.post(LOGIN_PATH, json=body, headers=login_headers(form))
        except AnswerRefused as exc:
            raise CorosUnavailable(f"its sign-in answer {exc}", NOT_RETRIED) from None
        except httpx.HTTPError as exc:
            raise CorosUnavailable(
                network.unreachable_reason(exc) or network.FAILED, NOT_RETRIED
            ) from None
    if response.status_code >= 400:
        raise CorosUnavailable(network.server_error(response.status_code), NOT_RETRIED)
    answer = _json(response)
    result = str(answer.get("result", ""))
    if result == WRONG_CREDENTIALS:
        raise AuthRequired(
            f"COROS refused the email or password (result {result}); not retried", SERVICE
        )
    if result != OK:
        message = str(answer.get("message") or "no message")
        raise CorosRejected(
            f"COROS refused the sign-in: {message} (result {result or '?'}); not retried",
            result=result,
            path=LOGIN_PATH,
        )
    data = answer.get("data")
    if not isinstance(data, dict):
        raise CorosUnavailable("the sign-in answer carries no account data", NOT_RETRIED)
    token = data.get("accessToken")
    if not token and data.get("loginTicket"):
        raise UserError(
            "this COROS account signs in with a second step (a code by email), which runlift "
            "cannot do yet; nothing was saved"
        )
    user_id = data.get("userId")
    if not isinstance(token, str) or not token or user_id in (None, ""):
        raise CorosUnavailable("the sign-in answer has no access token or user id", NOT_RETRIED)
    return CorosSession(
        access_token=token,
        user_id=str(user_id),
        region=region,
        base_url=base_url,
        signed_in=now().isoformat(timespec="seconds"),
    )


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        value = response.json()
    except ValueError:
        raise CorosUnavailable("the sign-in answer is not JSON", NOT_RETRIED) from None
    if not isinstance(value, dict):
        raise CorosUnavailable("the sign-in answer is not a JSON object", NOT_RETRIED)
    return value


__all__ = ["LOGIN_HINT", "SignInForm", "login_body", "password_digest", "sign_in"]
