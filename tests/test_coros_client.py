"""The COROS client over loopback: the real httpx client against the fake Training Hub."""

from __future__ import annotations

import stat
from datetime import date

import pytest

from runlift.sync import cooloff
from runlift.sync.errors import AuthRequired, RateLimited, UserError
from runlift.sync.targets.coros.catalogue import exercises_by_runlift_name
from runlift.sync.targets.coros.client import CorosClient, EntryRef
from runlift.sync.targets.coros.errors import CorosRejected, CorosUnavailable, WriteUncertain
from runlift.sync.targets.coros.session import (
    CorosSession,
    load_session,
    save_session,
    session_file,
)
from runlift.sync.targets.coros.signin import SignInForm, sign_in
from runlift.workouts.coros_payload import coros_workout
from runlift.workouts.session import build_session
from runlift.workouts.settings import AthleteSettings, MoveTarget
from tests.fakes.coros import EMAIL, PASSWORD, USER_ID

TUE = date(2026, 11, 24)
THU = date(2026, 11, 26)
ADD = "/training/program/add"
UPDATE = "/training/schedule/update"
QUERY = "/training/schedule/query"
LIBRARY = "/training/program/query"
DELETE = "/training/program/delete"


def _workout(day=TUE, label="A", load=None):
    targets = {"romanian_deadlift": MoveTarget(load=load)} if load else {}
    session = build_session(label, AthleteSettings(targets=targets))
    return coros_workout(session, day, exercises_by_runlift_name())


def _session(fake) -> CorosSession:
    return CorosSession(fake.issue_token(), USER_ID, "eu", fake.url)


@pytest.fixture
def coros(fake_coros, runlift_home):
    with CorosClient(_session(fake_coros)) as client:
        yield client


# ---------------------------------------------------------------- sign-in


@pytest.mark.parametrize("form", list(SignInForm))
def test_one_credential_post_signs_in_and_the_session_is_private(
    fake_coros, runlift_home, form
) -> None:
    session = sign_in(EMAIL, PASSWORD, region="eu", base_url=fake_coros.url, form=form)
    path = save_session(session)
    assert fake_coros.log.count("POST", "/account/login") == 1
    assert session.user_id == USER_ID and session.access_token in fake_coros.tokens
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert load_session() == session
    assert session.access_token not in repr(session)
    sent = fake_coros.logins[0]
    assert PASSWORD not in str(sent)
    assert ("pwd" in sent) is (form is SignInForm.MD5)


def test_a_wrong_password_is_one_post_and_saves_nothing(fake_coros, runlift_home) -> None:
    with pytest.raises(AuthRequired, match="email or password"):
        sign_in(EMAIL, "wrong", region="eu", base_url=fake_coros.url)
    assert fake_coros.log.count("POST", "/account/login") == 1
    assert load_session() is None and not session_file().exists()


def test_a_two_factor_account_is_told_and_nothing_is_saved(fake_coros, runlift_home) -> None:
    fake_coros.two_factor.add(EMAIL)
    with pytest.raises(UserError, match="second step"):
        sign_in(EMAIL, PASSWORD, region="eu", base_url=fake_coros.url)
    assert fake_coros.log.count("POST", "/account/login") == 1


@pytest.mark.parametrize("fault", [{"kind": "status", "status": 503}, {"kind": "reset"}])
def test_a_sign_in_that_gets_no_answer_is_not_retried(fake_coros, runlift_home, fault) -> None:
    fake_coros.faults.add(path_re="/account/login", **fault)
    with pytest.raises(UserError, match="not retried"):
        sign_in(EMAIL, PASSWORD, region="eu", base_url=fake_coros.url)
    assert len(fake_coros.log.matching(path_re="/account/login")) == 1


def test_a_sign_in_elsewhere_ends_runlifts_and_the_client_says_which_login(
    fake_coros, runlift_home
) -> None:
    session = sign_in(EMAIL, PASSWORD, region="eu", base_url=fake_coros.url)
    sign_in(EMAIL, PASSWORD, region="eu", base_url=fake_coros.url)  # the athlete, in a browser
    with CorosClient(session) as client, pytest.raises(AuthRequired, match="login coros"):
        client.library()
    assert fake_coros.log.count("POST", "/account/login") == 2


def test_an_unreadable_session_file_asks_for_a_login(runlift_home) -> None:
    session_file().write_text("{not json")
    with pytest.raises(AuthRequired, match="login coros"):
        load_session()


# ---------------------------------------------------------------- create / find


def test_create_then_find_by_marker_is_idempotent(fake_coros, coros) -> None:
    workout = _workout()
    first = coros.ensure(workout)
    again = coros.ensure(workout)
    assert first == again
    assert fake_coros.log.count("POST", ADD) == 1
    owned = coros.owned(TUE, THU)
    assert [(w.program_id, w.marker) for w in owned.workouts] == [(first, workout.marker)]
    stored = fake_coros.programs[first]
    assert stored["exercises"][0]["originId"] == workout.program["exercises"][0]["originId"]


def test_a_changed_workout_is_a_new_program_not_the_old_one(fake_coros, coros) -> None:
    old = coros.ensure(_workout(load=40))
    new = coros.ensure(_workout(load=45))
    assert old != new and fake_coros.log.count("POST", ADD) == 2


def test_a_lost_create_answer_is_found_again_by_marker_and_not_duplicated(
    fake_coros, coros
) -> None:
    workout = _workout()
    fake_coros.faults.add("apply_then_reset", method="POST", path_re=ADD)
    with pytest.raises(WriteUncertain):
        coros.create(workout)
    program_id = coros.ensure(workout)
    assert fake_coros.log.count("POST", ADD) == 1
    assert list(fake_coros.programs) == [program_id]


def test_a_create_that_did_not_land_is_made_on_the_retry(fake_coros, coros) -> None:
    workout = _workout()
    fake_coros.faults.add("reset", method="POST", path_re=ADD)
    with pytest.raises(WriteUncertain):
        coros.create(workout)
    assert not fake_coros.programs
    coros.ensure(workout)
    assert len(fake_coros.programs) == 1


def test_an_add_answered_without_an_id_is_resolved_by_marker(fake_coros, coros) -> None:
    fake_coros.add_answers_without_id = True
    workout = _workout()
    program_id = coros.create(workout)
    assert fake_coros.programs[program_id]["overview"] == workout.program["overview"]


def test_the_athletes_own_workouts_and_entries_are_never_runlifts(fake_coros, coros) -> None:
    fake_coros.add_own_program("Leg day", "Squats, runlift:v2 maybe")
    fake_coros.add_own_entry(TUE, "Easy run")
    owned = coros.owned(TUE, THU)
    assert owned.workouts == () and owned.entries == ()


# ---------------------------------------------------------------- calendar


def test_scheduled_entries_are_listed_with_their_day_and_marker(fake_coros, coros) -> None:
    fake_coros.add_own_entry(TUE, "Easy run")
    tue, thu = _workout(TUE), _workout(THU, "B")
    ref_tue = coros.schedule(tue.program, TUE)
    ref_thu = coros.schedule(thu.program, THU)
    owned = coros.owned(TUE, THU)
    assert {(e.ref, e.day, e.marker) for e in owned.entries} == {
        (ref_tue, TUE, tue.marker),
        (ref_thu, THU, thu.marker),
    }
    # Slots follow the plan's highest (the athlete's run took slot 1).
    assert (ref_tue.id_in_plan, ref_thu.id_in_plan) == ("2", "3")
    assert [p["name"] for p in fake_coros.scheduled_on(THU)] == [thu.name]


def test_scheduling_after_a_calendar_read_is_one_request(fake_coros, coros) -> None:
    coros.owned(TUE, THU)
    fake_coros.log.clear()
    coros.schedule(_workout(TUE).program, TUE)
    coros.schedule(_workout(THU, "B").program, THU)
    assert fake_coros.log.count() == 2 and fake_coros.log.count("POST", UPDATE) == 2


def test_a_library_program_can_be_scheduled_by_its_id(fake_coros, coros) -> None:
    workout = _workout()
    program = coros.library_program(coros.ensure(workout))
    assert program is not None
    ref = coros.schedule(program, TUE)
    assert [e.ref for e in coros.owned(TUE, TUE).entries] == [ref]


def test_an_empty_calendar_names_the_new_entrys_plan_by_reading_it_back(fake_coros, coros) -> None:
    fake_coros.plan_id = None
    ref = coros.schedule(_workout().program, TUE)
    assert ref.plan_id == fake_coros.plan_id and ref.id_in_plan == "1"


@pytest.mark.parametrize("gone_answer", ["ok", "error"])
def test_unscheduling_twice_is_fine(fake_coros, coros, gone_answer) -> None:
    fake_coros.gone_answer = gone_answer
    ref = coros.schedule(_workout().program, TUE)
    coros.unschedule(ref, TUE)
    assert coros.owned(TUE, TUE).entries == ()
    coros.unschedule(ref, TUE)  # already gone: a lost answer's retry, or the athlete removed it
    assert fake_coros.scheduled_on(TUE) == []


def test_a_refusal_that_leaves_the_entry_or_program_in_place_is_an_error(fake_coros, coros) -> None:
    program_id = coros.ensure(_workout())
    ref = coros.schedule(_workout().program, TUE)
    fake_coros.refusing = {UPDATE, DELETE}
    with pytest.raises(CorosRejected):
        coros.unschedule(ref, TUE)
    with pytest.raises(CorosRejected):
        coros.unschedule(ref)  # no day given: nothing to look at, the refusal stands
    with pytest.raises(CorosRejected):
        coros.delete(program_id)


def test_removed_entries_listed_with_status_3_and_text_days_are_read(fake_coros, coros) -> None:
    fake_coros.lists_removed_entries = True
    fake_coros.happen_day_as_text = True
    gone = coros.schedule(_workout(TUE).program, TUE)
    kept = coros.schedule(_workout(THU, "B").program, THU)
    coros.unschedule(gone, TUE)
    assert [(e.ref, e.day) for e in coros.owned(TUE, THU).entries] == [(kept, THU)]


@pytest.mark.parametrize("gone_answer", ["ok", "error"])
def test_deleting_twice_is_fine(fake_coros, coros, gone_answer) -> None:
    fake_coros.gone_answer = gone_answer
    program_id = coros.ensure(_workout())
    coros.delete(program_id)
    coros.delete(program_id)
    assert fake_coros.programs == {}


def test_entry_refs_round_trip_as_text() -> None:
    ref = EntryRef("460904915775176706", "12", "12")
    assert EntryRef.parse(str(ref)) == ref
    with pytest.raises(ValueError):
        EntryRef.parse("12")


# ---------------------------------------------------------------- failures


def test_a_429_pauses_coros_and_the_next_call_sends_nothing(fake_coros, coros) -> None:
    fake_coros.faults.add("status", status=429, retry_after=120)
    with pytest.raises(RateLimited):
        coros.library()
    assert cooloff.resume_time("coros") is not None
    with pytest.raises(RateLimited):
        coros.owned(TUE, THU)
    assert fake_coros.log.count() == 1


@pytest.mark.parametrize("kind", ["status", "malformed", "truncate", "apply_then_reset"])
def test_a_write_whose_answer_is_broken_is_uncertain(fake_coros, coros, kind) -> None:
    fake_coros.faults.add(kind, method="POST", path_re=UPDATE, status=502)
    with pytest.raises(WriteUncertain):
        coros.schedule(_workout().program, TUE)


@pytest.mark.parametrize("kind", ["status", "malformed", "reset"])
def test_a_read_without_a_usable_answer_is_unavailable(fake_coros, coros, kind) -> None:
    fake_coros.faults.add(kind, path_re=QUERY, status=500)
    with pytest.raises(CorosUnavailable):
        coros.calendar(TUE, THU)


def test_an_expired_token_asks_for_a_login(fake_coros, coros) -> None:
    fake_coros.expire_all_tokens()
    with pytest.raises(AuthRequired, match="login coros"):
        coros.owned(TUE, THU)
    assert fake_coros.log.count("POST", "/account/login") == 0


def test_every_request_is_counted(fake_coros, coros) -> None:
    coros.owned(TUE, THU)
    coros.ensure(_workout())
    assert coros.requests_sent == fake_coros.log.count() == 4
    assert coros.calls[LIBRARY] == 2 and coros.calls[QUERY] == 1 and coros.calls[ADD] == 1
    assert coros.calls[DELETE] == 0


def test_an_ended_sign_in_is_forgotten_but_a_newer_one_is_kept(runlift_home) -> None:
    from runlift.sync.targets.coros.session import end_session

    old = CorosSession("old-token", USER_ID, "eu", "https://teameuapi.coros.com")
    new = CorosSession("new-token", USER_ID, "eu", "https://teameuapi.coros.com")
    save_session(new)
    end_session(old.access_token)  # an old client's refusal arrives after a new login
    assert load_session() == new
    end_session(new.access_token)
    assert load_session() is None
