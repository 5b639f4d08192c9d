"""A launchd agent (macOS) that runs the daemon at log-in and restarts it if it dies."""

from __future__ import annotations

import plistlib
from pathlib import Path

LABEL = "runlift.daemon"


def agent_plist(command: list[str], environment: dict[str, str], log_file: Path) -> bytes:
    agent = {
        "Label": LABEL,
        "ProgramArguments": command,
        "RunAtLoad": True,
        # Started again when it exits with an error, as systemd's Restart=on-failure.
        "KeepAlive": {"SuccessfulExit": False},
        "ThrottleInterval": 300,
        "ProcessType": "Background",
        "EnvironmentVariables": environment,
        "StandardOutPath": str(log_file),
        "StandardErrorPath": str(log_file),
    }
    return plistlib.dumps(agent)
