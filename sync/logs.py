"""One line per event on stderr (journald adds the time), with every known secret redacted."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

LOGGER_NAME = "runlift"
REDACTED = "[redacted]"
_MIN_SECRET_LENGTH = 6


class SecretFilter(logging.Filter):
    """Replaces any registered secret in a record's final text, whatever logged it."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()

    def add(self, secrets: Iterable[str | None]) -> None:
        self._secrets.update(s for s in secrets if s and len(s) >= _MIN_SECRET_LENGTH)

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        text = " ".join(text.split())
        record.msg, record.args = text, None
        if record.exc_info:
            # A traceback can quote request bodies: keep only the exception's one-line summary.
            error = record.exc_info[1]
            record.msg = f"{text} ({type(error).__name__})"
            record.exc_info = record.exc_text = None
        return True


SECRETS = SecretFilter()


def logger() -> logging.Logger:
    return logging.getLogger(LOGGER_NAME)


def setup(level: int = logging.INFO, stream: object = None) -> logging.Handler:
    """Send runlift's log (and its libraries' warnings) to stderr, one event a line."""
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("runlift %(levelname)s %(message)s"))
    handler.addFilter(SECRETS)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logger().setLevel(level)
    return handler
