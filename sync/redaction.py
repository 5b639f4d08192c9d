"""Secrets kept out of what runlift prints and logs, whoever wrote the text around them."""

from __future__ import annotations

from collections.abc import Iterable

from runlift.sync import logs

# Shorter texts (a one-letter "secret") would blank out words of the message around them.
MIN_SECRET_CHARS = 4


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every secret in ``secrets`` replaced by "[redacted]" (longest first, so a
    secret holding another is hidden whole)."""
    for secret in sorted({s for s in secrets if s and len(s) >= MIN_SECRET_CHARS}, key=len)[::-1]:
        text = text.replace(secret, logs.REDACTED)
    return text


def keep_out_of_logs(*secrets: str | None) -> None:
    """From now on runlift's log shows these as "[redacted]", whatever logged them."""
    logs.SECRETS.add(secrets)
