"""The words runlift reads plans with: one file per language in the package, and the runner's.

The built-in lists are ``runlift/sync/data/words/*.toml`` (one per language, and
``common.toml`` for emoji, zones and race distances in numbers), read once per process. The
runner's own words (config.toml's ``[plan.words]``) are added to them kind by kind; a word of
the runner's carries its source, so the plan can say which days were read from it.

Reading a plan uses the vocabulary made current with :func:`using` (the built-in one when none
is): the command that loads the config makes the runner's current around reading and planning.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from runlift.sync.planning.lexicon import Entry, Matcher, PatternError, parse

# Kinds a list of words names; a kind's table may also hold ``not``: phrases that look like it
# but are not ("race week" for race).
LIST_KINDS = (
    "label",
    "walk",
    "plan_end",
    "practice",
    "weak_quality",
    "recovery",
    "race",
    "not_a_race",
    "race_pace",
    "quality",
    "hard_zone",
    "strides",
    "stride_speed",
    "long",
    "easy",
    "rest",
    "run",
    "other_sport",
    "strength",
    "not_a_run",
    "pre_race",
    "pre_race_context",
    "shakeout",
    "life",
    "session",
    "everyday",
    "sport_label",
    "join",
    "training_distance",
    "m_means_miles",
    "pace_word",
    "filler",
    "times",
    "elevation",
)
UNITS = ("km", "mi", "m", "min", "h", "s")
# What every language file says, so that a plan in it is read like one in English.
REQUIRED = (
    "race",
    "race_distance",
    "race_pace",
    "quality",
    "strides",
    "long",
    "easy",
    "rest",
    "run",
    "other_sport",
    "strength",
    "not_a_run",
    "session",
    "units",
)
NOT = "not:"
RACE_DISTANCE = "race_distance"
UNIT = "unit"


class VocabularyError(ValueError):
    """A word list that cannot be read (a packaging error, or a runner's word)."""


@dataclass(frozen=True, eq=False)
class Vocabulary:
    matcher: Matcher
    # Race distances by name, metres; the names that are no length of their own ("ultra").
    race_metres: Mapping[str, float]
    not_lengths: frozenset[str]
    languages: tuple[str, ...]
    # The runner's words by kind, as written in the config.
    runner: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def with_runner_words(self, words: Mapping[str, Sequence[str]]) -> Vocabulary:
        """This vocabulary and the runner's words (kind -> words, as [plan.words] holds them)."""
        key = tuple(sorted((kind, tuple(items)) for kind, items in words.items() if items))
        if not key:
            return self
        return _with_runner(self, key)


@lru_cache(maxsize=1)
def builtin() -> Vocabulary:
    """Every language file of the package, read once."""
    entries: list[Entry] = []
    metres: dict[str, float] = {}
    not_lengths: set[str] = set()
    languages = []
    folder = resources.files("runlift.sync").joinpath("data", "words")
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if not item.name.endswith(".toml"):
            continue
        data = tomllib.loads(item.read_text(encoding="utf-8"))
        name = item.name.removesuffix(".toml")
        languages.append(name)
        entries += language_entries(data, name, metres, not_lengths)
    return Vocabulary(Matcher.of(entries), metres, frozenset(not_lengths), tuple(languages))


def language_entries(
    data: Mapping[str, Any], source: str, metres: dict[str, float], not_lengths: set[str]
) -> list[Entry]:
    """The entries of one language file; race distances' metres are added to ``metres``."""
    entries: list[Entry] = []
    for key, value in data.items():
        if key == "language":
            continue
        if key in LIST_KINDS:
            table = _table(value, f"{source}: [{key}]")
            entries += _entries(table.get("words", []), key, source, f"{source}: {key}.words")
            entries += _entries(table.get("not", []), NOT + key, source, f"{source}: {key}.not")
        elif key == RACE_DISTANCE:
            for name, spec in _table(value, f"{source}: [{key}]").items():
                where = f"{source}: {key}.{name}"
                spec = _table(spec, where)
                given = spec.get("metres")
                if not isinstance(given, int | float) or given <= 0:
                    raise VocabularyError(f"{where}.metres must be a positive number")
                if metres.setdefault(name, float(given)) != float(given):
                    raise VocabularyError(f"{where}.metres differs from another file's")
                if spec.get("length") is False:
                    not_lengths.add(name)
                words = spec.get("words", [])
                entries += _entries(words, RACE_DISTANCE, source, where, value=name)
        elif key == "units":
            for unit, words in _table(value, f"{source}: [units]").items():
                if unit not in UNITS:
                    raise VocabularyError(f"{source}: units.{unit} is not one of {UNITS}")
                entries += _entries(words, UNIT, source, f"{source}: units.{unit}", value=unit)
        else:
            raise VocabularyError(f"{source}: unknown kind {key!r}")
    return entries


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise VocabularyError(f"{where} must be a table")
    return value


def _entries(words: Any, kind: str, source: str, where: str, value: str = "") -> list[Entry]:
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise VocabularyError(f"{where} must be a list of strings")
    found = []
    for word in words:
        try:
            found += parse(word, kind, value=value, source=source)
        except PatternError as exc:
            raise VocabularyError(f"{where}: {exc}") from None
    return found


def runner_entries(kind: str, words: Sequence[str]) -> list[Entry]:
    """The runner's words of one kind; a word that is no pattern raises PatternError."""
    source = f"plan.words.{kind}"
    found: list[Entry] = []
    for word in words:
        found += parse(word, kind, source=source)
    return found


@lru_cache(maxsize=8)
def _with_runner(base: Vocabulary, key: tuple[tuple[str, tuple[str, ...]], ...]) -> Vocabulary:
    matcher = Matcher.of(base.matcher.entries)
    for kind, words in key:
        for entry in runner_entries(kind, words):
            matcher.add(entry)
    return Vocabulary(matcher, base.race_metres, base.not_lengths, base.languages, key)


_ACTIVE: ContextVar[Callable[[], Vocabulary] | None] = ContextVar(
    "runlift_vocabulary", default=None
)


def current() -> Vocabulary:
    made = _ACTIVE.get()
    return made() if made is not None else builtin()


@contextmanager
def using(vocabulary: Vocabulary | Callable[[], Vocabulary]) -> Iterator[None]:
    """Reads plans with ``vocabulary`` inside the block. Given as a callable (``rules.vocabulary``)
    it is made when a plan's words are first read, at most once: a plan with nothing to read
    (the config's days, no calendar) never loads the word lists."""
    if isinstance(vocabulary, Vocabulary):
        chosen = vocabulary
        made: Callable[[], Vocabulary] = lambda: chosen  # noqa: E731
    else:
        made = cache(vocabulary)
    token = _ACTIVE.set(made)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def runner_source(entry: Entry) -> bool:
    return entry.source.startswith("plan.words.")
