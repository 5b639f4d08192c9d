"""The words of every config error: the key as written, the kind of value it takes in a
user's words (never a Python type name), the nearest key or value when one was misspelled,
the values allowed, and never a secret's value, whatever was written there.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterable
from dataclasses import is_dataclass
from typing import Any

# A value echoed in a message is cut to this many characters.
MAX_SHOWN = 40
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]{1,60}")


def kind_words(annotation: Any) -> str:
    """The kind of value a key takes, as a user reads it."""
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "whole number"
    if annotation is float:
        return "number"
    if annotation is str:
        return "text"
    if typing.get_origin(annotation) is tuple:
        return "list of texts"
    if is_dataclass(annotation) or typing.get_origin(annotation) is dict:
        return "table"
    raise TypeError(f"no words for {annotation!r}")


def with_article(kind: str) -> str:
    if kind in ("true or false",):
        return kind
    if kind == "text":
        return 'text in quotes (e.g. "...")'
    return f"a {kind}"


def toml_text(value: Any) -> str:
    """A value as it is written in config.toml."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(toml_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value)


def shown(value: Any) -> str:
    """A value a user wrote, for a message: as TOML, one line, cut short."""
    text = " ".join(toml_text(value).split())
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def key_as_written(name: str) -> str:
    """A key from the user's file, as they would find it there (quoted when TOML needs it)."""
    parts = name.split(".")
    if all(_BARE_KEY.fullmatch(part) for part in parts):
        return name
    return shown(name)


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from ``a`` to ``b``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        current = [i]
        for j, right in enumerate(b, 1):
            cost = 0 if left == right else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and left == b[j - 2] and a[i - 2] == right:
                best = min(best, previous2[j - 2] + 1)
            current.append(best)
        previous2, previous = previous, current
    return previous[-1]


def nearest(word: str, candidates: Iterable[str]) -> list[str]:
    """The candidates closest to ``word`` (a misspelling, another case, a word cut short)."""
    folded = word.strip().lower().replace("-", "_").replace(" ", "_")
    if len(folded) > 100:
        return []
    scored: list[tuple[int, str]] = []
    for candidate in dict.fromkeys(candidates):
        target = candidate.lower()
        if folded == target:
            scored.append((0, candidate))
            continue
        edits = distance(folded, target)
        if edits <= max(2, len(target) // 3):
            scored.append((edits, candidate))
        elif len(folded) >= 3 and (target.startswith(folded) or folded.startswith(target)):
            scored.append((3, candidate))
    if not scored:
        return []
    best = min(score for score, _ in scored)
    return [candidate for score, candidate in scored if score == best][:3]


def did_you_mean(options: list[str]) -> str:
    return f" (did you mean {' or '.join(options)}?)" if options else ""


def one_of(choices: Iterable[str]) -> str:
    return ", ".join(toml_text(choice) for choice in choices)
