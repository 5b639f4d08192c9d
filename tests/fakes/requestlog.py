"""Every request a fake server answered: what tests count requests and writes with."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

WRITE_METHODS = frozenset({"POST", "PUT", "DELETE", "PATCH"})


@dataclass(frozen=True)
class Entry:
    method: str
    path: str
    query: str
    status: int
    time: float


@dataclass
class RequestLog:
    entries: list[Entry] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, method: str, path: str, query: str, status: int) -> None:
        with self._lock:
            self.entries.append(Entry(method, path, query, status, time.time()))

    def count(self, method: str | None = None, path_re: str | None = None) -> int:
        return len(self.matching(method, path_re))

    def matching(self, method: str | None = None, path_re: str | None = None) -> list[Entry]:
        pattern = re.compile(path_re) if path_re else None
        with self._lock:
            return [
                e
                for e in self.entries
                if (method is None or e.method == method)
                and (pattern is None or pattern.search(e.path))
            ]

    def writes(self) -> list[Entry]:
        with self._lock:
            return [e for e in self.entries if e.method in WRITE_METHODS]

    def clear(self) -> None:
        with self._lock:
            self.entries.clear()

    def __len__(self) -> int:
        return len(self.entries)

    def summary(self) -> str:
        return "\n".join(f"{e.method} {e.path} -> {e.status}" for e in self.entries)
