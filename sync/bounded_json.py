"""JSON from someone else (a service's answer, a file in the data folder), read within limits.

- at most ``limits.JSON_BYTES`` (the caller may give another cap), valid UTF-8;
- lists and objects at most ``limits.JSON_DEPTH`` inside each other (deeper is refused before
  the parser's recursion can fail);
- numbers no service sends are read as missing (null): infinity, NaN, and whole numbers past
  SQLite's INTEGER (``limits.LARGEST_INTEGER``), so an id or a count of 20,000 digits can neither
  stop Python's integer parser nor overflow the state file.

``loads`` raises ``JsonRefused`` with the reason in a few words; callers name the file or the
answer in their one line.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any

from runlift.sync import limits


class JsonRefused(ValueError):
    """Not JSON runlift reads; ``str()`` says why in a few words."""


def loads(data: bytes | str, *, max_bytes: int = limits.JSON_BYTES) -> Any:
    return read(data, max_bytes=max_bytes)[0]


def read(data: bytes | str, *, max_bytes: int = limits.JSON_BYTES) -> tuple[Any, bool]:
    """The value, and whether a number in it was read as missing."""
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > max_bytes:
        raise JsonRefused(f"larger than {limits.size_text(max_bytes)}")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JsonRefused("not UTF-8 text") from None
    else:
        text = data
    if _too_deep(text):
        raise JsonRefused(f"nested more than {limits.JSON_DEPTH} levels deep")
    numbers = _Numbers()
    try:
        value = json.loads(
            text,
            parse_int=numbers.integer,
            parse_float=numbers.real,
            parse_constant=numbers.constant,
        )
    except RecursionError:
        raise JsonRefused(f"nested more than {limits.JSON_DEPTH} levels deep") from None
    except ValueError as exc:
        raise JsonRefused(f"not valid JSON ({_where(exc)})") from None
    return value, numbers.dropped


class _Numbers:
    def __init__(self) -> None:
        self.dropped = False

    def integer(self, text: str) -> int | None:
        # Beyond 19 digits (plus a sign) no value fits; int() of 20,000 digits is refused by
        # Python itself, so the length is looked at first.
        if len(text) > 20:
            self.dropped = True
            return None
        value = int(text)
        if abs(value) > limits.LARGEST_INTEGER:
            self.dropped = True
            return None
        return value

    def real(self, text: str) -> float | None:
        value = float(text)
        if not math.isfinite(value):
            self.dropped = True
            return None
        return value

    def constant(self, text: str) -> None:
        """NaN, Infinity, -Infinity: not JSON, though Python's parser takes them."""
        self.dropped = True
        return None


def _too_deep(text: str) -> bool:
    """More than JSON_DEPTH lists and objects inside each other, strings not counted.

    Looked at before parsing: json.loads fails with RecursionError only far deeper, and the
    values it builds would stop other readers' recursion later.
    """
    if text.count("[") + text.count("{") <= limits.JSON_DEPTH:
        return False
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > limits.JSON_DEPTH


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _where(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"line {exc.lineno} column {exc.colno}"
    return "a value it cannot hold"
