"""Reading a title takes time linear in its length, whatever a hostile calendar puts in it.

Titles and descriptions are read by a token matcher (runlift.sync.planning.lexicon) whose
patterns never backtrack, up to words.MAX_TEXT_CHARS of each. A megabyte of words, 20,000
digits, a megabyte of punctuation, of hyphens or of repeats goes through `runlift plan` as a
runner's calendar would bring it; each finishes far inside a budget that leaves room for a
loaded machine (they take about a second each; the regexes before took minutes).
"""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path

import pytest

from runlift.sync.cli import main
from runlift.sync.planning import lexicon, measures, words
from tests.plan_calendars import Item, write_plan

MON = date(2027, 1, 4)
MEGABYTE = 1_000_000
# Seconds one megabyte title may take through the whole command (parsing the calendar, reading,
# planning): generous, so that a busy machine never fails it; quadratic reading took minutes.
BUDGET_S = 60.0

HOSTILE = {
    "words": ("easy tempo race run 5 x 400 m marathon pace " * 30_000)[:MEGABYTE],
    "digits": "9" * 20_000,
    "digits, a megabyte": "7" * MEGABYTE,
    "punctuation": "(-:[+@%/" * (MEGABYTE // 8),
    "hyphens between two words": "pre" + "-" * MEGABYTE + "race",
    "repeats": "5x" * (MEGABYTE // 2),
    "paces": "5:10/km " * (MEGABYTE // 8),
    "percent paces": "at 85% 5k " * (MEGABYTE // 10),
    "one long word": "a" * MEGABYTE,
    "CJK": "间歇跑轻松跑马拉松" * (MEGABYTE // 9),
    "Hangul with spaces": "템포런 " * (MEGABYTE // 4),
}


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RUNLIFT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_megabyte_title_is_read_in_bounded_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    text = HOSTILE[kind]
    items = [
        Item(MON, "Easy 40 min"),
        Item(MON + timedelta(days=1), text, clock_time(7, 0), 60, description=text),
        Item(MON + timedelta(days=3), "Intervals 6 x 800 m"),
        Item(MON + timedelta(days=6), "Long run 18 km"),
    ]
    path = write_plan(tmp_path, items)
    started = time.monotonic()
    argv = ["plan", "--runs", str(path), "--start", MON.isoformat(), "--days", "7", "--json"]
    assert main(argv) == 0
    took = time.monotonic() - started
    shown = json.loads(capsys.readouterr().out)
    assert took < BUDGET_S, f"{kind}: {took:.1f} s"
    by_day = {d["date"]: d["kind"] for d in shown["days"]}
    # The runs around it are read as ever.
    assert by_day["2027-01-07"] == "quality" and by_day["2027-01-10"] == "long"


def test_reading_stops_at_its_bound_and_says_the_same_of_the_text_before_it() -> None:
    head = "Tempo 3 x 10 min "
    text = head + "x" * (2 * words.MAX_TEXT_CHARS)
    assert words.read(text).quality == "tempo"
    assert words.read(text) == words.read(text[: words.MAX_TEXT_CHARS])
    assert measures.distance_m("Long run 18 km " + "9" * 20_000) == 18_000


def test_the_tokens_of_a_text_are_found_in_one_pass_and_numbers_stay_numbers() -> None:
    tokens = lexicon.tokenize(lexicon.normalize("6x800m @ 5:10/km, 12.9 " + "9" * 5000))
    assert [t.text for t in tokens[:8]] == ["6", "x", "800", "m", "@", "5", ":", "10"]
    assert tokens[-1].value is None  # 5,000 digits are no length anyone runs
    assert [t.value for t in tokens if t.text == "12.9"] == [12.9]
