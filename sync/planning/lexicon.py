"""Finding a vocabulary's words in a text in one pass, in time linear in the text's length.

A text is normalized (lower case, Latin accents dropped, CJK set apart by spaces) and cut into
tokens by one regular expression without nested repetition: numbers ("12.9"), runs of letters
("intervalle"; digits and letters part: "10k" is "10" "k"), CJK runs, and every other visible
character on its own ("+", ":", "🏁"). A word list entry is a short pattern over tokens:

- words are matched whole: ``tempo`` matches "Tempo" and not "tempodauerlauf";
- ``interval*`` matches a word that starts with "interval", ``*lauf`` one that ends with "lauf";
- ``#`` matches a number: ``# km pace`` matches "8.1 km pace";
- ``^`` first says the entry counts only at the start of the title: ``^off``;
- ``(a|b|)`` gives alternatives, the empty one making the group optional:
  ``(half|halb)marathon`` is "halfmarathon" and "halbmarathon";
- a hyphen in the text between two words of an entry may be left out or written:
  ``pre race`` matches "pre-race" and "pre race";
- a CJK entry of one word matches anywhere inside CJK text (CJK has no spaces between words);
  in an entry of several words, its first CJK word ends a text word and the others begin one.

Matching looks up each token's candidates in dictionaries (exact words, then each prefix and
suffix length the vocabulary has) and follows an entry's few words from there, so a text of a
megabyte of words, digits or punctuation costs what its length costs.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

# Chinese, Japanese and Korean script: words are not separated by spaces there.
CJK_RANGES = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
)
_CJK_CHAR = re.compile(f"[{CJK_RANGES}]")
_SCRIPT_EDGE = re.compile(
    rf"(?<=[{CJK_RANGES}])(?=[^\s{CJK_RANGES}])|(?<=[^\s{CJK_RANGES}])(?=[{CJK_RANGES}])"
)
# Numbers (one decimal mark at most), runs of letters, and any other visible character alone.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+|[^\s\w]|_")
# Letters that do not decompose into a base letter and an accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "ð": "d"})
# "WeightTraining", "EasyRun": words written together, each with its capital.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Joiners and variation selectors: they glue emoji, they are no characters of their own.
_INVISIBLE = dict.fromkeys(map(ord, "\u200d\ufe0e\ufe0f\u200b\u2060"))
_PLAIN_FORMS = str.maketrans({"×": " x ", "–": "-", "—": "-", "’": "'", "‘": "'", "＂": '"'})
# A number with more digits than this is no length anyone runs (and int() refuses 4,300).
MAX_NUMBER_CHARS = 12
# Hyphens skipped between two words of an entry: "pre-race", "half - marathon".
_MAX_HYPHENS = 2
# Texts up to this long are remembered once read; longer ones are read each time.
CACHE_CHARS = 2_000


def normalize(text: str) -> str:
    """Lower case without Latin accents, full-width forms made plain, CJK set apart by spaces.

    Accents are dropped from Latin letters only (a Japanese voiced mark is part of its letter),
    the Nordic and Polish letters that do not decompose are folded ("løp" is "lop", "długi"
    "dlugi"), and a space goes between CJK script and anything else, so "LSD长距离慢跑8公里"
    reads as "lsd 长距离慢跑 8 公里" and word boundaries still work beside it.
    """
    if len(text) <= CACHE_CHARS:
        return _normalize_cached(text)
    return _normalize(text)


def forget() -> None:
    """Forget every text normalized."""
    _normalize_cached.cache_clear()


@lru_cache(maxsize=8192)
def _normalize_cached(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", _CAMEL.sub(" ", text).casefold())
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and kept[-1] < "\u0250":
            continue
        kept.append(char)
    plain = unicodedata.normalize("NFC", "".join(kept))
    plain = plain.translate(_FOLD).translate(_PLAIN_FORMS).translate(_INVISIBLE)
    return _SCRIPT_EDGE.sub(" ", plain)


class TokenKind(Enum):
    NUMBER = "number"
    WORD = "word"
    CJK = "cjk"
    MARK = "mark"


@dataclass(frozen=True)
class Token:
    text: str
    kind: TokenKind
    start: int
    end: int

    @property
    def value(self) -> float | None:
        """A number token's value (None for other tokens and absurdly long numbers)."""
        if self.kind is not TokenKind.NUMBER or len(self.text) > MAX_NUMBER_CHARS:
            return None
        return float(self.text.replace(",", "."))


def tokenize(plain: str) -> list[Token]:
    """The tokens of a normalized text, in order."""
    tokens = []
    for match in _TOKEN.finditer(plain):
        text = match.group()
        first = text[0]
        if first.isdigit():
            kind = TokenKind.NUMBER
        elif _CJK_CHAR.match(first):
            kind = TokenKind.CJK
        elif first.isalpha():
            kind = TokenKind.WORD
        else:
            kind = TokenKind.MARK
        tokens.append(Token(text, kind, match.start(), match.end()))
    return tokens


class Mode(Enum):
    EXACT = "exact"
    PREFIX = "prefix"
    SUFFIX = "suffix"
    NUMBER = "number"
    CJK = "cjk"


@dataclass(frozen=True)
class Piece:
    text: str
    mode: Mode


@dataclass(frozen=True)
class Entry:
    """One pattern of a word list, with the kind it names and where it comes from."""

    kind: str
    pieces: tuple[Piece, ...]
    anchored: bool = False
    # What the entry stands for beyond its kind: a race distance's metres, a unit's name.
    value: str = ""
    source: str = ""

    @property
    def substring(self) -> bool:
        """A single CJK word: found anywhere inside CJK text."""
        return len(self.pieces) == 1 and self.pieces[0].mode is Mode.CJK


class PatternError(ValueError):
    """An entry that cannot be a pattern (empty, too long, a stray marker)."""


MAX_PATTERN_CHARS = 400
MAX_PIECES = 8
MAX_EXPANSIONS = 256
_GROUP = re.compile(r"\(([^()]*)\)")


def parse(pattern: str, kind: str, *, value: str = "", source: str = "") -> list[Entry]:
    """The entries one pattern stands for (its alternatives expanded)."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise PatternError("an empty word")
    if len(pattern) > MAX_PATTERN_CHARS:
        raise PatternError(f"longer than {MAX_PATTERN_CHARS} characters")
    entries = []
    for variant in _expand(pattern):
        pieces, anchored = _pieces(variant)
        if pieces:
            entries.append(Entry(kind, pieces, anchored, value, source))
    if not entries:
        raise PatternError(f"{pattern!r} has no word to look for")
    return entries


def _expand(pattern: str) -> list[str]:
    groups = _GROUP.findall(pattern)
    if not groups:
        if "(" in pattern or ")" in pattern:
            raise PatternError(f"{pattern!r} has an unclosed or nested group")
        return [pattern]
    options = [group.split("|") for group in groups]
    count = 1
    for choice in options:
        count *= len(choice)
    if count > MAX_EXPANSIONS:
        raise PatternError(f"{pattern!r} stands for more than {MAX_EXPANSIONS} words")
    parts = _GROUP.split(pattern)  # text, group, text, group, ..., text
    texts, variants = parts[0::2], []
    if any("(" in text or ")" in text for text in texts):
        raise PatternError(f"{pattern!r} has an unclosed or nested group")
    for chosen in itertools.product(*options):
        pieces = [texts[0]]
        for option, text in zip(chosen, texts[1:], strict=True):
            pieces += [option, text]
        variants.append("".join(pieces))
    return variants


def _pieces(variant: str) -> tuple[tuple[Piece, ...], bool]:
    chunks = variant.split()
    anchored = bool(chunks) and chunks[0] == "^"
    if anchored:
        chunks = chunks[1:]
    elif chunks and chunks[0].startswith("^"):
        anchored, chunks[0] = True, chunks[0][1:]
    pieces: list[Piece] = []
    for chunk in chunks:
        if chunk == "#":
            pieces.append(Piece("#", Mode.NUMBER))
            continue
        prefix = chunk.endswith("*") and len(chunk) > 1
        suffix = chunk.startswith("*") and len(chunk) > 1
        core = chunk.strip("*")
        if "*" in core or "^" in core or "#" in core:
            raise PatternError(f"{variant!r}: * marks only a word's start or end")
        tokens = [t for t in tokenize(normalize(core)) if t.text != "-"]
        for index, token in enumerate(tokens):
            if token.kind is TokenKind.CJK:
                mode = Mode.CJK
            elif prefix and index == len(tokens) - 1:
                mode = Mode.PREFIX
            elif suffix and index == 0:
                mode = Mode.SUFFIX
            else:
                mode = Mode.EXACT
            pieces.append(Piece(token.text, mode))
    if len(pieces) > MAX_PIECES:
        raise PatternError(f"{variant!r} has more than {MAX_PIECES} words")
    return tuple(pieces), anchored


@dataclass(frozen=True)
class Match:
    kind: str
    start: int  # character offsets in the normalized text
    end: int
    text: str
    entry: Entry
    first_token: int
    last_token: int


@dataclass
class _Node:
    """Entries that share their first pieces: those that end here, and the ways on."""

    ends: list[Entry] = field(default_factory=list)
    exact: dict[str, _Node] = field(default_factory=dict)
    wild: list[tuple[Piece, _Node]] = field(default_factory=list)

    def child(self, piece: Piece) -> _Node:
        if piece.mode is Mode.EXACT:
            return self.exact.setdefault(piece.text, _Node())
        for known, node in self.wild:
            if known == piece:
                return node
        node = _Node()
        self.wild.append((piece, node))
        return node


_Index = dict[str, _Node]


@dataclass
class Matcher:
    """Every entry of a vocabulary in a trie of its pieces, to scan a text once for all kinds.

    The first piece is looked up by kind of piece (a whole word, each prefix and suffix length,
    any number, a CJK word's end); the pieces after it by the next token's text, so a token
    costs a few dictionary lookups whatever the vocabulary's size.
    """

    exact: _Index = field(default_factory=dict)
    prefix: dict[int, _Index] = field(default_factory=dict)
    suffix: dict[int, _Index] = field(default_factory=dict)
    number: _Node = field(default_factory=_Node)
    cjk_end: dict[int, _Index] = field(default_factory=dict)
    # Single CJK words, found anywhere inside CJK text.
    cjk_sub: dict[int, dict[str, list[Entry]]] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> Matcher:
        matcher = cls()
        for entry in entries:
            matcher.add(entry)
        return matcher

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        first = entry.pieces[0]
        if entry.substring:
            self.cjk_sub.setdefault(len(first.text), {}).setdefault(first.text, []).append(entry)
            return
        if first.mode is Mode.CJK:
            node = self.cjk_end.setdefault(len(first.text), {}).setdefault(first.text, _Node())
        elif first.mode is Mode.NUMBER:
            node = self.number
        elif first.mode is Mode.PREFIX:
            node = self.prefix.setdefault(len(first.text), {}).setdefault(first.text, _Node())
        elif first.mode is Mode.SUFFIX:
            node = self.suffix.setdefault(len(first.text), {}).setdefault(first.text, _Node())
        else:
            node = self.exact.setdefault(first.text, _Node())
        for piece in entry.pieces[1:]:
            node = node.child(piece)
        node.ends.append(entry)

    def scan(self, plain: str, tokens: Sequence[Token], first: int = 0) -> dict[str, list[Match]]:
        """Every kind's matches from token ``first`` on, in text order, the longest at a start.

        Anchored entries count only at token ``first``.
        """
        found: dict[str, list[Match]] = {}
        for index in range(first, len(tokens)):
            token = tokens[index]
            best: dict[str, tuple[int, Entry]] = {}
            for node in self._starts(token):
                self._walk(node, tokens, index, index, index == first, best)
            for kind, (last, entry) in best.items():
                end = tokens[last].end
                found.setdefault(kind, []).append(
                    Match(kind, token.start, end, plain[token.start : end], entry, index, last)
                )
            if token.kind is TokenKind.CJK and self.cjk_sub:
                for match in self._inside(token, index, first):
                    found.setdefault(match.kind, []).append(match)
        for matches in found.values():
            matches.sort(key=lambda m: (m.start, -m.end))
        return found

    def _starts(self, token: Token) -> list[_Node]:
        text = token.text
        starts = []
        if (node := self.exact.get(text)) is not None:
            starts.append(node)
        if token.kind is TokenKind.WORD:
            for length, index in self.prefix.items():
                if len(text) >= length and (node := index.get(text[:length])) is not None:
                    starts.append(node)
            for length, index in self.suffix.items():
                if len(text) >= length and (node := index.get(text[-length:])) is not None:
                    starts.append(node)
        elif token.kind is TokenKind.NUMBER:
            starts.append(self.number)
        elif token.kind is TokenKind.CJK:
            for length, index in self.cjk_end.items():
                if len(text) >= length and (node := index.get(text[-length:])) is not None:
                    starts.append(node)
        return starts

    def _walk(
        self,
        node: _Node,
        tokens: Sequence[Token],
        start: int,
        at: int,
        at_first: bool,
        best: dict[str, tuple[int, Entry]],
    ) -> None:
        for entry in node.ends:
            if entry.anchored and not at_first:
                continue
            known = best.get(entry.kind)
            if known is None or at > known[0]:
                best[entry.kind] = (at, entry)
        if not node.exact and not node.wild:
            return
        following = at + 1
        skipped = 0
        while following < len(tokens) and tokens[following].text == "-" and skipped < _MAX_HYPHENS:
            following += 1
            skipped += 1
        if following >= len(tokens):
            return
        token = tokens[following]
        if (child := node.exact.get(token.text)) is not None:
            self._walk(child, tokens, start, following, at_first, best)
        for piece, child in node.wild:
            if _fits(piece, token):
                self._walk(child, tokens, start, following, at_first, best)

    def _inside(self, token: Token, index: int, first: int) -> Iterable[Match]:
        text = token.text
        for offset in range(len(text)):
            best: dict[str, tuple[int, Entry]] = {}
            for length, entries_by_text in self.cjk_sub.items():
                entries = entries_by_text.get(text[offset : offset + length])
                if not entries:
                    continue
                for entry in entries:
                    if entry.anchored and (index != first or offset):
                        continue
                    known = best.get(entry.kind)
                    if known is None or length > known[0]:
                        best[entry.kind] = (length, entry)
            for kind, (length, entry) in best.items():
                start = token.start + offset
                yield Match(
                    kind, start, start + length, text[offset : offset + length], entry, index, index
                )


def _fits(piece: Piece, token: Token) -> bool:
    """Whether ``token`` is ``piece`` (a piece after an entry's first)."""
    mode = piece.mode
    if mode is Mode.EXACT:
        return token.text == piece.text
    if mode is Mode.NUMBER:
        return token.kind is TokenKind.NUMBER
    if mode is Mode.PREFIX:
        return token.kind is TokenKind.WORD and token.text.startswith(piece.text)
    if mode is Mode.SUFFIX:
        return token.kind is TokenKind.WORD and token.text.endswith(piece.text)
    # A CJK word after the first begins a text word: "대회 전날", "t 跑".
    return token.kind is TokenKind.CJK and token.text.startswith(piece.text)


@dataclass(frozen=True)
class Spans:
    """Character ranges of a text, merged, to ask whether a match overlaps any of them."""

    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    @classmethod
    def of(cls, ranges: Iterable[tuple[int, int]]) -> Spans:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls(tuple(s for s, _ in merged), tuple(e for _, e in merged))

    def __or__(self, other: Spans) -> Spans:
        return Spans.of([*zip(self.starts, self.ends, strict=True), *other.pairs()])

    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends, strict=True))

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self.ends, start + 1)
        return at < len(self.starts) and self.starts[at] < end
