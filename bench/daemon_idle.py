"""Footprint of an idle `runlift daemon`: resident memory and CPU time per idle hour.

Starts the daemon with sync times far from now, lets it settle, then measures its CPU time over a
short real window (WINDOW_S) from /proc and scales it to an hour. Linux only.
Ends with `daemon_idle_rss_mib: N`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from commands import runlift_command

SETTLE_S = 3.0
WINDOW_S = 20.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    far = (datetime.now() + timedelta(hours=6)).strftime("%H:%M")
    with tempfile.TemporaryDirectory() as home:
        Path(home, "config.toml").write_text(f'[daemon]\nsync_times = ["{far}"]\n')
        argv = runlift_command()
        env = {**os.environ, "RUNLIFT_HOME": home}
        proc = subprocess.Popen([*argv, "daemon"], env=env, stderr=subprocess.PIPE)
        try:
            time.sleep(SETTLE_S)
            start_cpu, rss_start = cpu_seconds(proc.pid), rss_mib(proc.pid)
            time.sleep(WINDOW_S)
            cpu = cpu_seconds(proc.pid) - start_cpu
            rss_end = rss_mib(proc.pid)
            stopped = time.perf_counter()
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)
            stop_s = time.perf_counter() - stopped
        finally:
            if proc.poll() is None:
                proc.kill()
    per_hour = cpu * 3600 / WINDOW_S
    print(f"{'figure':<34} {'value':>10}")
    print(f"{'RSS after start (MiB)':<34} {rss_start:>10.1f}")
    print(f"{'RSS after idle window (MiB)':<34} {rss_end:>10.1f}")
    print(f"{'CPU in idle window (s)':<34} {cpu:>10.3f}")
    print(f"{'CPU per idle hour (s, scaled)':<34} {per_hour:>10.2f}")
    print(f"{'exit after SIGTERM (s)':<34} {stop_s:>10.2f}")
    print(f"daemon_idle_rss_mib: {rss_end:.1f}")


if __name__ == "__main__":
    main()
