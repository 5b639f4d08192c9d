"""`runlift daemon --install` / `--uninstall` on a fresh account: the unit or agent written
where the user's service manager reads it (folders created), the manager told to enable and
start it, and taken back when it refuses. `systemctl` and `launchctl` are stand-in executables
on PATH that record their arguments; HOME is a temporary folder."""

from __future__ import annotations

import os
import plistlib
import stat
import sys
from pathlib import Path

import pytest

from runlift.sync.cli import main
from runlift.sync.daemon.install import Manager, manager_for
from runlift.sync.daemon.systemd import unit_text
from runlift.sync.errors import UserError

UID = os.getuid()


def fake_tool(bin_dir: Path, name: str, log: Path, fails_with: str = "") -> None:
    """An executable ``name`` that appends its arguments to ``log`` (and fails if told)."""
    bin_dir.mkdir(exist_ok=True)
    tool = bin_dir / name
    failing = f"echo '{fails_with}' >&2\nexit 1\n" if fails_with else "exit 0\n"
    tool.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\n{failing}')
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return home


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    log = tmp_path / "calls.log"
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    return log


def recorded(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_systemd_install_creates_the_folder_enables_starts_and_speaks_of_linger(
    home: Path, calls: Path, tmp_path: Path, runlift_home: Path, capsys
) -> None:
    fake_tool(tmp_path / "bin", "systemctl", calls)
    assert not (home / ".config").exists()
    assert main(["daemon", "--install", "--service-manager", "systemd"]) == 0
    unit = home / ".config" / "systemd" / "user" / "runlift.service"
    text = unit.read_text()
    exec_start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    assert exec_start.endswith(" daemon")
    assert Path(exec_start.removeprefix("ExecStart=").split()[0]).exists()
    assert f"Environment=RUNLIFT_HOME={runlift_home}" in text
    assert "Restart=on-failure" in text and "WantedBy=default.target" in text
    assert recorded(calls) == [
        "--user daemon-reload",
        "--user enable runlift.service",
        "--user restart runlift.service",
    ]
    err = capsys.readouterr().err
    assert f"Installed {unit}" in err and "loginctl enable-linger" in err

    assert main(["daemon", "--uninstall", "--service-manager", "systemd"]) == 0
    assert not unit.exists()
    assert recorded(calls)[3:] == ["--user disable --now runlift.service", "--user daemon-reload"]
    assert main(["daemon", "--uninstall", "--service-manager", "systemd"]) == 0
    assert "No runlift service installed" in capsys.readouterr().err


def test_the_service_runs_the_config_it_was_installed_with(
    home: Path, calls: Path, tmp_path: Path
) -> None:
    fake_tool(tmp_path / "bin", "systemctl", calls)
    config = tmp_path / "my config.toml"
    config.write_text('units = "lb"\n')
    assert (
        main(["daemon", "--install", "--service-manager", "systemd", "--config", str(config)]) == 0
    )
    unit = (home / ".config" / "systemd" / "user" / "runlift.service").read_text()
    assert f'daemon --config "{config}"' in unit


def test_launchd_install_writes_the_agent_and_bootstraps_it(
    home: Path, calls: Path, tmp_path: Path, capsys
) -> None:
    fake_tool(tmp_path / "bin", "launchctl", calls)
    assert main(["daemon", "--install", "--service-manager", "launchd"]) == 0
    plist = home / "Library" / "LaunchAgents" / "runlift.daemon.plist"
    agent = plistlib.loads(plist.read_bytes())
    assert agent["Label"] == "runlift.daemon"
    assert agent["ProgramArguments"][-1] == "daemon"
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] == {"SuccessfulExit": False}
    log = home / "Library" / "Logs" / "runlift" / "daemon.log"
    assert agent["StandardErrorPath"] == str(log) and log.parent.is_dir()
    assert recorded(calls) == [
        f"bootout gui/{UID}/runlift.daemon",
        f"enable gui/{UID}/runlift.daemon",
        f"bootstrap gui/{UID} {plist}",
    ]
    assert f"Installed {plist}" in capsys.readouterr().err

    assert main(["daemon", "--uninstall", "--service-manager", "launchd"]) == 0
    assert not plist.exists()
    assert recorded(calls)[3:] == [f"bootout gui/{UID}/runlift.daemon"]


def test_a_service_manager_that_refuses_leaves_nothing_installed(
    home: Path, calls: Path, tmp_path: Path, capsys
) -> None:
    fake_tool(
        tmp_path / "bin", "systemctl", calls, fails_with="Failed to connect to bus: No medium found"
    )
    assert main(["daemon", "--install", "--service-manager", "systemd"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "runlift: error: `systemctl --user daemon-reload` failed: Failed to connect to bus: "
        "No medium found"
    ]
    assert not (home / ".config" / "systemd" / "user" / "runlift.service").exists()


def test_no_systemctl_at_all_is_one_line(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    (tmp_path / "empty-bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    assert main(["daemon", "--install", "--service-manager", "systemd"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("runlift: error: systemctl not found")
    assert not (home / ".config" / "systemd" / "user" / "runlift.service").exists()


def test_without_the_option_the_platform_chooses() -> None:
    assert manager_for("darwin") is Manager.launchd
    assert manager_for("linux") is Manager.systemd
    assert manager_for("freebsd14") is Manager.systemd
    with pytest.raises(UserError, match="Task Scheduler"):
        manager_for("win32")


def test_this_machine_gets_its_own_manager(home: Path, calls: Path, tmp_path: Path) -> None:
    expected = "launchctl" if sys.platform == "darwin" else "systemctl"
    fake_tool(tmp_path / "bin", expected, calls)
    assert main(["daemon", "--install"]) == 0
    assert recorded(calls)


def test_print_systemd_unit(capsys) -> None:
    assert main(["daemon", "--print-systemd-unit"]) == 0
    unit = capsys.readouterr().out
    assert "[Service]" in unit and unit.split("ExecStart=")[1].splitlines()[0].endswith(" daemon")
    assert "TimeoutStopSec" in unit


def test_unit_words_are_quoted_as_systemd_reads_them() -> None:
    unit = unit_text(["/opt/my tools/runlift", "daemon", "--config", "/x/100%.toml"], {})
    assert 'ExecStart="/opt/my tools/runlift" daemon --config "/x/100%%.toml"' in unit
