"""runlift in a child process, cut off from the internet: every HTTP client in it is sent to a
proxy on a closed loopback port, so a request that is not for a fake on 127.0.0.1 fails there
instead of leaving the machine. Its stderr is read by a thread, so a test waits for a line
with a deadline and never blocks on a silent child."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def closed_port() -> Iterator[int]:
    """A loopback port bound but not listening: a connection to it is refused, and nothing else
    can take it while the test runs."""
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    try:
        yield holder.getsockname()[1]
    finally:
        holder.close()


def offline_env(home: Path, blackhole_port: int, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.upper().endswith("_PROXY") and not key.startswith(("STRAVA_", "INTERVALS_"))
    }
    proxy = f"http://127.0.0.1:{blackhole_port}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[name] = env[name.lower()] = proxy
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.pop("GARMINTOKENS", None)
    env.update(RUNLIFT_HOME=str(home), PYTHONUNBUFFERED="1", COLUMNS="200", **extra)
    return env


class Child:
    """A runlift child process whose stderr lines arrive on a queue."""

    def __init__(
        self, args: list[str], env: Mapping[str, str], stdin: int | None = subprocess.DEVNULL
    ) -> None:
        command = [sys.executable, "-m", "tests.fakes.launch", *args]
        self.proc = subprocess.Popen(
            command,
            cwd=ROOT,
            env=dict(env),
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.out = ""
        self._ended = False
        self._queue: queue.Queue[str | None] = queue.Queue()
        assert self.proc.stderr is not None
        threading.Thread(target=self._pump, args=(self.proc.stderr,), daemon=True).start()

    def _pump(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str, timeout_s: float = 60.0) -> str:
        """The first stderr line (seen so far or to come) holding ``text``."""
        for line in self.lines:
            if text in line:
                return line
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                self._ended = True
                break
            self.lines.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} on stderr; saw: {self.lines}")

    def finish(self, timeout_s: float = 30.0) -> int:
        """Wait for the child to end (raises after ``timeout_s``); its exit code."""
        try:
            code = self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            while not self._queue.empty():
                line = self._queue.get()
                if line is not None:
                    self.lines.append(line)
            seen = self.lines
            raise AssertionError(f"still running after {timeout_s:g} s; saw: {seen}") from None
        while not self._ended:
            line = self._queue.get(timeout=timeout_s)
            if line is None:
                self._ended = True
            else:
                self.lines.append(line)
        assert self.proc.stdout is not None
        self.out = self.proc.stdout.read()
        return code

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
