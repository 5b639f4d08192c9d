"""Chinese (simplified and traditional), Japanese and Korean plans read like the other languages.

Each calendar is two weeks written the way runners' apps and coaches in that language title
their sessions: quality, long, easy, rest, race and strength days, and cross-training that is
not a run.
"""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from runlift.sync.cli import main
from runlift.sync.model import DayKind
from runlift.sync.planning import measures, words
from runlift.sync.planning.events import EventKind, event_kind
from tests.plan_calendars import kinds, plan_from, runs_from, weekly, write_plan

MON = date(2027, 3, 1)  # a Monday

R, E, Q, L, X = DayKind.REST, DayKind.EASY, DayKind.QUALITY, DayKind.LONG, DayKind.RACE

PLANS = {
    "simplified Chinese": [
        ["完全休息", "间歇跑 8×400米", "轻松跑 6公里", "节奏跑 5公里", "主动恢复",
         "力量训练", "LSD长距离慢跑 18公里"],
        ["休息", "骑行 60分钟", "轻松跑 6公里", "马拉松配速跑 10公里", "游泳 30分钟",
         "力量训练", "上海马拉松比赛"],
    ],
    "traditional Chinese": [
        ["休息日", "間歇跑 6×800公尺", "輕鬆跑 5公里", "節奏跑 8公里", "休息",
         "重量訓練", "長距離慢跑 20公里"],
        ["完全休息", "單車 60分鐘", "輕鬆跑 6公里", "乳酸閾值跑 6公里", "游泳",
         "重量訓練", "台北馬拉松 比賽日"],
    ],
    "Japanese": [
        ["休養", "インターバル 1000m×5", "ジョグ 60分", "ペース走 10km", "休み",
         "筋トレ", "ロング走 25km"],
        ["完全休養", "バイク 60分", "ジョグ 45分", "ビルドアップ走 12km", "スイム",
         "筋トレ", "レース：東京マラソン"],
    ],
    "Korean": [
        ["휴식", "인터벌 400m x 10", "조깅 40분", "템포런 8km", "휴식",
         "근력 운동", "장거리 20km"],
        ["완전 휴식", "자전거 60분", "회복주 5km", "지속주 10km", "수영",
         "근력 운동", "대회: 서울마라톤"],
    ],
}  # fmt: skip
EXPECTED = [R, Q, E, Q, E, R, L, R, R, E, Q, R, R, X]


@pytest.mark.parametrize("language", PLANS)
def test_a_plan_in_this_language_reads_like_one_in_english(tmp_path: Path, language: str) -> None:
    weeks = PLANS[language]
    path = write_plan(tmp_path, weekly(MON, weeks))
    plan = plan_from(path, MON, 14)
    got = [kinds(plan)[MON + timedelta(days=i)] for i in range(14)]
    expected = list(EXPECTED)
    if weeks[0][4] != "主动恢复":  # active recovery is an easy run, the others rest
        expected[4] = R
    assert got == expected
    by_day = {d.day: d for d in plan.days}
    assert by_day[MON + timedelta(days=5)].plan_strength == weeks[0][5]
    assert any(s.day == MON + timedelta(days=5) for s in plan.sessions)
    assert all(s.day < MON + timedelta(days=7) for s in plan.sessions)  # race week: taper


@pytest.mark.parametrize("language", PLANS)
def test_cross_training_is_not_a_run(tmp_path: Path, language: str) -> None:
    path = write_plan(tmp_path, weekly(MON, PLANS[language]))
    runs = runs_from(path, MON, MON + timedelta(days=13))
    cross = {MON + timedelta(days=8), MON + timedelta(days=11)}
    assert [r.title for r in runs if r.day in cross and r.kind is None] == []
    listed = [r for r in runs if r.day in cross and r.kind is DayKind.NOT_A_RUN]
    assert len(listed) == 2
    assert all(r.reason.startswith("another sport") for r in listed)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("节奏跑 8公里", EventKind.RUN),
        ("LSD长距离慢跑", EventKind.RUN),
        ("主动恢复", EventKind.RUN),
        ("完全休息", EventKind.REST),
        ("力量训练", EventKind.STRENGTH),
        ("健身房", EventKind.STRENGTH),
        ("重訓", EventKind.STRENGTH),
        ("快走 30分钟", EventKind.OTHER),
        ("瑜伽", EventKind.OTHER),
        ("ペース走 12km", EventKind.RUN),
        ("休養", EventKind.REST),
        ("筋トレ（体幹）", EventKind.STRENGTH),
        ("ランチ", EventKind.OTHER),
        ("ウォーキング 40分", EventKind.OTHER),
        ("템포런 8km", EventKind.RUN),
        ("휴식", EventKind.REST),
        ("근력", EventKind.STRENGTH),
        ("등산", EventKind.OTHER),
        ("팀 회의", EventKind.OTHER),
        ("E跑 8公里", EventKind.RUN),
        ("抗乳酸跑 20分钟", EventKind.RUN),
        ("加速跑 5×100米", EventKind.RUN),
        ("Eペース 60分", EventKind.RUN),
    ],
)
def test_events_in_cjk_are_told_apart(title: str, expected: EventKind) -> None:
    assert event_kind(title) is expected


@pytest.mark.parametrize(
    ("title", "race", "workout"),
    [
        ("马拉松配速跑 10公里", "", "马拉松配速"),
        ("比赛周 轻松跑 5公里", "", ""),
        ("北京马拉松", "马拉松", ""),
        ("マラソンペース走 15km", "", "マラソンペース"),
        ("レース前日 刺激入れ", "", ""),
        ("대회 준비 조깅", "", ""),
        ("하프마라톤 대회", "대회", ""),
        ("T跑 3公里×3", "", "t 跑"),
        ("M跑 15公里", "", "m 跑"),
        ("Iペース 1000m×5", "", "i ペース"),
    ],
)
def test_race_paces_and_race_weeks_are_not_races(title: str, race: str, workout: str) -> None:
    found = words.read(title)
    assert found.is_race == race
    assert found.workout == workout


def test_full_width_digits_and_letters_read_like_plain_ones() -> None:
    found = words.read("ＬＳＤ　２５ｋｍ")
    assert found.long == "lsd"


def test_runlift_plan_reads_a_chinese_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_plan(tmp_path, weekly(MON, PLANS["simplified Chinese"]))
    argv = ["plan", "--runs", str(path), "--start", MON.isoformat(), "--json"]
    assert main(argv) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [d["kind"] for d in shown["days"]] == [str(k) for k in EXPECTED]
    assert shown["days"][5]["plan_strength"] == "力量训练"


def test_a_pace_written_with_minute_marks_is_not_the_runs_length() -> None:
    assert measures.duration_s("慢跑 8公里 配速6'30\"") is None
    assert measures.distance_m("慢跑 8公里 配速6'30\"") == 8000
    assert measures.duration_s("轻松跑 5'45\"/km 40分钟") == 40 * 60
