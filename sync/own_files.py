"""The one reader of runlift's own JSON files in its data folder (pauses, counts, job outcomes,
sign-ins).

Each file is read only when it is a regular file of the user running runlift, not a link
(``safe_paths.read_regular(own=True)``), of at most ``limits.OWN_FILE_BYTES``, UTF-8 JSON within
``bounded_json``'s limits, and of the shape its owner expects (``shape`` raises ``ShapeError``).
Anything else is one line naming the file and what to do, never a traceback and never a file
followed through a link.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from runlift.sync import bounded_json, limits, safe_paths
from runlift.sync.errors import UserError


class ShapeError(ValueError):
    """The file's JSON is not what runlift writes there; ``str()`` says what is wrong."""


class DamagedOwnFile(UserError):
    """One of runlift's own files cannot be used; the message names it and what to do.

    ``reason`` is what is wrong with it, for callers with their own line ("a link ...").
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def read_json[T](
    path: Path, shape: Callable[[Any], T], what: str, *, damaged_is_missing: bool = False
) -> T | None:
    """The file's value as ``shape`` reads it; None when there is no such file.

    ``what`` says what runlift keeps there ("rate-limit pauses"). ``damaged_is_missing``: for a
    file that only remembers a convenience, content of the wrong shape reads as no file (it is
    rewritten whole next time); a link, a pipe or another user's file is refused all the same.
    """
    try:
        data = safe_paths.read_regular(path, limits.OWN_FILE_BYTES, own=True)
    except FileNotFoundError:
        return None
    except safe_paths.PathRefused as exc:
        raise DamagedOwnFile(
            f"{path}: {exc}; runlift keeps its {what} there: move it away and run the "
            "command again",
            str(exc),
        ) from None
    except OSError as exc:
        reason = f"cannot be read ({exc.strerror or exc})"
        raise DamagedOwnFile(f"{path}: {reason}", reason) from None
    try:
        value = bounded_json.loads(data, max_bytes=limits.OWN_FILE_BYTES)
        return shape(value)
    except (bounded_json.JsonRefused, ShapeError) as exc:
        if damaged_is_missing:
            return None
        raise DamagedOwnFile(
            f"{path}: damaged ({exc}); it holds runlift's {what}: delete it and run the "
            "command again",
            f"damaged ({exc})",
        ) from None


# -- shapes


def mapping(value: Any, what: str = "the file") -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ShapeError(f"{what} is not a JSON object")
    return value


def listing(value: Any, what: str = "the file") -> list[Any]:
    if not isinstance(value, list):
        raise ShapeError(f"{what} is not a JSON list")
    return value


def text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ShapeError(f"{what} is not text")
    return value


def whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ShapeError(f"{what} is not a whole number")
    return value


def flag(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise ShapeError(f"{what} is not true or false")
    return value


def moment(value: Any, what: str) -> datetime:
    """An ISO date and time with its offset, as runlift writes them."""
    written = text(value, what)
    try:
        parsed = datetime.fromisoformat(written)
    except ValueError:
        raise ShapeError(f"{what} is not a date and time") from None
    if parsed.tzinfo is None:
        raise ShapeError(f"{what} has no time zone offset")
    if not limits.year_in_range(parsed.year):
        raise ShapeError(f"{what} is not between {limits.FIRST_YEAR} and {limits.LAST_YEAR}")
    return parsed
