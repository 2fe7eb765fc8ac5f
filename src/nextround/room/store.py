"""The room's shared items: SQLite by default, PostgreSQL when given a database URL.

One code path for both (SQLAlchemy Core), so a hub that moves to Kubernetes keeps working.
Participants are never stored by name: each one is a keyed hash of their hub name, used
only so that a second mood or module from the same person replaces their first.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import sqlalchemy as sa

#: Mood counts are shown only once at least this many people have answered.
MOOD_MINIMUM: Final = 3

_metadata = sa.MetaData()

question_table = sa.Table(
    "room_question",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("text", sa.String(400), nullable=False),
    sa.Column("shared_at", sa.DateTime(timezone=True), nullable=False),
    # A hash of (the sender's keyed hash, the text): the same person sharing the same question
    # again (a second click, a message sent twice) is kept once. It links no two questions.
    sa.Column("once", sa.String(64), unique=True, nullable=True),
)
mood_table = sa.Table(
    "room_mood",
    _metadata,
    sa.Column("participant", sa.String(64), primary_key=True),
    sa.Column("mood", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("mood BETWEEN 1 AND 5", name="room_mood_scale"),
)
presence_table = sa.Table(
    "room_presence",
    _metadata,
    sa.Column("participant", sa.String(64), primary_key=True),
    sa.Column("module", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)


def participant_key(secret: bytes, name: str) -> str:
    """A keyed hash of a hub name: the same person gives the same key, and it names no one."""
    return hmac.new(secret, name.encode("utf-8"), hashlib.sha256).hexdigest()


def database_url(url: str | None, default_folder: Path) -> str:
    """The SQLAlchemy URL: the given one (PostgreSQL through psycopg 3) or SQLite in a folder."""
    if not url:
        return f"sqlite:///{default_folder / 'room.sqlite3'}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


@dataclass(frozen=True, slots=True)
class RoomSummary:
    """All the room view shows: counts and shared questions, never who."""

    answered: int
    mood_counts: dict[int, int] | None
    questions: tuple[str, ...]
    modules: dict[int, int]


class RoomStore:
    """The shared items of one workshop, in the database at ``url``."""

    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url, pool_pre_ping=True)
        _metadata.create_all(self.engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def add_question(self, text: str, participant: str | None = None) -> bool:
        """Keep one question a participant chose to share (no name, no key); False if this
        participant (their keyed hash) had already shared exactly this question."""
        once = None
        if participant is not None:
            once = hashlib.sha256(f"{participant}\n{text}".encode()).hexdigest()
        try:
            with self.engine.begin() as conn:
                conn.execute(question_table.insert().values(text=text, shared_at=_now(), once=once))
        except sa.exc.IntegrityError:  # the UNIQUE ``once`` column: already shared
            return False
        return True

    def set_mood(self, participant: str, mood: int) -> None:
        """Record a participant's latest mood, replacing any earlier one of theirs."""
        self._replace(mood_table, participant, mood=mood)

    def set_module(self, participant: str, module: int) -> None:
        """Record which module a participant is on, replacing any earlier one of theirs."""
        self._replace(presence_table, participant, module=module)

    def questions(self) -> list[str]:
        """The shared questions, oldest first (the order of a deck)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(question_table.c.text).order_by(question_table.c.id))
            return [row[0] for row in rows]

    def summary(self) -> RoomSummary:
        """What the facilitator may see: counts (moods only from three answers) and questions."""
        with self.engine.connect() as conn:
            moods = _counts(conn, mood_table.c.mood)
            modules = _counts(conn, presence_table.c.module)
        answered = sum(moods.values())
        shown = moods if answered >= MOOD_MINIMUM else None
        return RoomSummary(answered, shown, tuple(self.questions()), modules)

    def clear(self) -> None:
        """Delete every shared item (the end-of-workshop clean-up)."""
        with self.engine.begin() as conn:
            for table in (question_table, mood_table, presence_table):
                conn.execute(table.delete())

    def _replace(self, table: sa.Table, participant: str, **values: int) -> None:
        # Delete then insert in one transaction: the same on SQLite and PostgreSQL.
        with self.engine.begin() as conn:
            conn.execute(table.delete().where(table.c.participant == participant))
            conn.execute(
                table.insert().values(participant=participant, updated_at=_now(), **values)
            )


def _counts(conn: sa.Connection, column: sa.Column[int]) -> dict[int, int]:
    rows = conn.execute(sa.select(column, sa.func.count()).group_by(column).order_by(column))
    return {int(row[0]): int(row[1]) for row in rows}


def _now() -> datetime:
    return datetime.now(UTC)
