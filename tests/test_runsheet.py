"""The run sheet: worked out from the modules' timings, contiguous, and never over time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.course import Module, Notes, modules, practice_sessions
from nextround.runsheet import (
    BUFFER_TITLE,
    CHECK_OUT,
    CLOSING,
    LONG_BREAK,
    LUNCH,
    OPENING,
    SESSION_MINUTES,
    STRETCH,
    VARIANTS,
    WELCOME_BACK,
    RunSheet,
    RunSheetError,
    Session,
    Variant,
    break_after,
    break_points,
    build,
    md_escape,
    parse_start,
)

REPO = Path(__file__).resolve().parents[1]
SINGLE_ROOM = 180 - 5 - 15 - 5
SESSION_ROOM = 90 - 5 - 5 - 5


def module(number: int, teaching: int, activity: int = 0, title: str = "") -> Module:
    """A module with the given timing and made-up notes."""
    return Module(
        number=number,
        title=title or f"Title {number}",
        notebook=Path(f"notebooks/{number:02d}_m.ipynb"),
        teaching_minutes=teaching,
        activity_minutes=activity,
        notes=Notes("Purpose.", f"Group activity {number}.", (f"Thing {number}",), (), (), ()),
    )


def course_of(*minutes: int) -> list[Module]:
    """Modules numbered from 0 with these lengths."""
    return [module(n, m) for n, m in enumerate(minutes)]


def _minutes_of_day(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def assert_well_formed(session: Session, start: time) -> None:
    """Slots are back to back from the start, and add up exactly to the session length."""
    assert sum(s.minutes for s in session.slots) == session.minutes
    assert session.slots[0].start == start
    for slot in session.slots:
        assert slot.minutes > 0
        assert (_minutes_of_day(slot.end) - _minutes_of_day(slot.start)) % 1440 == slot.minutes
    for before, after in zip(session.slots, session.slots[1:], strict=False):
        assert before.end == after.start


def kinds(session: Session) -> list[str]:
    """The slot kinds in order."""
    return [s.kind for s in session.slots]


# ---------------------------------------------------------------------------------------
# The real course
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_real_course_fits_every_format(variant: Variant) -> None:
    """The committed modules fit the core session, two 90-minute sessions and a full day."""
    course = modules(REPO)
    sheet = build(course, variant, practices=practice_sessions(REPO))
    assert [s.minutes for s in sheet.sessions] == list(SESSION_MINUTES[variant])
    for session in sheet.sessions:
        assert_well_formed(session, time(9, 30))
    numbers = [n for s in sheet.sessions for n in s.modules]
    assert numbers == [m.number for m in course]


def test_module_slots_show_the_notes_for_that_module() -> None:
    """A module's row says what the group does and what to have ready, from the notes."""
    course = modules(REPO)
    sheet = build(course, "single")
    rows = {s.module: s for s in sheet.sessions[0].slots if s.module is not None}
    for item in course:
        assert rows[item.number].title == item.label
        assert rows[item.number].activity == item.notes.group_activity
        assert rows[item.number].have_ready == item.notes.have_ready
        assert rows[item.number].minutes == item.minutes


# ---------------------------------------------------------------------------------------
# One three-hour session
# ---------------------------------------------------------------------------------------


def test_single_session_has_opening_break_buffer_and_closing_around_the_modules() -> None:
    """Opening first, a 15-minute break between modules, buffer, then closing last."""
    sheet = build(course_of(20, 20, 20, 20), "single", time(10, 0))
    (session,) = sheet.sessions
    expected = "opening module module break module module buffer closing"
    assert kinds(session) == expected.split()
    assert session.slots[0].title == OPENING.title
    assert session.slots[0].minutes == 5
    assert session.slots[3].minutes == LONG_BREAK.minutes == 15
    assert session.slots[-2].title == BUFFER_TITLE
    assert session.slots[-2].minutes == SINGLE_ROOM - 80
    # The last module is the course's own check-out, so the close is not another one.
    assert session.slots[-1].title == CLOSING.title == "Close: parked questions and next steps"
    assert session.slots[-1].end == time(13, 0)


@pytest.mark.parametrize(
    ("minutes", "before_break"),
    [
        pytest.param((10, 10), 1, id="two-equal-modules"),
        pytest.param((10, 20, 10), 2, id="half-reached-inside-second"),
        pytest.param((10, 10, 10, 10), 2, id="boundary-exactly-at-half"),
        pytest.param((60, 10, 10), 1, id="first-module-past-half"),
        pytest.param((10, 10, 100), 2, id="half-only-at-the-end-keeps-break-between"),
        pytest.param((30,), 1, id="only-one-module"),
        pytest.param((), 0, id="no-modules"),
    ],
)
def test_break_goes_at_the_first_boundary_at_or_after_half(
    minutes: tuple[int, ...], before_break: int
) -> None:
    """The break sits between modules, at the first boundary reaching half the module time."""
    assert break_after(minutes) == before_break


def test_exact_fit_leaves_no_buffer() -> None:
    """When the modules fill the session exactly, there is no empty buffer row."""
    (session,) = build(course_of(SINGLE_ROOM - 50, 50), "single").sessions
    assert "buffer" not in kinds(session)
    assert_well_formed(session, time(9, 30))


def test_single_session_overrun_names_the_overrun_and_the_timing_tips() -> None:
    """One minute too many is refused, saying by how much and where to trim."""
    with pytest.raises(RunSheetError, match="run 1 minute over") as caught:
        build(course_of(SINGLE_ROOM - 50, 51), "single")
    assert "timing tips" in str(caught.value)
    assert "modules 0, 1" in str(caught.value)


# ---------------------------------------------------------------------------------------
# Two 90-minute sessions
# ---------------------------------------------------------------------------------------


def test_two_sessions_fill_the_first_until_the_next_module_would_not_fit() -> None:
    """Session 1 takes modules in order while they fit; the rest go to session 2."""
    sheet = build(course_of(30, 30, 20, 10, 20), "two")
    first, second = sheet.sessions
    assert first.modules == (0, 1)  # 30 + 30 + 20 would be 80 > 75
    assert second.modules == (2, 3, 4)
    assert first.title.startswith("Session 1 of 2")


def test_each_session_has_a_stretch_break_and_the_second_a_welcome_back() -> None:
    """Both sessions have a 5-minute stretch; session 2 opens with "Welcome back"."""
    first, second = build(course_of(30, 30, 20, 10, 20), "two").sessions
    for session in (first, second):
        breaks = [s for s in session.slots if s.kind == "break"]
        assert [(b.title, b.minutes) for b in breaks] == [(STRETCH.title, 5)]
    # Only the session without the last module (the course's check-out) ends with one.
    assert first.slots[-1].title == CHECK_OUT.title
    assert second.slots[-1].title == CLOSING.title
    assert first.slots[0].title == OPENING.title
    assert second.slots[0].title == WELCOME_BACK.title == "Welcome back and check-in"
    assert second.slots[0].minutes == 5


def test_two_sessions_overrun_in_the_second_session_is_refused() -> None:
    """If what is left after session 1 does not fit session 2, the error says so."""
    with pytest.raises(RunSheetError, match=r"second session.*run 5 minutes over"):
        build(course_of(40, 30, 40, 40), "two")


def test_a_module_longer_than_a_session_is_refused() -> None:
    """A module is never split, so one longer than a session cannot be placed."""
    with pytest.raises(RunSheetError, match="first module alone") as caught:
        build(course_of(SESSION_ROOM + 1), "two")
    assert "module 0 " in str(caught.value)


# ---------------------------------------------------------------------------------------
# Any timings at all (Hypothesis)
# ---------------------------------------------------------------------------------------

timings = st.lists(st.integers(1, 90), max_size=12)
starts = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45, 59]))


def check_sheet(sheet: RunSheet, minutes: Sequence[int], start: time) -> None:
    """Every invariant a run sheet must keep, whatever the module timings."""
    fixed_openings = {OPENING.title, WELCOME_BACK.title}
    placed = [n for session in sheet.sessions for n in session.modules]
    assert placed == list(range(len(minutes)))  # every module once, in order
    for session in sheet.sessions:
        assert_well_formed(session, start)
        assert session.slots[0].kind == "opening"
        assert session.slots[0].title in fixed_openings
        assert session.slots[-1].kind == "closing"
        assert kinds(session).count("break") == 1
        buffers = [i for i, s in enumerate(session.slots) if s.kind == "buffer"]
        assert buffers in ([], [len(session.slots) - 2])
        lengths = [minutes[n] for n in session.modules]
        # The break comes straight after the chosen module boundary.
        position = kinds(session).index("break")
        assert position == 1 + break_after(lengths)


@settings(deadline=None)  # timing varies on a shared machine; the layout is what is tested
@given(timings, starts)
def test_single_session_layout_holds_for_any_timings(minutes: list[int], start: time) -> None:
    """It fits exactly when the modules fit the room left; then every invariant holds."""
    course = course_of(*minutes)
    if sum(minutes) > SINGLE_ROOM:
        with pytest.raises(RunSheetError, match="over"):
            build(course, "single", start)
        return
    check_sheet(build(course, "single", start), minutes, start)


@settings(deadline=None)  # timing varies on a shared machine; the layout is what is tested
@given(timings, starts)
def test_two_session_layout_holds_for_any_timings(minutes: list[int], start: time) -> None:
    """It fits exactly when some split fits both sessions; session 1 is filled greedily."""
    course = course_of(*minutes)
    fits = any(
        sum(minutes[:k]) <= SESSION_ROOM and sum(minutes[k:]) <= SESSION_ROOM
        for k in range(len(minutes) + 1)
    )
    if not fits:
        with pytest.raises(RunSheetError, match="over"):
            build(course, "two", start)
        return
    sheet = build(course, "two", start)
    check_sheet(sheet, minutes, start)
    first, second = sheet.sessions
    if second.modules:  # the next module really would not have fitted in session 1
        assert sum(minutes[: len(first.modules) + 1]) > SESSION_ROOM


# ---------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------


def test_markdown_has_a_table_per_session_with_every_slot() -> None:
    """Each session gets a heading and a table; every slot title appears in it."""
    sheet = build(modules(REPO), "two", time(13, 0))
    markdown = sheet.to_markdown(level=3)
    assert len(re.findall(r"^### Session \d of 2", markdown, re.M)) == 2
    assert markdown.count("| Time | Minutes | Slot |") == 2
    for session in sheet.sessions:
        for slot in session.slots:
            assert md_escape(slot.title) in markdown
            assert f"{slot.start:%H:%M}–{slot.end:%H:%M}" in markdown
    assert "13:00–13:05" in markdown


def test_markdown_escapes_text_so_table_rows_keep_their_cells() -> None:
    """A pipe or an asterisk in a title does not break the table or turn into emphasis."""
    sheet = build([module(0, 10, title="Yes | no *maybe*")], "single")
    row = next(line for line in sheet.to_markdown().splitlines() if "Yes" in line)
    assert r"Yes \| no \*maybe\*" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 6


def test_text_output_lists_every_slot_with_its_times() -> None:
    """The plain-text run sheet shows each slot's clock times, minutes and title."""
    sheet = build(modules(REPO), "single", time(9, 0))
    text = sheet.to_text()
    for slot in sheet.sessions[0].slots:
        assert f"{slot.start:%H:%M}-{slot.end:%H:%M}" in text
        assert slot.title in text
    assert text.startswith("The three-hour core session")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("09:30", time(9, 30)), ("9:05", time(9, 5)), (" 23:59 ", time(23, 59)), ("00:00", time(0))],
)
def test_start_times_on_the_24_hour_clock_are_read(text: str, expected: time) -> None:
    """HH:MM and H:MM both work."""
    assert parse_start(text) == expected


@pytest.mark.parametrize("text", ["24:00", "9.30", "09:60", "half nine", "", "9:5"])
def test_other_start_times_are_refused_clearly(text: str) -> None:
    """Anything that is not a 24-hour clock time gets an error with an example."""
    with pytest.raises(RunSheetError, match="such as 09:30"):
        parse_start(text)


def test_a_session_running_past_midnight_keeps_its_clock_times() -> None:
    """A late start wraps round the clock rather than failing."""
    (session,) = build(course_of(60), "single", time(23, 0)).sessions
    assert session.slots[-1].end == time(2, 0)
    assert_well_formed(session, time(23, 0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("# Not a heading", r"\# Not a heading", id="heading"),
        pytest.param("1. Not a list", r"1\. Not a list", id="numbered-list"),
        pytest.param("- Not a bullet", r"\- Not a bullet", id="bullet"),
        pytest.param("% Not a MyST comment", r"\% Not a MyST comment", id="myst-comment"),
        pytest.param("Costs $5 | $6", r"Costs \$5 \| \$6", id="maths-and-pipes"),
        pytest.param("a <b>bold</b> `x`", r"a \<b\>bold\</b\> \`x\`", id="html-and-code"),
        pytest.param("two\n\nlines", "two lines", id="stays-on-one-line"),
        pytest.param('Module 1: After the "no"', 'Module 1: After the "no"', id="plain-text"),
    ],
)
def test_markdown_escape_shows_data_exactly_as_written(text: str, expected: str) -> None:
    """Nothing in the data can become a heading, list, comment, maths or a broken table."""
    assert md_escape(text) == expected


# ---------------------------------------------------------------------------------------
# The three formats of the real course
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_session_of_the_real_course_has_two_check_outs(variant: Variant) -> None:
    """Each session has exactly one check-out: Module 8's, or a closing one without it."""
    sheet = build(modules(REPO), variant, practices=practice_sessions(REPO))
    for session in sheet.sessions:
        said = [s for s in session.slots if "check-out" in f"{s.title} {s.activity}".lower()]
        assert len(said) == 1, [s.title for s in said]


def test_short_formats_leave_the_reading_and_the_mock_interview_for_self_study() -> None:
    """The core session names all the reading minutes and the mock interview as self-study."""
    course = modules(REPO)
    practices = practice_sessions(REPO)
    assert [p.title for p in practices] == ["Mock interview practice"]
    core = build(course, "single", practices=practices)
    reading = sum(m.reading_minutes for m in course)
    assert reading > 0
    assert any(f"about {reading} minutes in all" in item for item in core.self_study)
    assert any(item.startswith("Mock interview practice") for item in core.self_study)
    two = build(course, "two", practices=practices)
    per_session = [
        sum(m.reading_minutes for m in course if m.number in s.modules) for s in two.sessions
    ]
    for number, minutes in enumerate(per_session, start=1):
        assert any(
            i.startswith(f"Session {number}:") and f"about {minutes} minutes" in i
            for i in two.self_study
        )
    assert "Self-study in this format" in core.to_markdown()
    assert "Self-study in this format" in two.to_text()


def test_full_day_reads_in_the_room_runs_the_mock_interview_and_breaks_for_lunch() -> None:
    """A full day holds each module's reading too, the mock interview after Module 6, lunch."""
    course = modules(REPO)
    practices = practice_sessions(REPO)
    (session,) = build(course, "day", practices=practices).sessions
    assert session.minutes == SESSION_MINUTES["day"][0]
    rows = {s.module: s for s in session.slots if s.module is not None}
    for module in course:
        needed = module.minutes + module.reading_minutes
        assert needed <= rows[module.number].minutes < needed + 5
        assert rows[module.number].minutes % 5 == 0
    titles = [s.title for s in session.slots]
    mock = titles.index("Mock interview practice")
    assert titles[mock - 1] == course[6].label
    assert session.slots[mock].minutes == practices[0].minutes
    assert [s.title for s in session.slots if s.kind == "break"] == [
        LONG_BREAK.title,
        LUNCH.title,
        LONG_BREAK.title,
    ]
    assert_well_formed(session, time(9, 30))


@pytest.mark.parametrize(
    ("minutes", "pauses", "expected"),
    [
        pytest.param((10, 10, 10, 10), 3, [1, 2, 3], id="one-module-between-each"),
        pytest.param((10, 10, 10, 10), 1, [2], id="same-as-break-after"),
        pytest.param((50, 10, 10, 10), 3, [1, 2, 3], id="a-long-first-module"),
        pytest.param((10, 10), 3, [1, 1, 1], id="more-breaks-than-boundaries"),
        pytest.param((), 2, [0, 0], id="no-modules"),
    ],
)
def test_break_points_spread_breaks_and_never_go_backwards(
    minutes: tuple[int, ...], pauses: int, expected: list[int]
) -> None:
    """Several breaks fall at even shares of the time, in order, between modules."""
    assert break_points(minutes, pauses) == expected
