"""A systemd user unit that runs the daemon and restarts it if it dies."""

from __future__ import annotations

import re

UNIT = """\
# ~/.config/systemd/user/runlift.service, written by `runlift daemon --install`
#   (removed by `runlift daemon --uninstall`); its log: journalctl --user -u runlift -f
[Unit]
Description=runlift: strength sessions on the Garmin calendar, around the running plan
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
ExecStart={exec_start}
Restart=on-failure
RestartSec=5min
TimeoutStopSec=10
KillSignal=SIGTERM
{environment}
[Install]
WantedBy=default.target
"""
# What systemd reads in a unit line as quoting, an escape, a specifier (%h) or a variable ($X).
_SPECIAL = re.compile(r"[\s\"'\\%$;]")


def unit_text(command: list[str], environment: dict[str, str]) -> str:
    lines = [f"Environment={_quoted(f'{k}={v}')}" for k, v in sorted(environment.items())]
    return UNIT.format(
        exec_start=" ".join(_quoted(arg) for arg in command),
        environment="".join(f"{line}\n" for line in lines),
    )


def _quoted(arg: str) -> str:
    """One word of a unit line, as systemd.syntax(7) and systemd.service(5) read it."""
    text = arg.replace("%", "%%").replace("$", "$$")
    if not _SPECIAL.search(arg):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
