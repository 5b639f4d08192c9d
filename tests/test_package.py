"""One import name, `runlift`, and a repository that needs nothing beside it."""

import subprocess
import sys
import tomllib
from fnmatch import fnmatchcase
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


def test_the_demo_folder_beside_the_code_is_never_packed() -> None:
    # The README's demo writes ./runlift-demo in the clone, then installs it for the tests.
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    for name in ("runlift-demo", "runlift_old", "runliftx.sync"):
        assert not any(fnmatchcase(name, pattern) for pattern in include), name
    for name in ("runlift", "runlift.sync", "runlift.sync.targets.garmin", "runlift.workouts"):
        assert any(fnmatchcase(name, pattern) for pattern in include), name


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
