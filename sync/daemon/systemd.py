"""A systemd user unit that runs the daemon and restarts it if it dies."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

UNIT = """\
# ~/.config/systemd/user/runlift.service
#   systemctl --user daemon-reload && systemctl --user enable --now runlift
#   journalctl --user -u runlift -f
[Unit]
Description=runlift: strength sessions on the Garmin calendar, around the running plan
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStart={exec_start} daemon
Restart=on-failure
RestartSec=5min
TimeoutStopSec=10
KillSignal=SIGTERM
Environment=PYTHONUNBUFFERED=1

[Install]
WantedBy=default.target
"""


def unit_text() -> str:
    script = Path(sys.executable).with_name("runlift")
    exec_start = str(script) if script.exists() else shutil.which("runlift") or "runlift"
    return UNIT.format(exec_start=exec_start)
