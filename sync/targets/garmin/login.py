"""`runlift login garmin`: one sign-in attempt, tokens saved, the password forgotten.

The email, password (typed hidden) and, when Garmin asks, the MFA code are prompted for; the
password is never stored or printed. garminconnect writes its token store
(``garmin_tokens.json``, 0600) into runlift's data dir (0700), only once the session is one it
can save (DI tokens; not the browser-cookie session garminconnect falls back to when the token
exchange fails). A failed sign-in is not retried: ONE credential POST per command, whatever
Garmin answers (see ``one_credential_attempt``). Garmin answers repeated password logins with
429s that last hours, so after ``garmin.login_max_failures`` refused sign-ins within
``garmin.login_cooloff_minutes``, or any 429 on sign-in, runlift records a cool-off for Garmin
(which the sync and the daemon respect too) and says when to try again.

Only an answer from Garmin counts as a refused sign-in (wrong password or code, a bot check's
403 or CAPTCHA, a token its API refuses). A sign-in that never got an answer (no network, a name
that does not resolve, a refused or timed-out connection, a 5xx) counts for nothing: it ends in
"cannot reach Garmin Connect (...)" and the next attempt may go ahead at once. garminconnect
folds every strategy's failure into one message, so ``SignInWire`` watches the sign-in's own
requests and tells the two apart by what the last one met: an exception of the HTTP client
(by its type, see ``runlift.sync.network``) or a status.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from runlift.sync import clock, contact, cooloff, network, own_files, paths
from runlift.sync.config import Config
from runlift.sync.errors import RateLimited, ServiceUnreachable, UserError
from runlift.sync.files import write_json, write_own
from runlift.sync.targets.garmin.client import SERVICE, quiet_library_logs, retry_after_s

Prompt = Callable[[], str]

# garminconnect 0.3.20's login() walks these strategies in turn, and some rotate TLS fingerprints
# inside: when Garmin answers a credential POST with a Cloudflare-style 403 or a 429, one login()
# can send up to 10 of them, which is what arms Garmin's hours-long lock on the account.
STRATEGIES = ("mobile+cffi", "mobile+requests", "widget+cffi", "portal+cffi", "portal+requests")
NOT_COUNTED = "it does not count as a refused sign-in"


def login_garmin(
    config: Config,
    *,
    ask_email: Prompt,
    ask_password: Prompt,
    ask_code: Prompt,
    now: Callable[[], datetime] = clock.now,
) -> Path:
    """Sign in once; returns the token store's directory."""
    cooloff.check(SERVICE, now())
    quiet_library_logs()
    from garminconnect import (
        Garmin,
        GarminConnectAuthenticationError,
        GarminConnectConnectionError,
        GarminConnectTooManyRequestsError,
    )

    email = ask_email().strip()
    password = ask_password()
    if not email or not password:
        raise UserError("login garmin: email and password are both needed")
    api = Garmin(email, password, return_on_mfa=True)
    del password
    wire = SignInWire()
    one_credential_attempt(api, wire)
    stage = "credentials"
    try:
        with _typed_credentials_only():
            status, pending = api.login()
        if status == "needs_mfa":
            stage = "code"
            api.resume_login(pending, ask_code().strip())
    except GarminConnectTooManyRequestsError as exc:
        moment = now()
        until = cooloff.record(
            SERVICE,
            moment,
            retry_after_s(exc, moment),
            config.garmin.login_cooloff_minutes * 60,
            why="Garmin's sign-in answered 429 Too Many Requests",
        )
        raise RateLimited(
            f"Garmin Connect refused the sign-in: too many attempts (HTTP 429). runlift will not "
            f"sign in or sync before {cooloff.local_time(until)}"
        ) from None
    except (GarminConnectAuthenticationError, GarminConnectConnectionError) as exc:
        unreachable = wire.unreachable()
        if unreachable is not None:
            raise ServiceUnreachable(SERVICE, unreachable, NOT_COUNTED) from None
        raise _failed(config, now(), _reason(exc, stage, wire)) from None
    finally:
        # garminconnect forgets it only after a sign-in without MFA succeeds.
        api.password = None
    if not _savable(api):
        unsaved = (
            "Garmin's token exchange failed and the browser session it fell back to cannot be "
            "saved; nothing was written"
        )
        unreachable = wire.unreachable()
        if unreachable is not None:
            raise ServiceUnreachable(SERVICE, unreachable, f"{unsaved}; {NOT_COUNTED}")
        raise _failed(config, now(), unsaved) from None
    store = paths.garmin_token_dir()
    write_own(store / "garmin_tokens.json", api.client.dumps())
    _failures_file().unlink(missing_ok=True)
    contact.answered(SERVICE, now())
    return store


class SignInWire:
    """What the sign-in's own requests met, in order: a status, or the HTTP client's exception.

    Wraps the ``request`` method of each session the sign-in strategy is handed (curl_cffi's or
    requests'; both send every get and post through it), so the MFA step, which reuses that
    session, is watched too, and the POST that exchanges the ticket for tokens."""

    def __init__(self) -> None:
        self.events: list[int | BaseException] = []

    def watch(self, session: Any) -> Any:
        session.request = self.watched(session.request)
        return session

    def watched(self, send: Callable[..., Any]) -> Callable[..., Any]:
        def request(*args: Any, **kwargs: Any) -> Any:
            try:
                response = send(*args, **kwargs)
            except Exception as exc:
                self.events.append(exc)
                raise
            self.events.append(int(response.status_code))
            return response

        return request

    def last_status(self) -> int | None:
        statuses = [event for event in self.events if isinstance(event, int)]
        return statuses[-1] if statuses else None

    def unreachable(self) -> str | None:
        """Why Garmin did not answer (the last network failure or 5xx the sign-in met), else
        None. Any such failure makes the sign-in one without Garmin's verdict: the mobile flow
        stops at a refused password, so none follows one; only the code check asks a second
        endpoint after a refused code, and a failure there leaves that code uncounted (the
        doubt goes to the athlete)."""
        missed = [reason for event in self.events if (reason := _no_answer(event))]
        return missed[-1] if missed else None


def _no_answer(event: int | BaseException) -> str | None:
    if isinstance(event, int):
        return network.server_error(event) if event >= 500 else None
    return network.unreachable_reason(event)


@contextmanager
def _typed_credentials_only() -> Iterator[None]:
    """garminconnect's login() signs in from the token store named by $GARMINTOKENS (another
    tool's, say) instead of the credentials typed here; runlift would then keep that tool's
    tokens, whoever they belong to, and each tool would refresh the other's token away."""
    saved = os.environ.pop("GARMINTOKENS", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["GARMINTOKENS"] = saved


def one_credential_attempt(api: Any, wire: SignInWire) -> None:
    """Let ``api.login()`` send exactly one credential POST: the mobile flow, with a single
    TLS fingerprint when curl_cffi is installed (garminconnect pinned at 0.3.20), its session
    watched by ``wire``."""
    import requests
    from garminconnect import client as package
    from garminconnect.client.constants import MOBILE_IMPERSONATIONS

    client = api.client
    keep = "mobile+cffi" if package.HAS_CFFI else "mobile+requests"
    client.skip_strategies = set(STRATEGIES) - {keep}

    def watched_login(session: Any, email: str, password: str) -> None:
        client._do_mobile_login(wire.watch(session), email, password)

    def mobile_once(email: str, password: str) -> None:
        client._login_with_impersonations(
            "mobile+cffi", MOBILE_IMPERSONATIONS[:1], watched_login, email, password
        )

    def mobile_requests(email: str, password: str) -> None:
        watched_login(requests.Session(), email, password)

    setattr(client, "_mobile_login_cffi", mobile_once)  # noqa: B010
    setattr(client, "_mobile_login_requests", mobile_requests)  # noqa: B010
    # The ticket's exchange for tokens, and its refresh, go through this one POST.
    setattr(client, "_di_token_post", wire.watched(client._di_token_post))  # noqa: B010


def _savable(api: Any) -> bool:
    """Whether the session is one garminconnect's token store can hold (DI tokens)."""
    try:
        tokens = json.loads(api.client.dumps())
    except (TypeError, ValueError):
        return False
    return all(
        isinstance(tokens.get(k), str) and tokens[k] for k in ("di_token", "di_refresh_token")
    )


def _failed(config: Config, at: datetime, reason: str) -> UserError:
    window = timedelta(minutes=config.garmin.login_cooloff_minutes)
    recent = [t for t in _read_failures() if at - t < window] + [at]
    _write_failures(recent)
    limit = config.garmin.login_max_failures
    if len(recent) >= limit:
        until = cooloff.record(
            SERVICE,
            at,
            None,
            window.total_seconds(),
            why=f"{len(recent)} refused sign-ins within {config.garmin.login_cooloff_minutes} min",
        )
        _failures_file().unlink(missing_ok=True)
        return RateLimited(
            f"Garmin sign-in failed {len(recent)} times ({reason}); to keep Garmin from locking "
            f"the account runlift will not sign in or sync before {cooloff.local_time(until)}"
        )
    left = limit - len(recent)
    return UserError(
        f"Garmin sign-in failed ({reason}); not retried. {left} more failed attempt(s) pause "
        "sign-ins"
    )


def _reason(exc: Exception, stage: str, wire: SignInWire) -> str:
    """A refused sign-in in the athlete's words, from the exception's type and the stage."""
    from garminconnect import GarminConnectAuthenticationError

    if isinstance(exc, GarminConnectAuthenticationError):
        return "the code was not accepted" if stage == "code" else "wrong email or password"
    status = wire.last_status()
    answered = f" (HTTP {status})" if status is not None and status >= 400 else ""
    return f"Garmin Connect refused the sign-in{answered}"


def _failures_file() -> Path:
    return paths.data_dir() / "garmin-login-failures.json"


def forget_failures() -> None:
    """Start counting refused sign-ins afresh (`runlift resume garmin`)."""
    _failures_file().unlink(missing_ok=True)


def _failures(value: Any) -> list[datetime]:
    return [own_files.moment(item, "a failed sign-in's time") for item in own_files.listing(value)]


def _read_failures() -> list[datetime]:
    return own_files.read_json(_failures_file(), _failures, "failed Garmin sign-ins") or []


def _write_failures(times: list[datetime]) -> None:
    write_json(_failures_file(), [t.isoformat() for t in times])
