"""An HTTP body read within a cap on its decoded size, and within the call's deadline.

A gzip or deflate body is inflated here, a piece at a time, never to more than the room left:
a 4 GB gzip bomb stops at the cap after a few kilobytes of input, not in memory. Other
encodings are refused (runlift asks for gzip and deflate only).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

from runlift.sync import limits
from runlift.sync.deadline import Deadline

ACCEPT_ENCODING = "gzip, deflate"


class BodyRefused(Exception):
    """The body was not read whole; ``str()`` says why: "is larger than 4 MiB"."""


class DeadlinePassed(BodyRefused):
    """The call's deadline passed while the body was coming."""


class Inflater:
    """Decodes a gzip or deflate body without ever holding more than the room given."""

    def __init__(self, encoding: str) -> None:
        # "deflate" is meant to be zlib-wrapped; some servers send it raw.
        self._raw_fallback = False
        coding = encoding.strip().lower()
        self._zlib: zlib._Decompress | None
        if coding in ("", "identity"):
            self._zlib = None
        elif coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._zlib = zlib.decompressobj(32 + zlib.MAX_WBITS)
            self._raw_fallback = True
        else:
            raise BodyRefused(f"is sent in an encoding runlift does not read ({coding[:20]})")

    def feed(self, raw: bytes, room: int, cap: int) -> bytes:
        if self._zlib is None:
            data = raw
        else:
            try:
                data = self._zlib.decompress(raw, room + 1)
            except zlib.error:
                if not self._raw_fallback:
                    raise BodyRefused("has damaged compressed data") from None
                self._raw_fallback = False
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.feed(raw, room, cap)
            self._raw_fallback = False
        if len(data) > room:
            raise BodyRefused(f"is larger than {limits.size_text(cap)}")
        return data


def collect(
    chunks: Iterable[bytes],
    encoding: str,
    cap: int,
    deadline: Deadline | None = None,
) -> bytes:
    """The decoded body of raw ``chunks``: at most ``cap`` bytes, before ``deadline``."""
    inflater = Inflater(encoding)
    body = bytearray()
    for raw in chunks:
        body += inflater.feed(raw, cap - len(body), cap)
        if deadline is not None and deadline.left() <= 0:
            raise DeadlinePassed(f"was not complete within {deadline.seconds:g} s")
    return bytes(body)
