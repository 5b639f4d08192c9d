"""Hostile answers a fake can give instead of its own: the shapes of an attacker's or a broken
server's answer, sent over the same real socket the clients read.

``fake.faults.add("hostile", path_re=..., answer=Hostile(...))`` makes the matching request get
``answer``: any status and headers, a body given whole or produced a piece at a time (a 400 MB
answer is never held in memory), dripped a byte at a time, with its headers dripped too, or a
redirect. The builders below make the usual ones.
"""

from __future__ import annotations

import gzip
import json
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, BinaryIO


@dataclass
class Hostile:
    body: bytes | Callable[[], Iterable[bytes]] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    # Seconds between the bytes of the body, and of the status line and headers.
    drip_s: float = 0.0
    drip_headers_s: float = 0.0
    # Seconds before anything is sent.
    delay_s: float = 0.0

    def send(self, out: BinaryIO) -> None:
        if self.delay_s:
            time.sleep(self.delay_s)
        chunks = [self.body] if isinstance(self.body, bytes) else self.body()
        sized = isinstance(self.body, bytes) and not self.drip_s
        lines = [f"HTTP/1.1 {self.status} Hostile"]
        lines += [f"{name}: {value}" for name, value in self.headers.items()]
        if sized:
            lines.append(f"Content-Length: {len(self.body)}")  # type: ignore[arg-type]
        lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        _write(out, head, self.drip_headers_s)
        for chunk in chunks:
            _write(out, chunk, self.drip_s)


def _write(out: BinaryIO, data: bytes, drip_s: float) -> None:
    if not drip_s:
        out.write(data)
        out.flush()
        return
    for byte in data:
        out.write(bytes([byte]))
        out.flush()
        time.sleep(drip_s)


# -- builders


def json_answer(value: Any, status: int = 200) -> Hostile:
    return Hostile(json.dumps(value, allow_nan=True).encode(), status)


def raw_json(text: str | bytes, status: int = 200) -> Hostile:
    """A body given as is (NaN, 20,000-digit numbers, nesting no encoder would write)."""
    return Hostile(text.encode() if isinstance(text, str) else text, status)


def nested(depth: int) -> Hostile:
    return raw_json("[" * depth + "]" * depth)


def huge_json(total_bytes: int, item: bytes = b'{"id": 1, "name": "x"},') -> Hostile:
    """A JSON list of about ``total_bytes``, produced as it is sent."""

    def body() -> Iterator[bytes]:
        yield b"["
        block = item * max(1, 65_536 // len(item))
        sent = 1
        while sent < total_bytes:
            yield block
            sent += len(block)
        yield item.rstrip(b",") + b"]"

    return Hostile(body)


@cache
def _bomb(decoded_bytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"0" * 2**20
    parts = [packer.compress(block) for _ in range(decoded_bytes // len(block))]
    return b"".join(parts) + packer.flush()


def gzip_bomb(decoded_bytes: int = 2**30, content_type: str = "application/json") -> Hostile:
    """A gzip body of ``decoded_bytes`` zeros (1 GiB by default: about 1 MB on the wire)."""
    return Hostile(
        _bomb(decoded_bytes), headers={"Content-Type": content_type, "Content-Encoding": "gzip"}
    )


def gzipped(value: Any) -> Hostile:
    return Hostile(
        gzip.compress(json.dumps(value).encode()),
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )


def dripped(value: Any, drip_s: float = 0.2, *, headers_too: bool = False) -> Hostile:
    body = json.dumps(value).encode()
    if headers_too:
        return Hostile(body, drip_headers_s=drip_s)
    return Hostile(body, drip_s=drip_s)


def redirect(location: str, delay_s: float = 0.0) -> Hostile:
    return Hostile(b"", 302, {"Location": location}, delay_s=delay_s)
