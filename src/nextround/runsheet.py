"""The run sheet: the session's timetable, worked out from the modules' own timings.

Nothing here is typed by hand: each module's slot is its notebook's teaching plus activity
minutes (:mod:`nextround.course`), and what the group does and what to have ready come from
the facilitator notes. Three formats, built from the same timings: a three-hour core
session and two sessions of ninety minutes (each module's summary and activity in the room,
its reading as self-study), and a full day (the reading and the mock interview in the room
too). Modules keep their order and are never split; time left over becomes a buffer for
questions and catch-up just before the close.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Final, Literal, get_args

from nextround.course import Module, Practice

Variant = Literal["single", "two", "day"]
SlotKind = Literal["opening", "module", "practice", "break", "closing", "buffer"]

VARIANTS: Final[tuple[Variant, ...]] = get_args(Variant)
DEFAULT_START: Final = time(9, 30)
#: Session lengths in minutes, per variant.
SESSION_MINUTES: Final[dict[Variant, tuple[int, ...]]] = {
    "single": (180,),
    "two": (90, 90),
    "day": (390,),
}
VARIANT_TITLES: Final[dict[Variant, str]] = {
    "single": "The three-hour core session",
    "two": "Two 90-minute sessions",
    "day": "A full day",
}


@dataclass(frozen=True, slots=True)
class Fixed:
    """A slot that is in every run sheet whatever the modules: its length, title and content."""

    kind: SlotKind
    minutes: int
    title: str
    activity: str
    have_ready: tuple[str, ...] = ()


OPENING: Final = Fixed(
    "opening",
    5,
    "Welcome, content note and ground rules",
    "Introductions and the shape of the session; read the content note aloud, agree the "
    "ground rules and show how the pass card works.",
)
WELCOME_BACK: Final = Fixed(
    "opening",
    5,
    "Welcome back and check-in",
    "A one-word round on how people are arriving (pass welcome), a reminder of the ground "
    "rules, and where the group got to last time.",
    ("The ground rules on the flipchart again",),
)
LONG_BREAK: Final = Fixed(
    "break", 15, "Break", "Drinks, fresh air, and the quiet space for anyone who wants it."
)
LUNCH: Final = Fixed(
    "break", 45, "Lunch", "A proper break away from the screens; the quiet space stays open."
)
STRETCH: Final = Fixed("break", 5, "Stretch break", "Stand up, stretch, refill drinks.")
#: The close of a session that holds the course's last module, which is itself the check-out.
CLOSING: Final = Fixed(
    "closing",
    5,
    "Close: parked questions and next steps",
    "Answer the parked questions, remind people how to back up or delete their notes, and "
    "say what happens next.",
)
#: The close of a session without the last module: a short check-out until next time.
CHECK_OUT: Final = Fixed(
    "closing",
    5,
    "Check-out until next time",
    "A one-word round on how people are leaving (pass welcome), the parked questions, and "
    "which pages to read before next time.",
)
BUFFER_TITLE: Final = "Buffer: questions and catch-up"
BUFFER_ACTIVITY: Final = (
    "Spare time: let a module that ran over finish, take the parked questions, or let people "
    "carry on with their own work."
)


class RunSheetError(ValueError):
    """The modules do not fit the sessions; the message says by how much and what to do."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One row of the run sheet: when, how long, what kind, and what happens."""

    start: time
    end: time
    minutes: int
    kind: SlotKind
    title: str
    activity: str
    have_ready: tuple[str, ...] = ()
    module: int | None = None


@dataclass(frozen=True, slots=True)
class Session:
    """One session: its number, its length and its slots in order."""

    number: int
    of: int
    minutes: int
    slots: tuple[Slot, ...]

    @property
    def title(self) -> str:
        """A heading for the session, such as "Session 1 of 2, 09:30 to 11:00 (90 minutes)"."""
        when = f"{_clock(self.slots[0].start)} to {_clock(self.slots[-1].end)}"
        name = f"Session {self.number} of {self.of}, " if self.of > 1 else "One session, "
        return f"{name}{when} ({self.minutes} minutes)"

    @property
    def modules(self) -> tuple[int, ...]:
        """The numbers of the modules in this session, in order."""
        return tuple(s.module for s in self.slots if s.module is not None)


@dataclass(frozen=True, slots=True)
class RunSheet:
    """The whole timetable for one format, and what that format leaves for self-study."""

    variant: Variant
    sessions: tuple[Session, ...]
    self_study: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The format's name, such as "The three-hour core session"."""
        return VARIANT_TITLES[self.variant]

    def to_markdown(self, level: int = 2) -> str:
        """The run sheet as Markdown: a heading per session (at ``level``) and a table each."""
        hashes = "#" * level
        lines: list[str] = []
        for session in self.sessions:
            lines += [f"{hashes} {md_escape(session.title)}", ""]
            lines += ["| Time | Minutes | Slot | What the group does | Have ready |"]
            lines += ["|---|---|---|---|---|"]
            for slot in session.slots:
                title = md_escape(slot.title)
                if slot.kind not in ("module", "practice"):
                    title = f"*{title}*"
                cells = (
                    f"{_clock(slot.start)}–{_clock(slot.end)}",
                    str(slot.minutes),
                    title,
                    md_escape(slot.activity),
                    "; ".join(md_escape(item) for item in slot.have_ready),
                )
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        if self.self_study:
            lines += [f"{hashes} Self-study in this format", ""]
            lines += [f"- {md_escape(item)}" for item in self.self_study]
            lines.append("")
        return "\n".join(lines)

    def to_text(self, width: int = 88) -> str:
        """The run sheet as plain text, for a terminal or a quick print."""
        lines = [self.title, "=" * len(self.title), ""]
        indent = " " * 22
        for session in self.sessions:
            lines += [session.title, "-" * len(session.title), ""]
            for slot in session.slots:
                head = f"{_clock(slot.start)}-{_clock(slot.end)}  {slot.minutes:>3} min  "
                lines.append(head + slot.title)
                lines += _wrap(slot.activity, width, indent, indent)
                if slot.have_ready:
                    ready = "Have ready: " + "; ".join(slot.have_ready)
                    lines += _wrap(ready, width, indent, indent + "  ")
            lines.append("")
        if self.self_study:
            lines += ["Self-study in this format", "-" * 25, ""]
            for item in self.self_study:
                lines += _wrap(item, width, "  - ", "    ")
            lines.append("")
        return "\n".join(lines)


_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>$|])")


#: What makes a line start a heading, list, quote, comment (MyST's %) or code fence.
_LINE_START: Final = re.compile(r"^(?:([#+\-=>%~])|(\d+)([.)]))")


def md_escape(text: str) -> str:
    """Text with Markdown's special characters escaped, so data shows exactly as written.

    Runs of white space become one space, so the text always stays on one line.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", escaped
    )


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    )


def _clock(moment: time) -> str:
    return f"{moment:%H:%M}"


def parse_start(text: str) -> time:
    """A start time from "HH:MM" (24-hour clock), with a clear error otherwise."""
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise RunSheetError(f"{text!r} is not a time; use the 24-hour clock, such as 09:30.")
    return time(int(match.group(1)), int(match.group(2)))


def break_points(minutes: Sequence[int], pauses: int) -> list[int]:
    """How many items come before each of ``pauses`` breaks, spreading them through the time.

    Break ``j`` goes at the first item boundary at or after ``j / (pauses + 1)`` of the
    items' time, never before the previous break, and between two items whenever there are
    at least two (after the only one otherwise). Two breaks share a boundary only when
    there are more breaks than boundaries.
    """
    count = len(minutes)
    total = sum(minutes)
    points: list[int] = []
    previous = 0
    for j in range(1, pauses + 1):
        if count <= 1:
            points.append(count)
            continue
        target = total * j / (pauses + 1)
        chosen = max(previous, count - 1)
        first = previous + 1 if previous else 1
        elapsed = sum(minutes[: first - 1])
        for boundary in range(first, count):
            elapsed += minutes[boundary - 1]
            if elapsed >= target:
                chosen = boundary
                break
        points.append(chosen)
        previous = chosen
    return points


def break_after(minutes: Sequence[int]) -> int:
    """How many modules come before the mid-session break (the one-break case above)."""
    return break_points(minutes, 1)[0]


#: One row before it gets its clock times: minutes, kind, title, activity, have ready, module.
_Row = tuple[int, SlotKind, str, str, tuple[str, ...], int | None]


def _module_row(module: Module, *, reading_in_room: bool) -> _Row:
    if not reading_in_room or not module.reading_minutes:
        return (
            module.minutes,
            "module",
            module.label,
            module.notes.group_activity,
            module.notes.have_ready,
            module.number,
        )
    activity = (
        f"Your {module.teaching_minutes}-minute introduction, {module.reading_minutes} "
        f"minutes of quiet reading, then: {module.notes.group_activity}"
    )
    # Rounded up to five minutes, so the day keeps clock times people can remember.
    minutes = -(-(module.minutes + module.reading_minutes) // 5) * 5
    return (minutes, "module", module.label, activity, module.notes.have_ready, module.number)


def _practice_row(practice: Practice) -> _Row:
    return (
        practice.minutes,
        "practice",
        practice.title,
        practice.group_activity,
        practice.have_ready,
        None,
    )


def _fixed_row(fixed: Fixed) -> _Row:
    return (fixed.minutes, fixed.kind, fixed.title, fixed.activity, fixed.have_ready, None)


def _session(
    number: int,
    of: int,
    *,
    length: int,
    start: time,
    opening: Fixed,
    pauses: Sequence[Fixed],
    items: Sequence[_Row],
    closing: Fixed,
) -> Session:
    """Lay out one session's slots back to back from ``start``; the items must fit."""
    points = break_points([row[0] for row in items], len(pauses))
    rows: list[_Row] = [_fixed_row(opening)]
    taken = 0
    for pause, point in zip(pauses, points, strict=True):
        rows += [*items[taken:point], _fixed_row(pause)]
        taken = point
    rows += items[taken:]
    spare = length - sum(row[0] for row in rows) - closing.minutes
    if spare > 0:
        rows.append((spare, "buffer", BUFFER_TITLE, BUFFER_ACTIVITY, (), None))
    rows.append(_fixed_row(closing))
    slots: list[Slot] = []
    clock = datetime.combine(datetime(2000, 1, 1), start)
    for minutes, kind, title, activity, ready, module in rows:
        end = clock + timedelta(minutes=minutes)
        slots.append(Slot(clock.time(), end.time(), minutes, kind, title, activity, ready, module))
        clock = end
    return Session(number, of, length, tuple(slots))


def _minutes(count: int) -> str:
    return f"{count} minute" if count == 1 else f"{count} minutes"


def _overrun(needed: int, room: int, where: str, modules: Sequence[Module]) -> RunSheetError:
    names = ", ".join(str(m.number) for m in modules)
    names = f"module {names}" if len(modules) == 1 else f"modules {names}"
    return RunSheetError(
        f"The modules do not fit {where}: they need {needed} minutes but there is room for "
        f"{room} after the fixed slots, so they run {_minutes(needed - room)} over. Shorten "
        f"{names} (their teaching_minutes or activity_minutes in the notebooks' "
        "metadata), following the timing tips in the facilitator notes (`nextround notes`)."
    )


def _numbers(modules: Sequence[Module]) -> str:
    numbers = [str(m.number) for m in modules]
    if len(numbers) == 1:
        return f"Module {numbers[0]}"
    return f"Modules {', '.join(numbers[:-1])} and {numbers[-1]}"


def _reading(modules: Sequence[Module]) -> int:
    return sum(m.reading_minutes for m in modules)


def _practice_home(practices: Sequence[Practice]) -> list[str]:
    return [
        f"{p.title} ({p.minutes} minutes): Module {p.after_module} keeps a short practice "
        "round in the room; the full practice is for home, with a friend or two."
        for p in practices
    ]


def _closing_for(chosen: Sequence[Module], last: int | None) -> Fixed:
    return CLOSING if last is not None and any(m.number == last for m in chosen) else CHECK_OUT


def build(
    modules: Sequence[Module],
    variant: Variant = "single",
    start: time = DEFAULT_START,
    practices: Sequence[Practice] = (),
) -> RunSheet:
    """The run sheet for ``modules`` (in number order) in one of the three formats.

    The core session and the two 90-minute sessions hold each module's summary and activity;
    the modules' reading and the practice notebooks become self-study. The full day also holds
    the reading and the practices. The last module is the course's own check-out, so only a
    session without it ends with a check-out slot.
    """
    ordered = sorted(modules, key=lambda m: m.number)
    last = ordered[-1].number if ordered else None
    if variant == "single":
        (length,) = SESSION_MINUTES["single"]
        room = length - OPENING.minutes - LONG_BREAK.minutes - CLOSING.minutes
        needed = sum(m.minutes for m in ordered)
        if needed > room:
            raise _overrun(needed, room, "one three-hour session", ordered)
        items = [_module_row(m, reading_in_room=False) for m in ordered]
        session = _session(
            1,
            1,
            length=length,
            start=start,
            opening=OPENING,
            pauses=(LONG_BREAK,),
            items=items,
            closing=_closing_for(ordered, last),
        )
        study = []
        if ordered and _reading(ordered):
            study.append(
                f"The reading for every module (about {_reading(ordered)} minutes in all), "
                "before or after the session. Each module's page says how long it takes."
            )
        return RunSheet(variant, (session,), (*study, *_practice_home(practices)))
    if variant == "day":
        return _day(ordered, start, practices, last)
    if variant != "two":
        raise RunSheetError(f"Unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}.")
    first_length, second_length = SESSION_MINUTES["two"]
    first_room = first_length - OPENING.minutes - STRETCH.minutes - CHECK_OUT.minutes
    second_room = second_length - WELCOME_BACK.minutes - STRETCH.minutes - CLOSING.minutes
    # Session 1 takes modules in order until the next would not fit.
    split, used = 0, 0
    while split < len(ordered) and used + ordered[split].minutes <= first_room:
        used += ordered[split].minutes
        split += 1
    rest = ordered[split:]
    needed = sum(m.minutes for m in rest)
    if needed > second_room:
        where = "two 90-minute sessions"
        if split == 0:
            raise _overrun(
                ordered[0].minutes, first_room, f"{where} (the first module alone)", ordered[:1]
            )
        raise _overrun(needed, second_room, f"{where} (the second session)", rest)
    first, second = ordered[:split], rest
    sessions = (
        _session(
            1,
            2,
            length=first_length,
            start=start,
            opening=OPENING,
            pauses=(STRETCH,),
            items=[_module_row(m, reading_in_room=False) for m in first],
            closing=_closing_for(first, last),
        ),
        _session(
            2,
            2,
            length=second_length,
            start=start,
            opening=WELCOME_BACK,
            pauses=(STRETCH,),
            items=[_module_row(m, reading_in_room=False) for m in second],
            closing=_closing_for(second, last),
        ),
    )
    study = []
    if first and _reading(first):
        study.append(
            f"Session 1: the reading for {_numbers(first)} (about {_reading(first)} minutes), "
            "before the session or straight after it."
        )
    if second and _reading(second):
        study.append(
            f"Session 2: the reading for {_numbers(second)} (about {_reading(second)} "
            "minutes), between the sessions or after the second."
        )
    return RunSheet(variant, sessions, (*study, *_practice_home(practices)))


def _day(
    ordered: Sequence[Module], start: time, practices: Sequence[Practice], last: int | None
) -> RunSheet:
    """The full day: reading done in the room, practices after their module, lunch mid-way."""
    (length,) = SESSION_MINUTES["day"]
    pauses = (LONG_BREAK, LUNCH, LONG_BREAK)
    room = length - OPENING.minutes - sum(p.minutes for p in pauses) - CLOSING.minutes
    items: list[_Row] = []
    placed: set[int] = set()
    for module in ordered:
        items.append(_module_row(module, reading_in_room=True))
        for index, practice in enumerate(practices):
            if practice.after_module == module.number:
                items.append(_practice_row(practice))
                placed.add(index)
    items += [_practice_row(p) for i, p in enumerate(practices) if i not in placed]
    needed = sum(row[0] for row in items)
    if needed > room:
        raise _overrun(needed, room, "a full day", ordered)
    session = _session(
        1,
        1,
        length=length,
        start=start,
        opening=OPENING,
        pauses=pauses,
        items=items,
        closing=_closing_for(ordered, last),
    )
    study = (
        "Nothing is required: the reading is done in the room. People can come back to any "
        "module at their own pace afterwards.",
    )
    return RunSheet("day", (session,), study)
