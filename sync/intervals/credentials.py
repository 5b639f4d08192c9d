"""The intervals.icu API key and athlete id: the environment first, then [intervals] in the config.

The key is a password: it goes into the Authorization header and nowhere else (never into a
message, a log line or a URL).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from runlift.sync.config import Config
from runlift.sync.errors import UserError

ENV_KEY = "INTERVALS_API_KEY"
ENV_ATHLETE = "INTERVALS_ATHLETE_ID"
# "0" means the key's owner; other athletes are "i12345" (or the bare number).
_ATHLETE = re.compile(r"i?\d+")


@dataclass(frozen=True)
class IntervalsCredentials:
    athlete_id: str
    base_url: str
    api_key: str = field(repr=False)


def credentials(config: Config) -> IntervalsCredentials:
    key = (os.environ.get(ENV_KEY) or config.intervals.api_key).strip()
    if not key:
        raise UserError(
            f"intervals.icu API key missing: set {ENV_KEY} (or intervals.api_key in "
            f"{config.path or 'the config file'}); the key is on the intervals.icu settings page"
        )
    from_env = os.environ.get(ENV_ATHLETE, "").strip()
    athlete = from_env or config.intervals.athlete_id
    if not _ATHLETE.fullmatch(athlete):
        where = ENV_ATHLETE if from_env else f"{config.where()}intervals.athlete_id"
        raise UserError(f"{where} {athlete!r}: not 0 (the key's owner) or an id like i12345")
    return IntervalsCredentials(athlete, config.intervals.base_url.rstrip("/"), key)
