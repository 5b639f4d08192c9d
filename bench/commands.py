"""How the benchmarks start runlift: the venv's console script, else the one on PATH."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def runlift_command() -> list[str]:
    script = Path(sys.executable).with_name("runlift")
    if script.exists():
        return [str(script)]
    found = shutil.which("runlift")
    return [found] if found else [sys.executable, "-m", "runlift"]
