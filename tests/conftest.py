from pathlib import Path

import pytest

pytest_plugins = ["tests.fakes.fixtures"]


@pytest.fixture(autouse=True)
def _no_test_reads_the_real_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets an empty RUNLIFT_HOME and no service keys from the environment, so a
    config or state on this machine (a developer's, or one a test left) can never change a
    result. Tests that need their own home set it again."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("RUNLIFT_HOME", str(home))
    for name in (
        "GARMINTOKENS",
        "STRAVA_CLIENT_ID",
        "STRAVA_CLIENT_SECRET",
        "INTERVALS_API_KEY",
        "INTERVALS_ATHLETE_ID",
    ):
        monkeypatch.delenv(name, raising=False)
    return home
