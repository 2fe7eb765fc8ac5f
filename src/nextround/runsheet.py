"""The run sheet: the session's timetable, worked out from the modules' own timings.

Nothing here is typed by hand: each module's slot is its notebook's teaching plus activity
minutes (:mod:`nextround.course`), and what the group does and what to have ready come from
the facilitator notes. Two variants: one three-hour session, or two sessions of ninety
minutes. Modules keep their order and are never split; time left over becomes a buffer for
questions and catch-up just before the close.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Final, Literal, get_args

from nextround.course import Module

Variant = Literal["single", "two"]
SlotKind = Literal["opening", "module", "break", "closing", "buffer"]

VARIANTS: Final[tuple[Variant, ...]] = get_args(Variant)
DEFAULT_START: Final = time(9, 30)
#: Session lengths in minutes, per variant.
SESSION_MINUTES: Final[dict[Variant, tuple[int, ...]]] = {"single": (180,), "two": (90, 90)}
VARIANT_TITLES: Final[dict[Variant, str]] = {
    "single": "One three-hour session",
    "two": "Two 90-minute sessions",
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
STRETCH: Final = Fixed("break", 5, "Stretch break", "Stand up, stretch, refill drinks.")
CLOSING: Final = Fixed(
    "closing",
    5,
    "Check-out and next steps",
    "Answer the parked questions, remind people how to back up or delete their notes, and "
    "say what happens next.",
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
    """The whole timetable for one variant: one session or two."""

    variant: Variant
    sessions: tuple[Session, ...]

    @property
    def title(self) -> str:
        """The variant's name, such as "One three-hour session"."""
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
                if slot.kind != "module":
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


def break_after(minutes: Sequence[int]) -> int:
    """How many modules come before the mid-session break.

    The break goes at the first module boundary at or after half the modules' time, and
    always between two modules when there are at least two (after the only one otherwise).
    """
    if len(minutes) <= 1:
        return len(minutes)
    half = sum(minutes) / 2
    elapsed = 0
    for count, length in enumerate(minutes[:-1], start=1):
        elapsed += length
        if elapsed >= half:
            return count
    return len(minutes) - 1


def _fixed_minutes(opening: Fixed, pause: Fixed) -> int:
    return opening.minutes + pause.minutes + CLOSING.minutes


def _session(
    number: int,
    of: int,
    *,
    length: int,
    start: time,
    opening: Fixed,
    pause: Fixed,
    chosen: Sequence[Module],
) -> Session:
    """Lay out one session's slots back to back from ``start``; the modules must fit."""
    split = break_after([m.minutes for m in chosen])
    plan: list[Fixed | Module] = [opening, *chosen[:split], pause, *chosen[split:]]
    slots: list[Slot] = []
    clock = datetime.combine(datetime(2000, 1, 1), start)
    rows: list[tuple[int, SlotKind, str, str, tuple[str, ...], int | None]] = [
        (i.minutes, i.kind, i.title, i.activity, i.have_ready, None)
        if isinstance(i, Fixed)
        else (i.minutes, "module", i.label, i.notes.group_activity, i.notes.have_ready, i.number)
        for i in plan
    ]
    spare = length - sum(row[0] for row in rows) - CLOSING.minutes
    if spare > 0:
        rows.append((spare, "buffer", BUFFER_TITLE, BUFFER_ACTIVITY, (), None))
    rows.append((CLOSING.minutes, CLOSING.kind, CLOSING.title, CLOSING.activity, (), None))
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


def build(
    modules: Sequence[Module], variant: Variant = "single", start: time = DEFAULT_START
) -> RunSheet:
    """The run sheet for ``modules`` (in number order) in one of the two variants."""
    ordered = sorted(modules, key=lambda m: m.number)
    if variant == "single":
        (length,) = SESSION_MINUTES["single"]
        room = length - _fixed_minutes(OPENING, LONG_BREAK)
        needed = sum(m.minutes for m in ordered)
        if needed > room:
            raise _overrun(needed, room, "one three-hour session", ordered)
        return RunSheet(
            variant,
            (
                _session(
                    1,
                    1,
                    length=length,
                    start=start,
                    opening=OPENING,
                    pause=LONG_BREAK,
                    chosen=ordered,
                ),
            ),
        )
    if variant != "two":
        raise RunSheetError(f"Unknown variant {variant!r}; choose one of {', '.join(VARIANTS)}.")
    first_length, second_length = SESSION_MINUTES["two"]
    first_room = first_length - _fixed_minutes(OPENING, STRETCH)
    second_room = second_length - _fixed_minutes(WELCOME_BACK, STRETCH)
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
    return RunSheet(
        variant,
        (
            _session(
                1,
                2,
                length=first_length,
                start=start,
                opening=OPENING,
                pause=STRETCH,
                chosen=ordered[:split],
            ),
            _session(
                2,
                2,
                length=second_length,
                start=start,
                opening=WELCOME_BACK,
                pause=STRETCH,
                chosen=rest,
            ),
        ),
    )
