"""COROS's own table, ``[targets.coros]``: the account's region, pauses, the sign-in form.

Declared as the target's ``settings`` and read with ``config.plugin_settings`` as any plugin's
table is (``runlift.sync.plugins``); this is the one place COROS's settings are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runlift.sync.config import setting
from runlift.sync.targets.coros.regions import HOSTS, base_url
from runlift.sync.targets.coros.signin import SignInForm

if TYPE_CHECKING:
    from runlift.sync.config import Config


@dataclass(frozen=True)
class CorosSettings:
    """COROS Training Hub (target coros). COROS publishes no API: runlift calls what the Training
    Hub web app calls, as public clients recorded it (docs/coros.md says what stays unverified
    until a real account runs it)."""

    region: str = setting(
        "eu",
        "The region your COROS account lives in: eu (Europe), us (the US and the rest of the "
        "world) or cn (China). A sign-in is good only on its region's host.",
        choices=tuple(HOSTS),
    )
    timeout_seconds: float = setting(
        20.0, "Deadline for one COROS Training Hub call, in seconds.", low=1, high=120
    )
    cooloff_minutes: int = setting(
        60,
        "After COROS answers 429 (too many requests) without a Retry-After: minutes without "
        "any call to it.",
        low=1,
        high=1440,
    )
    sign_in: str = setting(
        "bcrypt",
        "How `runlift login coros` sends the password, only ever as a digest: bcrypt, as the "
        "Training Hub web app does since July 2026, or md5, the older form.",
        choices=tuple(form.value for form in SignInForm),
    )
    base_url: str = setting(
        "",
        "The Training Hub API host to sign in to instead of the region's (a test server); "
        "empty: the region's.",
        example="http://127.0.0.1:8080",
    )

    def host(self) -> str:
        return self.base_url.rstrip("/") or base_url(self.region)


def coros_settings(config: Config) -> CorosSettings:
    return config.plugin_settings(CorosSettings)
