"""One import name, `runlift`, and a repository that needs nothing beside it."""

import subprocess
import sys
from importlib.metadata import distribution

import runlift
from runlift.sync.cli import main
from tests.paths import PROJECT_ROOT


def test_version_is_printed(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"runlift {runlift.__version__}"
    assert runlift.__version__ == distribution("runlift").version


def test_only_runlift_is_installed_at_the_top_level() -> None:
    assert distribution("runlift").read_text("top_level.txt").split() == ["runlift"]


def test_python_dash_m_runlift_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "runlift", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("runlift ")


def test_nothing_in_the_repository_points_outside_it() -> None:
    outside = "shared/"
    offenders = [
        str(path.relative_to(PROJECT_ROOT))
        for folder in ("sync", "workouts", "tests", "bench")
        for path in (PROJECT_ROOT / folder).rglob("*.py")
        if outside in path.read_text(encoding="utf-8").replace(f'"{outside}"', "")
    ]
    assert offenders == []
    assert (PROJECT_ROOT / "tests" / "fixtures" / "NOTICE.md").is_file()
