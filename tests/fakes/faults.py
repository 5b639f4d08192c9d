"""Per-test fault scripts: "the Nth request matching METHOD PATH answers STATUS", and worse."""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    STATUS = "status"  # answer `status` (with Retry-After if given) without processing
    RESET = "reset"  # close the connection before processing: the request did not land
    APPLY_THEN_RESET = "apply_then_reset"  # process it, then close: it landed, the answer is lost
    LATENCY = "latency"  # wait `seconds`, then answer normally
    TRUNCATE = "truncate"  # process it, send half the body
    MALFORMED = "malformed"  # process it, send a body that is not JSON
    EXPIRED_TOKEN = "expired_token"  # answer 401 as for an expired bearer token
    HOSTILE = "hostile"  # answer `answer` (tests/fakes/hostile.py) instead, without processing


@dataclass
class Fault:
    kind: Kind
    method: str | None = None
    path_re: str | None = None
    # 1-based: the Nth matching request; None with `every`/`times` for ranges.
    nth: int | None = 1
    # How many matching requests it hits (from the nth on); None = all of them.
    times: int | None = 1
    status: int = 500
    retry_after: float | None = None
    seconds: float = 0.0
    # Instead of nth/times: hit each matching request with this probability (seeded script RNG).
    rate: float | None = None
    rng: random.Random | None = None
    # For HOSTILE: the tests.fakes.hostile.Hostile answer to send.
    answer: Any = None
    seen: int = 0
    fired: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        return self.path_re is None or re.search(self.path_re, path) is not None

    def take(self) -> bool:
        """Count one matching request; True when this one is hit."""
        self.seen += 1
        if self.rate is not None:
            hit = (self.rng or random).random() < self.rate
            self.fired += hit
            return hit
        if self.nth is not None and self.seen < self.nth:
            return False
        if self.times is not None and self.fired >= self.times:
            return False
        self.fired += 1
        return True


@dataclass
class FaultScript:
    faults: list[Fault] = field(default_factory=list)
    seed: int = 20261123
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: Kind | str, **options: object) -> Fault:
        fault = Fault(Kind(kind), **options)  # type: ignore[arg-type]
        if fault.rate is not None and fault.rng is None:
            fault.rng = random.Random(self.seed + len(self.faults))
        with self._lock:
            self.faults.append(fault)
        return fault

    def pick(self, method: str, path: str) -> Fault | None:
        with self._lock:
            hit = None
            for fault in self.faults:
                if fault.matches(method, path) and fault.take() and hit is None:
                    hit = fault
            return hit

    def clear(self) -> None:
        with self._lock:
            self.faults.clear()
