"""`runlift login garmin`: one sign-in attempt, tokens saved, the password forgotten.

The email, password (typed hidden) and, when Garmin asks, the MFA code are prompted for; the
password is never stored or printed. garminconnect writes its token store
(``garmin_tokens.json``, 0600) into runlift's data dir (0700), only once the session is one it
can save (DI tokens; not the browser-cookie session garminconnect falls back to when the token
exchange fails). A failed sign-in is not retried: ONE credential POST per command, whatever
Garmin answers (see ``one_credential_attempt``). Garmin answers repeated password logins with
429s that last hours, so after ``garmin.login_max_failures`` failures within
``garmin.login_cooloff_minutes``, or any 429 on sign-in, runlift records a cool-off for Garmin
(which the sync and the daemon respect too) and says when to try again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from runlift.sync import clock, cooloff, paths
from runlift.sync.config import Config
from runlift.sync.errors import RateLimited, UserError
from runlift.sync.files import atomic_write, write_json
from runlift.sync.targets.garmin.client import SERVICE, quiet_library_logs, retry_after_s

Prompt = Callable[[], str]

# garminconnect 0.3.20's login() walks these strategies in turn, and some rotate TLS fingerprints
# inside: when Garmin answers a credential POST with a Cloudflare-style 403 or a 429, one login()
# can send up to 10 of them, which is what arms Garmin's hours-long lock on the account.
STRATEGIES = ("mobile+cffi", "mobile+requests", "widget+cffi", "portal+cffi", "portal+requests")


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
    one_credential_attempt(api)
    try:
        with _typed_credentials_only():
            status, pending = api.login()
        if status == "needs_mfa":
            api.resume_login(pending, ask_code().strip())
    except GarminConnectTooManyRequestsError as exc:
        moment = now()
        until = cooloff.record(
            SERVICE, moment, retry_after_s(exc, moment), config.garmin.login_cooloff_minutes * 60
        )
        raise RateLimited(
            f"Garmin Connect refused the sign-in: too many attempts (HTTP 429). runlift will not "
            f"sign in or sync before {cooloff.local_time(until)}"
        ) from None
    except (GarminConnectAuthenticationError, GarminConnectConnectionError) as exc:
        raise _failed(config, now(), _reason(exc)) from None
    finally:
        # garminconnect forgets it only after a sign-in without MFA succeeds.
        api.password = None
    if not _savable(api):
        raise _failed(
            config,
            now(),
            "Garmin's token exchange failed and the browser session it fell back to cannot be "
            "saved; nothing was written",
        ) from None
    store = paths.garmin_token_dir()
    atomic_write(store / "garmin_tokens.json", api.client.dumps())
    _failures_file().unlink(missing_ok=True)
    return store


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


def one_credential_attempt(api: Any) -> None:
    """Let ``api.login()`` send exactly one credential POST: the mobile flow, with a single
    TLS fingerprint when curl_cffi is installed (garminconnect pinned at 0.3.20)."""
    from garminconnect import client as package
    from garminconnect.client.constants import MOBILE_IMPERSONATIONS

    client = api.client
    keep = "mobile+cffi" if package.HAS_CFFI else "mobile+requests"
    client.skip_strategies = set(STRATEGIES) - {keep}
    if keep == "mobile+cffi":
        first = MOBILE_IMPERSONATIONS[:1]

        def mobile_once(email: str, password: str) -> None:
            client._login_with_impersonations(
                "mobile+cffi", first, client._do_mobile_login, email, password
            )

        setattr(client, "_mobile_login_cffi", mobile_once)  # noqa: B010


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
        until = cooloff.record(SERVICE, at, None, window.total_seconds())
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


def _reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "mfa" in text or "verification" in text or "code" in text:
        return "the code was not accepted"
    if "401" in text or "unauthorized" in text or "password" in text or "credential" in text:
        return "wrong email or password"
    return "Garmin Connect could not be reached or refused the sign-in"


def _failures_file() -> Path:
    return paths.data_dir() / "garmin-login-failures.json"


def _read_failures() -> list[datetime]:
    try:
        values = json.loads(_failures_file().read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return []
    return [datetime.fromisoformat(v) for v in values if isinstance(v, str)]


def _write_failures(times: list[datetime]) -> None:
    write_json(_failures_file(), [t.isoformat() for t in times])
