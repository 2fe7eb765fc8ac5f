"""The personal store: one private SQLite file holding everything a learner saves.

SQLite is embedded (no server), durable (write-ahead log, one transaction per save) and
the standard library speaks it. Every feature keeps its tables here; the schema is
versioned with ``PRAGMA user_version`` and upgraded by the migrations below, in order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Final

from nextround.paths import data_home, private_file

DEFAULT_FILENAME: Final = "nextround.sqlite3"
MEMORY: Final = ":memory:"

#: Schema migrations: the SQL that takes the store from version ``n - 1`` to ``n`` is
#: ``MIGRATIONS[n - 1]``. Append, never edit: stores in the wild were built by the old ones.
MIGRATIONS: Final[tuple[str, ...]] = (
    # 1: check-ins (how are you feeling today?)
    """
    CREATE TABLE checkin (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        moment TEXT NOT NULL,
        mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
        note TEXT NOT NULL DEFAULT ''
    );
    """,
    # 2: the debrief journal: one row per interview, one per question asked in it
    """
    CREATE TABLE entry (
        id INTEGER PRIMARY KEY,
        company TEXT NOT NULL,
        role TEXT NOT NULL,
        interview_date TEXT NOT NULL,
        stage TEXT NOT NULL,
        interviewers TEXT NOT NULL DEFAULT '[]',
        signals TEXT NOT NULL DEFAULT '[]',
        liked TEXT NOT NULL DEFAULT '',
        nerves TEXT NOT NULL DEFAULT '',
        nerves_level INTEGER CHECK (nerves_level BETWEEN 1 AND 5),
        went_well TEXT NOT NULL DEFAULT '',
        differently TEXT NOT NULL DEFAULT '',
        process_learned TEXT NOT NULL DEFAULT '',
        audit TEXT NOT NULL DEFAULT '{}',
        outcome TEXT NOT NULL DEFAULT 'waiting',
        feedback TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE entry_question (
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL DEFAULT '',
        rating INTEGER CHECK (rating BETWEEN 1 AND 5),
        notes TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (entry_id, position)
    );
    CREATE INDEX entry_by_date ON entry (interview_date);
    """,
    # 3: themes: what went well and what to work on, from a fixed list, so patterns can be counted
    """
    ALTER TABLE entry ADD COLUMN went_well_themes TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE entry ADD COLUMN to_improve_themes TEXT NOT NULL DEFAULT '[]';
    """,
    # 4: small saved things of many kinds (reframes, support plan, letter drafts, dismissed
    # findings, practice attempts, the action plan): a kind, a title and a JSON body
    """
    CREATE TABLE item (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX item_by_kind ON item (kind, updated_at);
    """,
)

SCHEMA_VERSION: Final = len(MIGRATIONS)


class StoreError(Exception):
    """The personal store could not be opened or is damaged; the message says what to do."""


def default_path() -> Path:
    """Where the store lives unless a path is given: inside the personal data directory."""
    return data_home() / DEFAULT_FILENAME


class Store:
    """An open personal store; use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path | str | None = None) -> None:
        #: ":memory:" keeps everything in memory (the example journal): never on disk.
        self.in_memory = str(path) == MEMORY
        self.path = Path(path) if path is not None else default_path()
        if not self.in_memory:
            private_file(self.path)
        try:
            self._conn = sqlite3.connect(
                MEMORY if self.in_memory else self.path, timeout=30.0, isolation_level=None
            )
            self._conn.execute("PRAGMA busy_timeout = 30000")
            if not self.in_memory:
                self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"Your saved notes at {self.path} could not be opened ({exc}). "
                "Nothing has been changed; make a copy of that file before trying again."
            ) from exc
        # SQLite creates the -wal and -shm files with the database's permissions, but be sure.
        for suffix in () if self.in_memory else ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists() and side.stat().st_mode & 0o077:
                side.chmod(0o600)

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection, for reads; writes go through :meth:`transaction`."""
        return self._conn

    @property
    def schema_version(self) -> int:
        """The schema version the file is at."""
        row = self._conn.execute("PRAGMA user_version").fetchone()
        return int(row[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside is saved together, or not at all."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def _migrate(self) -> None:
        with self.transaction() as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"Your saved notes at {self.path} were written by a newer version of "
                    "Next Round; update the course before opening them."
                )
            for number in range(version, SCHEMA_VERSION):
                for statement in _split_sql(MIGRATIONS[number]):
                    conn.execute(statement)
            if version != SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (``executescript`` would commit mid-way)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
