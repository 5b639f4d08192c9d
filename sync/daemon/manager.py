"""The service managers `runlift daemon --install` can use: what `--service-manager` names.

Its own module so the command line's options name them without loading the installer.
"""

from __future__ import annotations

from enum import StrEnum


class Manager(StrEnum):
    systemd = "systemd"
    launchd = "launchd"
