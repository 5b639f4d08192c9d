"""Sources of runs are found through the ``runlift.providers`` entry-point group.

A third party ships a distribution that declares an entry point in that group; the test puts
such a distribution (its module and its .dist-info metadata, exactly what pip installs) on
sys.path and asks runlift for it by name.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from runlift.sync.cli import main
from runlift.sync.config import Config
from runlift.sync.errors import UserError
from runlift.sync.providers import registry
from runlift.sync.providers.load import load_runs
from tests.plugin_dist import install

THIRD_PARTY_MODULE = '''
from datetime import timedelta
from runlift.api import DayKind, Run


class TrackClubProvider:
    """The club's Tuesday track session, every week."""

    name = "trackclub"

    def __init__(self, calls):
        self.calls = calls

    @classmethod
    def from_config(cls, config, **options):
        return cls(calls=[])

    def upcoming_runs(self, start, end):
        runs, day = [], start
        while day <= end:
            if day.weekday() == 1:
                runs.append(Run(day=day, title="Club track night", source=self.name,
                                kind=DayKind.QUALITY, reason="the club's track night"))
            day += timedelta(days=1)
        return runs
'''


@pytest.fixture
def third_party(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    entry_points = {"runlift.providers": {"trackclub": "runlift_trackclub:TrackClubProvider"}}
    install(site, "runlift_trackclub", THIRD_PARTY_MODULE, entry_points, monkeypatch)
    return site


def test_the_built_in_providers_are_registered_as_entry_points() -> None:
    found = registry.available()
    assert {"config", "ics", "garmin", "strava"} <= set(found)
    assert found["ics"].value == "runlift.sync.providers.ics:IcsProvider"


def test_a_third_party_provider_is_found_by_name(third_party: Path) -> None:
    runs = load_runs(Config(), "trackclub", date(2026, 11, 23), date(2026, 11, 29))
    assert date(2026, 11, 24) in {r.day for r in runs}
    assert {(r.title, r.day.weekday()) for r in runs} == {("Club track night", 1)}


def test_a_third_party_provider_drives_runlift_plan(
    third_party: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["plan", "--source", "trackclub", "--start", "2026-11-23", "--days", "7", "--json"])
        == 0
    )
    shown = json.loads(capsys.readouterr().out)
    tuesday = next(d for d in shown["days"] if d["date"] == "2026-11-24")
    assert tuesday["kind"] == "quality"
    assert "2026-11-24" not in {s["date"] for s in shown["sessions"]}


def test_an_unknown_source_names_the_known_ones() -> None:
    with pytest.raises(UserError, match=r"unknown runs source 'nope' \(known: .*config.*ics"):
        registry.provider_class("nope")


@pytest.mark.parametrize("typo", ["garmn", "Garmin", "stava", "interval", "icss", "confg"])
def test_a_misspelled_source_gets_the_one_meant(typo: str) -> None:
    with pytest.raises(UserError, match=r"\(did you mean (garmin|strava|intervals|ics|config)\?\)"):
        registry.provider_class(typo)


def test_a_provider_whose_module_is_missing_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = tmp_path / "broken_provider-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-provider\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[runlift.providers]\nbroken = not_there:Provider\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(UserError, match="runs source 'broken' cannot be loaded"):
        registry.provider_class("broken")
