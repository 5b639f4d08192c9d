"""What a session's title and description say about it, in the words runners' plans use.

The words are data: one list per language in ``runlift/sync/data/words`` (English, German,
French, Spanish, Italian, Dutch, Portuguese, Norwegian, Swedish, Danish, Finnish, Polish,
Chinese, Japanese, Korean), and the runner's own from config.toml's ``[plan.words]``
(``runlift.sync.planning.vocabulary``). They name workouts, long runs, easy and recovery runs,
strides, races and race distances, race paces, rest days, strength sessions (the plan's own
strength days), reminders and placeholders that are no session at all, the run the day before a
race, running itself and the other sports a calendar holds.

What is read besides words is the same in every language: repeats ("6 x 800 m", "5x1km",
"10x(400+200)", "12*300 m", the length first: "600m x 6"; the lists add a language's own
"times": "8 mal 600 m", "6 ganger 1000 m"), elevation gains that are no length ("D+400m"),
strides with their counts ("4-6 strides", "Steigerungen: 5 x 80 m"), and what
is left over when every known word is taken out (a name: "Run Rome The Marathon"; or nothing
but numbers: "12.9"). A text is read once, in time linear in its length
(``runlift.sync.planning.lexicon``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from runlift.sync.planning import lexicon, vocabulary
from runlift.sync.planning.lexicon import (
    Match,
    Spans,
    Token,
    TokenKind,
    normalize,
    tokenize,
)
from runlift.sync.planning.vocabulary import NOT, Vocabulary

__all__ = ["Markers", "Reading", "Repeat", "everyday", "normalize", "read", "reading"]

# A title or description is read up to here: no plan says more about one session.
MAX_TEXT_CHARS = 4_000
# Texts up to this long are remembered once read (titles; a reading keeps its tokens).
READING_CACHE_CHARS = 500
# Strides-length repeats: up to 30 seconds or 150 metres.
STRIDE_MAX_S = 30.0
STRIDE_MAX_M = 150.0
# Marks that end a title's sport label: "Run: ...", "Lauf - ...", "Course | ...".
LABEL_ENDS = frozenset({":", "|", "•", "-", "·", "/"})
# Around a strides word, how far its counts and repeats reach ("4-6 x 20 s strides").
_STRIDE_REACH = 7
_STRIDE_LINKS = frozenset(
    {"x", "*", "-", "(", ")", ":", "to", "bis", "a", "of", "de", "di", "van", "@"}
)
_PERCENT_HARD = (95.0, 150.0)
# Kinds that give way to a session word of another language on the same words ("lento"), and
# the kinds that name a session.
_YIELDING = frozenset({"not_a_run", "walk"})
_SESSION_KINDS = ("easy", "run", "long", "quality", "strides", "race", "race_pace", "recovery")
# Marks between a repeat's count and its length, in every language: "6 x 800 m", "10*400m".
_TIMES_MARKS = frozenset({"x", "*"})
# A count written after its length ("400m x 8") is a whole number in this range.
REPEAT_COUNTS = (2.0, 60.0)


@dataclass(frozen=True)
class Repeat:
    """Repeats written "6 x 800 m": the count, the length of one and its unit ("" unknown)."""

    count: int
    value: float
    unit: str
    text: str
    start: int
    end: int

    @property
    def stride_length(self) -> bool:
        if self.unit == "s":
            return self.value <= STRIDE_MAX_S
        if self.unit in ("m", ""):
            # 50-150 reads as metres; smaller numbers are minutes ("5x3m") or kilometres.
            return 50 <= self.value <= STRIDE_MAX_M
        return False


@dataclass(frozen=True)
class Markers:
    """What one piece of text says, each as the first word found (empty when none)."""

    race: str = ""
    race_distance: str = ""
    race_pace: str = ""
    quality: str = ""
    repeats: str = ""
    hard_zone: str = ""
    strides: str = ""
    long: str = ""
    easy: str = ""
    rest: str = ""
    run: str = ""
    # The run word of the text itself, not of a sport label ("Run: Core Stability" has none).
    run_word: str = ""
    other_sport: str = ""
    life: str = ""
    session: str = ""
    strength: str = ""
    pre_race: str = ""
    not_a_run: str = ""
    walk: str = ""
    recovery: str = ""
    # A pace given as a share of a race's below a workout's ("at 75-80% 5k"): a steady run.
    steady_pace: str = ""
    plan_end: str = ""
    practice: str = ""
    # A workout word that names more than a session's structure ("tempo", not "intervals":
    # a beginner's run/walk "intervals" are easy running).
    strong_quality: str = ""
    training_distance: str = ""
    # The race distance's name in the word lists ("marathon", "half", "10k").
    race_distance_name: str = ""
    # The first word no list knows, outside a phrase joined by "with"/"and" ("rome").
    name: str = ""
    # Words no list knows, in order (at most a few).
    unknown: tuple[str, ...] = ()
    # Numbers and marks only ("12.9", "8 km"): nothing in words.
    wordless: bool = False
    # The words found that came from the runner's [plan.words], as "kind:word".
    runner: tuple[str, ...] = ()

    @property
    def workout(self) -> str:
        """A named hard session: race pace, a workout word, hard repeats or a hard zone."""
        return self.race_pace or self.quality or self.repeats or self.hard_zone

    @property
    def session_words(self) -> tuple[str, ...]:
        """Every word found that names a kind of session."""
        found = (
            self.is_race,
            self.race_distance,
            self.race_pace,
            self.quality,
            self.repeats,
            self.hard_zone,
            self.strides,
            self.long,
            self.easy,
        )
        return tuple(word for word in found if word)

    @property
    def training(self) -> bool:
        """Names a kind of training session (so a race distance in it is not a race)."""
        return bool(self.coached or self.run)

    @property
    def coached(self) -> bool:
        """Says what kind of training the run is (more than "run")."""
        return bool(self.workout or self.repeats or self.strides or self.long or self.easy)

    @property
    def is_race(self) -> str:
        """The race word, or the race distance when the text names a race and not training.

        "Berlin Marathon", "10K" and "Run Rome The Marathon" (a run of a race's distance named
        as an event) are races; "Easy 10K", "Long run: half marathon distance" and "Run 10K"
        are not.
        """
        if self.race:
            return self.race
        distance = self.race_distance
        if not distance or self.training_distance:
            return ""
        if not self.training:
            return distance
        if not self.coached and self.name:
            return distance
        return ""

    @property
    def says_running(self) -> str:
        """A word that says the text is about a run, whatever kind (empty when none)."""
        return (
            self.run
            or self.session
            or self.pre_race
            or self.race_distance
            or self.rest
            or self.steady_pace
            or self.practice
            or self.walk
        ) or next(iter(self.session_words), "")

    def by(self, word: str) -> bool:
        """Whether ``word`` (a marker's value) came from the runner's own words."""
        return any(item.split(":", 1)[1] == word for item in self.runner)


@dataclass(frozen=True)
class Reading:
    """A text's markers, and what its lengths are read from (``measures``)."""

    markers: Markers
    repeats: tuple[Repeat, ...]
    plain: str = ""
    tokens: tuple[Token, ...] = ()
    # Token index -> (unit, index of the unit's last token).
    units: dict[int, tuple[str, int]] = field(default_factory=dict)
    race_pace: Spans = field(default_factory=Spans)
    # Race distances named, not as a pace: (start, end, name).
    race_distances: tuple[tuple[int, int, str], ...] = ()
    # Token indexes where a word that makes Higdon's "3 m" miles starts, and pace words.
    miles_words: frozenset[int] = frozenset()
    pace_words: frozenset[int] = frozenset()
    # Elevation gain written beside a length ("D+400m", "4770 D+", "600 Hm"): no length, no join.
    elevation: Spans = field(default_factory=Spans)


def forget() -> None:
    """Forget every text read (what a fresh process starts from; for benchmarks)."""
    _reading_cached.cache_clear()
    _long_reading_cached.cache_clear()
    lexicon.forget()


def read(text: str) -> Markers:
    return reading(text).markers


def reading(text: str) -> Reading:
    """The text read with the current vocabulary; past ``MAX_TEXT_CHARS`` nothing is read."""
    vocab = vocabulary.current()
    text = text[:MAX_TEXT_CHARS]
    if len(text) <= READING_CACHE_CHARS:
        return _reading_cached(vocab, text)
    return _long_reading_cached(vocab, text)


@lru_cache(maxsize=4096)
def _reading_cached(vocab: Vocabulary, text: str) -> Reading:
    return _reading(vocab, text)


# Long texts (descriptions) are remembered too, a few at a time: a plan reads each several times.
@lru_cache(maxsize=64)
def _long_reading_cached(vocab: Vocabulary, text: str) -> Reading:
    return _reading(vocab, text)


def _reading(vocab: Vocabulary, text: str) -> Reading:
    plain = normalize(text)
    tokens = tokenize(plain)
    first, label = _label(vocab, plain, tokens)
    found = vocab.matcher.scan(plain, tokens, first)
    return _Reader(plain, tokens, first, found).read(label)


class _Reader:
    def __init__(
        self, plain: str, tokens: Sequence[Token], first: int, found: dict[str, list[Match]]
    ) -> None:
        self.plain = plain
        self.tokens = tokens
        self.first = first
        self.found = found
        # A unit begins its token: "8公里轻松跑" has its unit at the start of the CJK word.
        self.units: dict[int, Match] = {}
        for match in found.get(vocabulary.UNIT, ()):
            if match.start == tokens[match.first_token].start:
                self.units.setdefault(match.first_token, match)
        self.runner: list[str] = []
        self.times_words = {m.first_token: m.last_token for m in found.get("times", ())}
        self._sessions: dict[str, Spans] | None = None

    def read(self, label: str) -> Reading:
        none = Spans()
        percent = self._percent_paces()
        percent_spans = Spans.of((start, end) for start, end, _ in percent)
        pace = self._spans("race_pace", percent_spans) | percent_spans
        hard_percent = next((text for _, _, text in percent if text), "")
        steady = next((self.plain[start:end] for start, end, text in percent if not text), "")
        strides = self._first("strides", pace)
        stride_phrases = self._stride_phrases(pace)
        elevation = self._spans("elevation", none)
        core = pace | stride_phrases | elevation
        repeats = tuple(self._repeats(core))
        repeat_spans = Spans.of((r.start, r.end) for r in repeats)
        without_repeats = core | repeat_spans
        not_race = without_repeats | self._spans("not_a_race", none)
        easy = self._first("easy", pace)
        quality = self._quality(without_repeats, strides, easy)
        weak = self._spans("weak_quality", none)
        race_distance = self._first_match("race_distance", not_race)
        leftovers = self._leftovers()
        markers = Markers(
            race=self._first("race", not_race),
            race_distance=race_distance.text.strip() if race_distance else "",
            race_distance_name=race_distance.entry.value if race_distance else "",
            race_pace=hard_percent or self._first("race_pace", percent_spans),
            quality=quality,
            repeats=next((r.text for r in repeats if r.count >= 2 and not r.stride_length), ""),
            hard_zone="" if strides else self._hard_zone(core),
            strides=strides,
            long=self._first("long", without_repeats),
            easy=easy,
            rest=self._first("rest", pace),
            run=label or self._first("run", pace),
            run_word=self._first("run", pace),
            other_sport=self._first_of(("other_sport", "strength"), pace),
            life=self._first("life", pace),
            session=self._first("session", pace),
            strength=self._first("strength", pace),
            pre_race=self._pre_race(pace),
            not_a_run=self._first("not_a_run", none),
            walk=self._first("walk", pace),
            recovery=self._first("recovery", pace),
            steady_pace=steady,
            plan_end=self._first("plan_end", none),
            practice=self._first("practice", pace),
            strong_quality=self._first("quality", without_repeats | weak),
            training_distance=self._first("training_distance", pace),
            name=self._name(leftovers),
            unknown=tuple(self.tokens[i].text for i in leftovers[:5]),
            wordless=self._wordless(),
            runner=tuple(self.runner),
        )
        return Reading(
            markers,
            repeats,
            self.plain,
            tuple(self.tokens),
            {i: (m.entry.value, m.last_token) for i, m in self.units.items()},
            pace,
            tuple(
                (m.start, m.end, m.entry.value)
                for m in self._matches(vocabulary.RACE_DISTANCE, pace | repeat_spans)
            ),
            frozenset(m.first_token for m in self.found.get("m_means_miles", ())),
            frozenset(m.first_token for m in self.found.get("pace_word", ())),
            elevation,
        )

    # -- words ---------------------------------------------------------------------------

    def _matches(self, kind: str, blocked: Spans) -> Iterable[Match]:
        own = self._own_not(kind)
        for match in self.found.get(kind, ()):
            if blocked.overlaps(match.start, match.end) or own.overlaps(match.start, match.end):
                continue
            if kind in _YIELDING and self._a_session_elsewhere(match):
                continue
            yield match

    def _a_session_elsewhere(self, match: Match) -> bool:
        """Whether another language's list reads the words of ``match`` as a session: Finnish
        "lento" (a flight) is Italian and Spanish "lento" (slow), Norwegian "gå" (walk) is the
        "GA" of "GA1" and Pfitzinger's "GA 8"."""
        if self._sessions is None:
            ranges: dict[str, list[tuple[int, int]]] = {}
            for kind in _SESSION_KINDS:
                for found in self.found.get(kind, ()):
                    ranges.setdefault(found.entry.source, []).append((found.start, found.end))
            self._sessions = {source: Spans.of(spans) for source, spans in ranges.items()}
        return any(
            spans.overlaps(match.start, match.end)
            for source, spans in self._sessions.items()
            if source != match.entry.source
        )

    def _own_not(self, kind: str) -> Spans:
        return Spans.of((m.start, m.end) for m in self.found.get(NOT + kind, ()))

    def _first_match(self, kind: str, blocked: Spans) -> Match | None:
        match = next(iter(self._matches(kind, blocked)), None)
        if match is not None and vocabulary.runner_source(match.entry):
            self.runner.append(f"{kind}:{match.text.strip()}")
        return match

    def _first(self, kind: str, blocked: Spans) -> str:
        match = self._first_match(kind, blocked)
        return match.text.strip() if match else ""

    def _first_of(self, kinds: Sequence[str], blocked: Spans) -> str:
        matches = [m for kind in kinds if (m := self._first_match(kind, blocked))]
        return min(matches, key=lambda m: m.start).text.strip() if matches else ""

    def _spans(self, kind: str, blocked: Spans) -> Spans:
        return Spans.of((m.start, m.end) for m in self._matches(kind, blocked))

    def _quality(self, blocked: Spans, strides: str, easy: str) -> str:
        """A workout word; beside strides on an easy run, speed words describe the strides."""
        if strides and easy:
            blocked = blocked | self._spans("stride_speed", Spans())
        return self._first("quality", blocked)

    def _percent_paces(self) -> list[tuple[int, int, str]]:
        """Paces written as a share of a race's pace: "at 85% 5k", "20 mi at 95% MP".

        Each as (start, end, text), the text empty when the share is below a workout's (85 % of
        a 10K's pace or faster, 95 % of a half's or marathon's): "at 75-80% 5k" is steady.
        """
        tokens = self.tokens
        refs = {m.first_token: m for m in self.found.get(vocabulary.RACE_DISTANCE, ())}
        paces = {m.first_token: m for m in self.found.get("race_pace", ())}
        found = []
        for index, token in enumerate(tokens):
            if token.text != "%" or index == 0:
                continue
            value = tokens[index - 1].value
            first = index - 1
            if first >= 2 and tokens[first - 1].text in ("-", "to") and tokens[first - 2].value:
                first -= 2
            at = index + 1
            if at < len(tokens) and tokens[at].text in ("of", "de", "du", "von", "del", "di"):
                at += 1
            ref = refs.get(at) or paces.get(at)
            if value is None or ref is None:
                continue
            long_race = ref.entry.kind == "race_pace" or (ref.entry.value not in self.SHORT_RACES)
            hard = value >= (95.0 if long_race else 85.0)
            start, end = tokens[first].start, ref.end
            found.append((start, end, self.plain[start:end] if hard else ""))
        return found

    # Races whose pace a workout runs at 85 % of; at longer ones a workout is 95 % or more.
    SHORT_RACES = frozenset({"5k", "8k", "10k"})

    def _hard_zone(self, blocked: Spans) -> str:
        if zone := self._first("hard_zone", blocked):
            return zone
        tokens = self.tokens
        for index in range(self.first, len(tokens) - 1):
            value = tokens[index].value
            if value is None or not _PERCENT_HARD[0] <= value < _PERCENT_HARD[1]:
                continue
            end = index + 1
            if tokens[end].text == "-" and end + 1 < len(tokens) and tokens[end + 1].value:
                end += 2
            if end < len(tokens) and tokens[end].text == "%":
                start, stop = tokens[index].start, tokens[end].end
                if not blocked.overlaps(start, stop):
                    return self.plain[start:stop]
        return ""

    def _pre_race(self, blocked: Spans) -> str:
        if inherent := self._first("pre_race", blocked):
            return inherent
        context = self._first("pre_race_context", blocked)
        if context and (shakeout := self._first("shakeout", blocked)):
            return f"{context} {shakeout}"
        return ""

    # -- what is left over ------------------------------------------------------------------

    def _covered(self) -> bytearray:
        covered = bytearray(len(self.tokens))
        for matches in self.found.values():
            for match in matches:
                covered[match.first_token : match.last_token + 1] = b"\x01" * (
                    match.last_token - match.first_token + 1
                )
        return covered

    def _leftovers(self) -> list[int]:
        """Indexes of word tokens (two letters or more) that no list knows, the first few."""
        covered = self._covered()
        found = []
        for index in range(self.first, len(self.tokens)):
            token = self.tokens[index]
            if covered[index] or token.kind not in (TokenKind.WORD, TokenKind.CJK):
                continue
            if token.kind is TokenKind.WORD and len(token.text) < 2:
                continue
            found.append(index)
            if len(found) >= 8:
                break
        return found

    def _name(self, leftovers: Sequence[int]) -> str:
        joins = {m.first_token for m in self.found.get("join", ())}
        joins |= {i for i, t in enumerate(self.tokens) if t.text in ("+", "&", ",", "(", "/")}
        first_join = min(joins, default=len(self.tokens))
        named = [i for i in leftovers if i < first_join]
        return self.tokens[named[0]].text if named else ""

    def _wordless(self) -> bool:
        """Numbers only: every token a number, a mark or a unit."""
        covered_units = bytearray(len(self.tokens))
        for match in self.found.get(vocabulary.UNIT, ()):
            covered_units[match.first_token : match.last_token + 1] = b"\x01" * (
                match.last_token - match.first_token + 1
            )
        has_number = False
        for index in range(self.first, len(self.tokens)):
            token = self.tokens[index]
            if token.kind is TokenKind.NUMBER:
                has_number = True
            elif (
                token.kind in (TokenKind.WORD, TokenKind.CJK)
                and not covered_units[index]
                and token.text not in _TIMES_MARKS
            ):
                return False
        return has_number

    # -- repeats and strides --------------------------------------------------------------

    def unit_at(self, index: int) -> tuple[str, int] | None:
        """The unit starting at token ``index`` and its last token, or None."""
        match = self.units.get(index)
        return (match.entry.value, match.last_token) if match is not None else None

    def _times_end(self, index: int) -> int | None:
        """The last token of a "times" at ``index``, between a count and a length: "x", "*",
        or words of the lists ("6 mal 1000 m", "5 per 2000", "6 раз по 1 км"); else None."""
        if self.tokens[index].text in _TIMES_MARKS:
            return index
        return self.times_words.get(index)

    def _repeats(self, blocked: Spans) -> Iterable[Repeat]:
        forward = list(self._counted_first(blocked))
        taken = blocked | Spans.of((r.start, r.end) for r in forward)
        yield from forward
        yield from self._length_first(taken)

    def _length_first(self, blocked: Spans) -> Iterable[Repeat]:
        """Repeats written length first: "400m x 8", "4km×2本", "20 min x 2": a length with its
        unit, "x", and a whole count that is no length itself."""
        tokens = self.tokens
        count = len(tokens)
        for index in range(self.first, count - 3):
            if tokens[index].kind is not TokenKind.NUMBER:
                continue
            found = self.unit_at(index + 1)
            if found is None:
                continue
            unit, last = found
            at = last + 1
            if at + 1 >= count or tokens[at].text not in _TIMES_MARKS:
                continue
            times, value = tokens[at + 1].value, tokens[index].value
            if times is None or value is None or not times.is_integer():
                continue
            if not REPEAT_COUNTS[0] <= times <= REPEAT_COUNTS[1] or self.unit_at(at + 2):
                continue
            start, end = tokens[index].start, tokens[at + 1].end
            if blocked.overlaps(start, end):
                continue
            yield Repeat(int(times), value, unit, self.plain[start:end], start, end)

    def _counted_first(self, blocked: Spans) -> Iterable[Repeat]:
        tokens = self.tokens
        count = len(tokens)
        for index in range(self.first, count - 2):
            times = tokens[index]
            if times.kind is not TokenKind.NUMBER:
                continue
            said = self._times_end(index + 1)
            if said is None:
                continue
            at = said + 1
            if at < count and tokens[at].text == "(":
                at += 1
            if at >= count or tokens[at].kind is not TokenKind.NUMBER:
                continue
            value = tokens[at].value
            number = times.value
            if value is None or number is None or not number.is_integer():
                continue
            last, unit = at, ""
            if at + 2 < count and tokens[at + 1].text == "/" and tokens[at + 2].value is not None:
                last, unit = at + 2, "/"
            elif (found := self.unit_at(at + 1)) is not None:
                unit, last = found
            start, end = times.start, tokens[last].end
            if blocked.overlaps(start, end):
                continue
            yield Repeat(int(number), value, unit, self.plain[start:end], start, end)

    def _stride_phrases(self, blocked: Spans) -> Spans:
        """Strides words with the counts and repeats written around them."""
        ranges = []
        tokens = self.tokens
        for match in self._matches("strides", blocked):
            left = match.first_token
            reach = 0
            while left - 1 >= self.first and reach < _STRIDE_REACH:
                before = tokens[left - 1]
                if not (
                    before.kind is TokenKind.NUMBER
                    or before.text in _STRIDE_LINKS
                    or self.unit_at(left - 1) is not None
                ):
                    break
                left -= 1
                reach += 1
            right = match.last_token
            reach = 0
            while right + 1 < len(tokens) and reach < _STRIDE_REACH:
                after = tokens[right + 1]
                if not (
                    after.kind is TokenKind.NUMBER
                    or after.text in _STRIDE_LINKS
                    or self.unit_at(right + 1) is not None
                ):
                    break
                right += 1
                reach += 1
            ranges.append((tokens[left].start, tokens[right].end))
        return Spans.of(ranges)


def _label(vocab: Vocabulary, plain: str, tokens: Sequence[Token]) -> tuple[int, str]:
    """Where the title starts after a sport label ("Run: ", "Lauf - "), and the label."""
    head = tokens[:6]
    found = vocab.matcher.scan(plain, head).get("label", ())
    for match in found:
        after = match.last_token + 1
        if match.first_token == 0 and after < len(head) and head[after].text in LABEL_ENDS:
            return after + 1, match.text.strip()
    return 0, ""


def everyday(word: str) -> bool:
    """A word that also means something else in everyday life ("sprint", "long", "race")."""
    plain = normalize(word)
    tokens = tokenize(plain)
    if not tokens:
        return False
    matches = vocabulary.current().matcher.scan(plain, tokens).get("everyday", ())
    return any(m.first_token == 0 and m.last_token == len(tokens) - 1 for m in matches)
