"""`runlift daemon --install` / `--uninstall`: the daemon as a service of the user's own
service manager, started now and at every log-in (systemd's user manager on Linux, launchd on
macOS), restarted if it dies.

Everything runs as the user: the unit goes to ``~/.config/systemd/user`` (created if needed),
the agent to ``~/Library/LaunchAgents``; ``systemctl --user`` and ``launchctl`` are run as
commands. When the service manager refuses, the file written is taken back and the command
stops with its one-line answer: nothing is left half-installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from runlift.sync.daemon import launchd, systemd
from runlift.sync.daemon.manager import Manager
from runlift.sync.errors import UserError

UNIT_NAME = "runlift.service"


def manager_for(platform: str) -> Manager:
    """launchd on macOS, systemd's user manager on Linux and the other Unixes."""
    if platform == "darwin":
        return Manager.launchd
    if platform.startswith(("win", "cygwin", "msys")):
        raise UserError(
            "runlift daemon --install knows systemd (Linux) and launchd (macOS); on Windows, "
            "have Task Scheduler start `runlift daemon` at log-on"
        )
    return Manager.systemd


def daemon_command(config: Path | None) -> list[str]:
    """How the service starts this runlift: its script beside this Python, else this Python."""
    script = Path(sys.executable).with_name("runlift")
    found = script if script.exists() else shutil.which("runlift")
    command = [str(found)] if found else [sys.executable, "-m", "runlift"]
    command.append("daemon")
    if config is not None:
        command += ["--config", str(config.expanduser().resolve())]
    return command


def daemon_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """What the service needs of this shell's environment: where runlift keeps its files."""
    kept = {"PYTHONUNBUFFERED": "1"}
    if environ.get("RUNLIFT_HOME"):
        kept["RUNLIFT_HOME"] = str(Path(environ["RUNLIFT_HOME"]).expanduser().resolve())
    return kept


@dataclass(frozen=True)
class Installer:
    manager: Manager
    home: Path
    environ: Mapping[str, str]

    @property
    def path(self) -> Path:
        if self.manager is Manager.launchd:
            return self.home / "Library" / "LaunchAgents" / f"{launchd.LABEL}.plist"
        config = self.environ.get("XDG_CONFIG_HOME", "")
        base = Path(config) if config and Path(config).is_absolute() else self.home / ".config"
        return base / "systemd" / "user" / UNIT_NAME

    @property
    def log_file(self) -> Path:
        return self.home / "Library" / "Logs" / "runlift" / "daemon.log"

    def install(self, command: list[str]) -> list[str]:
        """Write the unit or agent, enable and (re)start it; what to tell the user."""
        environment = daemon_environment(self.environ)
        if self.manager is Manager.launchd:
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
            body = launchd.agent_plist(command, environment, self.log_file)
        else:
            body = systemd.unit_text(command, environment).encode()
        before = self.path.read_bytes() if self.path.is_file() else None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(body)
        try:
            self._start()
        except UserError:
            if before is None:
                self.path.unlink(missing_ok=True)
            else:
                self.path.write_bytes(before)
            raise
        return self._installed()

    def uninstall(self) -> list[str]:
        if not self.path.exists():
            return [f"No runlift service installed ({self.path} is not there)."]
        if self.manager is Manager.launchd:
            self._run("launchctl", "bootout", self._target(), check=False)
            self.path.unlink()
        else:
            self._run("systemctl", "--user", "disable", "--now", UNIT_NAME, check=False)
            self.path.unlink()
            self._run("systemctl", "--user", "daemon-reload")
        return [f"Stopped the runlift daemon and removed {self.path}."]

    def _start(self) -> None:
        if self.manager is Manager.launchd:
            # A loaded agent is taken down first, so the new one is what runs.
            self._run("launchctl", "bootout", self._target(), check=False)
            self._run("launchctl", "enable", self._target())
            self._run("launchctl", "bootstrap", self._domain(), str(self.path))
        else:
            self._run("systemctl", "--user", "daemon-reload")
            self._run("systemctl", "--user", "enable", UNIT_NAME)
            self._run("systemctl", "--user", "restart", UNIT_NAME)

    def _installed(self) -> list[str]:
        if self.manager is Manager.launchd:
            return [
                f"Installed {self.path} and started it: the daemon runs now and at every log-in.",
                f"Its log: {self.log_file}. Remove it with `runlift daemon --uninstall`.",
            ]
        return [
            f"Installed {self.path} and started it: the daemon runs now and whenever you are "
            "logged in.",
            "To keep it running while you are logged out (and from boot): "
            "loginctl enable-linger $USER",
            "Its log: journalctl --user -u runlift -f. Remove it with "
            "`runlift daemon --uninstall`.",
        ]

    def _domain(self) -> str:
        return f"gui/{os.getuid()}"

    def _target(self) -> str:
        return f"{self._domain()}/{launchd.LABEL}"

    def _run(self, *command: str, check: bool = True) -> None:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        except FileNotFoundError:
            raise UserError(
                f"{command[0]} not found: runlift daemon --install needs "
                f"{'launchd' if self.manager is Manager.launchd else 'systemd'}; run "
                "`runlift daemon` under your own service manager instead"
            ) from None
        except subprocess.TimeoutExpired:
            raise UserError(f"`{' '.join(command)}` did not finish within 60 s") from None
        if check and done.returncode != 0:
            said = " ".join((done.stderr or done.stdout).split())[:200] or f"exit {done.returncode}"
            raise UserError(f"`{' '.join(command)}` failed: {said}")
