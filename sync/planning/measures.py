"""How long or how far a session is, read from its title ("Long run 18 km", "Easy 45'").

Repeats ("6 x 800 m"), paces ("5:10/km", "pace 6'30\"") and race paces ("@ half marathon
pace") are not the session's length and are skipped. Of several lengths ("90-120 min") the
largest counts. Units are the word lists' (km, k, miles, 公里, キロ, 킬로, ...); a race named
("half marathon distance") is its distance; Hal Higdon's "3 m run" is miles: a small number of
m before a run word (400 m is never a whole run). A title that is one bare number ("12.9") has
the plan's own unit (:func:`plan_unit_m`), which the planner applies.

Everything is read from the title's tokens (``words.reading``), in time linear in its length.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from runlift.sync.planning import vocabulary, words
from runlift.sync.planning.lexicon import Spans, Token, TokenKind

KM = 1000.0
MILE = 1609.344
HIGDON_MAX_MILES = 30.0
HALF_MARATHON_M = 21_097.5
MARATHON_M = 42_195.0
_DISTANCE_UNITS = {"km": KM, "mi": MILE}
_PACE_SEPARATORS = frozenset({"/", "per", "pro", "par", "por", "al", "a", "na", "pr"})
_CLOCK_ENDS = frozenset({"/", "am", "pm", "uhr"})
_MAX_S = 12 * 3600
# A session written in more parts than this is not summed ("+" as a list, not a sum).
# Seconds in a repeat's unit of time.
_TIME_UNITS = {"s": 1.0, "min": 60.0, "h": 3600.0}
# A length at least this share of the other lengths' sum is the session's whole, not a part.
_WHOLE_SHARE = 0.9
# Repeats longer than this in all are no interval block (a unit misread: "10*30'" for seconds).
_MAX_BLOCK_S = 150 * 60
_MAX_PARTS = 6


def distance_m(text: str) -> float | None:
    found = distances_m(text)
    return max(found) if found else None


def total_distance_m(text: str) -> float | None:
    """The distance of a session written in parts ("5 mi at 78% 5k + 5 mi at 80% 5k"): their
    sum when every part gives one; else the longest distance the text gives."""
    read = words.reading(text)
    plain = read.plain
    cuts = [
        t.start
        for t in read.tokens
        if t.text == "+" and not read.elevation.overlaps(t.start, t.end)
    ]
    parts = [
        plain[a + 1 if a else 0 : b] for a, b in zip([0, *cuts], [*cuts, len(plain)], strict=True)
    ]
    if 1 < len(parts) <= _MAX_PARTS:
        lengths = [distance_m(part) for part in parts]
        if all(length is not None for length in lengths):
            return sum(length for length in lengths if length is not None)
    return distance_m(text)


def duration_s(text: str) -> float | None:
    found = durations_s(text)
    return max(found) if found else None


def total_duration_s(text: str) -> float | None:
    """How long a session written in parts takes: "10 min warm-up, 3 x 4 min, 5 min cool-down"
    is their sum (the repeats by count); a length that holds the others ("35 min (25 min easy,
    2 x 5 min)") is the whole. Without repeats in time, the longest duration the text gives."""
    found = durations_s(text)
    blocks = [
        block
        for repeat in words.reading(text).repeats
        if repeat.unit in _TIME_UNITS
        and repeat.count >= 2
        and (block := repeat.count * repeat.value * _TIME_UNITS[repeat.unit]) <= _MAX_BLOCK_S
    ]
    if not blocks:
        return max(found) if found else None
    whole = max(found, default=0.0)
    parts = sum(found) - whole + sum(blocks)
    total = whole if whole >= _WHOLE_SHARE * parts else whole + parts
    return total if total <= _MAX_S else None


def single_length(text: str) -> tuple[float | None, float | None]:
    """(distance, duration) of a text that gives exactly one length, else (None, None).

    A description that lists one step ("interval 42.2km") gives the run's length; one that
    lists several (warm-up, repeats, cool-down) does not.
    """
    distances, durations = distances_m(text), durations_s(text)
    if len(distances) + len(durations) != 1:
        return None, None
    return (distances[0] if distances else None), (durations[0] if durations else None)


def distances_m(text: str) -> list[float]:
    """Every length the text gives in distance (a race named when it gives none)."""
    read = words.reading(text)
    tokens = read.tokens
    blocked = _paces(read) | Spans.of((r.start, r.end) for r in read.repeats) | read.elevation
    found: list[float] = []
    for index, token in enumerate(tokens):
        value = token.value
        if value is None or value <= 0:
            continue
        at = index + 1
        if at < len(tokens) and tokens[at].text == "-":
            at += 1
        unit = read.units.get(at)
        if unit is None:
            continue
        name, last = unit
        if blocked.overlaps(token.start, token.end):
            continue
        if name in _DISTANCE_UNITS:
            if not read.race_pace.overlaps(token.start, token.end):
                found.append(value * _DISTANCE_UNITS[name])
        elif name == "m" and _higdon_miles(read, index, last) and value <= HIGDON_MAX_MILES:
            # "5 m pace" is five miles at marathon pace: read whatever race paces say.
            found.append(value * MILE)
    if not found:
        metres = vocabulary.current().race_metres
        skip = vocabulary.current().not_lengths
        for start, end, name in read.race_distances:
            if name not in skip and not blocked.overlaps(start, end):
                found.append(metres[name])
                break
    return found


def durations_s(text: str) -> list[float]:
    """Every sensible length the text gives in time."""
    read = words.reading(text)
    tokens = read.tokens
    blocked = (
        _paces(read)
        | read.race_pace
        | read.elevation
        | Spans.of((r.start, r.end) for r in read.repeats)
    )
    found: list[float] = []
    used: set[int] = set()
    count = len(tokens)
    for index, token in enumerate(tokens):
        value = token.value
        if value is None or index in used or blocked.overlaps(token.start, token.end):
            continue
        unit = read.units.get(index + 1)
        # "1h30", "1 h 30": hours and minutes.
        if unit is not None and unit[0] == "h":
            after = unit[1] + 1
            minutes = tokens[after].value if after < count else None
            following = read.units.get(after + 1)
            if (
                minutes is not None
                and len(tokens[after].text) == 2
                and (following is None or following[0] == "min")
            ):
                found.append(value * 3600 + minutes * 60)
                used.add(after)
                if following is not None:
                    used.add(after + 1)
            else:
                found.append(value * 3600)
            continue
        if unit is not None and unit[0] == "min":
            found.append(value * 60)
            continue
        # "1:30" alone is hours and minutes, the way plans write a long run's length; "7:30"
        # is more likely a time of day. "1:30:00" is hours, minutes and seconds.
        if index + 2 < count and tokens[index + 1].text == ":" and _two_digits(tokens[index + 2]):
            last = index + 2
            seconds = None
            if last + 2 < count and tokens[last + 1].text == ":" and _two_digits(tokens[last + 2]):
                seconds = tokens[last + 2].value
                last += 2
            if last + 1 < count and tokens[last + 1].text in _CLOCK_ENDS:
                continue
            minutes = tokens[index + 2].value or 0.0
            used.update(range(index, last + 1))
            if seconds is not None:
                found.append(value * 3600 + minutes * 60 + seconds)
            elif value <= 4 and token.text.isdigit():
                found.append(value * 3600 + minutes * 60)
    return [s for s in found if 0 < s <= _MAX_S]


def bare_number(text: str) -> float | None:
    """The number of a title that is one number and nothing else ("12.9"), else None."""
    read = words.reading(text)
    numbers = [t for t in read.tokens if t.kind is TokenKind.NUMBER]
    if len(numbers) != 1 or not read.markers.wordless or read.units:
        return None
    if any(t.kind is not TokenKind.NUMBER and t.text not in (".", ",") for t in read.tokens):
        return None
    value = numbers[0].value
    return value if value is not None and value > 0 else None


def zero(text: str) -> bool:
    """A title that is the number 0 and nothing else ("0", "0 km", "0.0"): no run that day."""
    read = words.reading(text)
    numbers = [t.value for t in read.tokens if t.kind is TokenKind.NUMBER]
    return read.markers.wordless and numbers == [0.0]


def plan_unit(titles: Iterable[str]) -> tuple[str, float]:
    """The unit a plan writes its lengths in: ("distance", metres) or ("duration", seconds).

    Miles when most of its distances are in miles, else kilometres; minutes when it writes
    more durations than distances.
    """
    counts: Counter[str] = Counter()
    for title in titles:
        read = words.reading(title)
        for index, token in enumerate(read.tokens):
            if token.value is None:
                continue
            unit = read.units.get(index + 1)
            if unit is None:
                continue
            if unit[0] in _DISTANCE_UNITS:
                counts[unit[0]] += 1
            elif unit[0] == "m" and _higdon_miles(read, index, unit[1]):
                counts["mi"] += 1
            elif unit[0] in ("min", "h"):
                counts["time"] += 1
    if counts["time"] > counts["km"] + counts["mi"]:
        return "duration", 60.0
    return "distance", MILE if counts["mi"] > counts["km"] else KM


def _two_digits(token: Token) -> bool:
    return token.kind is TokenKind.NUMBER and len(token.text) == 2 and token.text.isdigit()


def _higdon_miles(read: words.Reading, index: int, last: int) -> bool:
    """ "3 m run", "5 m pace", "Run 4 m": a number of m that is miles."""
    tokens = read.tokens
    if index > 0 and tokens[index - 1].text in ("x", ".", ","):
        return False
    if last + 1 < len(tokens) and (last + 1) in read.miles_words:
        return True
    return last == len(tokens) - 1 and index > 0 and tokens[index - 1].text in ("run",)


def _paces(read: words.Reading) -> Spans:
    """Paces: "5:10/km", "4.45 min per km", "8:50-9:10/mi", "pace 6'30\"", "5'45\"/km"."""
    tokens = read.tokens
    count = len(tokens)
    ranges = []
    for index, token in enumerate(tokens):
        if token.kind is not TokenKind.NUMBER:
            continue
        end = _time_end(tokens, index)
        if end is None:
            continue
        marked = tokens[index + 1].text == "'" if index + 1 < count else False
        after = end + 1
        if (
            after + 1 < count
            and tokens[after].text == "-"
            and ((second := _time_end(tokens, after + 1)) is not None)
        ):
            end = second
            after = end + 1
        if after < count and tokens[after].text == "min":
            after += 1
        if after + 1 < count and tokens[after].text in _PACE_SEPARATORS:
            unit = read.units.get(after + 1)
            if unit is not None and unit[0] in _DISTANCE_UNITS:
                ranges.append((token.start, tokens[unit[1]].end))
                continue
        before = index - 1
        if before >= 0 and tokens[before].text in (":", "："):
            before -= 1
        if marked and before >= 0 and before in read.pace_words:
            ranges.append((token.start, tokens[end].end))
    return Spans.of(ranges)


def _time_end(tokens: tuple[Token, ...], index: int) -> int | None:
    """The last token of a pace's time at ``index``: "5:10", "5'45\"", "5.10"; else None."""
    count = len(tokens)
    if tokens[index].kind is not TokenKind.NUMBER:
        return None
    if (
        index + 2 < count
        and tokens[index + 1].text in (":", "'")
        and _two_digits(tokens[index + 2])
    ):
        end = index + 2
        if end + 1 < count and tokens[end + 1].text in ('"', "''"):
            end += 1
        return end
    return index
