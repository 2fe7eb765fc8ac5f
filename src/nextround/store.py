"""The personal store: one private SQLite file holding everything a learner saves.

SQLite is embedded (no server), durable (write-ahead log, one transaction per save) and
the standard library speaks it. One :class:`Store` may be shared by threads (widget
callbacks can run on any thread): every read and every transaction holds the store's lock.
Every feature keeps its tables here; the schema is versioned with ``PRAGMA user_version``
and upgraded by the migrations below, in order.
"""

from __future__ import annotations

import errno
import re
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Literal
from urllib.parse import quote

from nextround.paths import (
    ENV_VAR,
    UnsafePathError,
    check_plain_file,
    configured_home,
    data_home,
    default_home,
    private_file,
)

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

#: Written into every store's header (``PRAGMA application_id``): "NxRd". A file with another
#: program's id, or another program's tables, is never adopted.
APPLICATION_ID: Final = 0x4E785264
#: The tables each schema version has; an unmarked file must have these to be ours.
_TABLES_AT: Final = {1: {"checkin"}, 2: {"checkin", "entry", "entry_question"}}
_SQLITE_HEADER: Final = b"SQLite format 3\x00"

Reason = Literal["folder", "read-only", "busy", "damaged", "newer", "foreign", "link"]


_BROKEN: Final = re.compile("[\ud800-\udfff]")


def has_broken_text(value: object) -> bool:
    """Whether ``value`` is text holding a lone surrogate (a character broken by a bad paste)."""
    return isinstance(value, str) and _BROKEN.search(value) is not None


def repair_text(value: Any) -> Any:
    """Text with each lone surrogate replaced by U+FFFD (which UTF-8 can store); else as is."""
    return _BROKEN.sub("\ufffd", value) if isinstance(value, str) else value


def repair_json(value: Any) -> tuple[Any, bool]:
    """JSON-ready data with every string repaired (see :func:`repair_text`), and if any was."""
    if isinstance(value, str):
        fixed = repair_text(value)
        return fixed, fixed != value
    if isinstance(value, Mapping):
        pairs = [(repair_json(k), repair_json(v)) for k, v in value.items()]
        return {k: v for (k, _), (v, _) in pairs}, any(a or b for (_, a), (_, b) in pairs)
    if isinstance(value, list | tuple):
        fixed_items = [repair_json(v) for v in value]
        return [v for v, _ in fixed_items], any(c for _, c in fixed_items)
    return value, False


class StoreError(Exception):
    """The personal store cannot be used; the message says where, why and what to do.

    ``reason`` is one of "folder", "read-only", "busy", "damaged", "newer", "foreign", "link".
    """

    def __init__(self, message: str, *, reason: Reason = "damaged", path: Path | None = None):
        super().__init__(message)
        self.reason: Reason = reason
        self.path = path


def default_path() -> Path:
    """Where the store lives unless a path is given: inside the personal data directory."""
    return data_home() / DEFAULT_FILENAME


def _where(path: Path | None) -> str:
    """Which folder (the store file's, else the data home), and where that choice comes from."""
    configured = configured_home()
    folder = path.parent if path is not None else (configured or default_home())
    named = f"The file is {path.name}, in {folder}." if path is not None else ""
    if configured is not None and (folder == configured or configured in folder.parents):
        return (
            f"{named or f'The folder is {folder}.'} That folder comes from the {ENV_VAR} "
            "setting, which says where Next Round keeps your notes."
        )
    if path is None:
        return (
            f"The folder is {folder}, the usual place for Next Round's notes on this computer "
            f"(the {ENV_VAR} setting can choose another)."
        )
    return named or f"The folder is {folder}."


_WHAT: Final[dict[Reason, tuple[str, str]]] = {
    "folder": (
        "Next Round cannot keep your notes there: it is a file, or inside a file, "
        "not a folder you can save in.",
        f"Ask your facilitator to set {ENV_VAR} to a folder you can write to (or remove the "
        "setting), then reload this page.",
    ),
    "read-only": (
        "Next Round cannot save your notes there: this computer does not allow writing to it.",
        f"Ask your facilitator to set {ENV_VAR} to a folder you can write to (or remove the "
        "setting), then reload this page. Nothing has been changed.",
    ),
    "busy": (
        "Your saved notes are busy: another program has kept them locked for too long.",
        "Close any other copy of the course (another tab or notebook), wait a minute, then "
        "try again. Nothing has been lost.",
    ),
    "damaged": (
        "Your saved notes could not be opened: the file is damaged.",
        "Nothing has been changed. Keep a copy of the file and show this message to your "
        "facilitator; to start afresh they can move the file somewhere else.",
    ),
    "newer": (
        "Your saved notes were written by a newer version of Next Round.",
        "Ask your facilitator to update the course, then reload this page. Nothing has been "
        "changed.",
    ),
    "foreign": (
        "Your notes file could not be opened: it is not a Next Round notes file (it may belong "
        "to another program, or be badly damaged).",
        f"Nothing has been changed. Move that file somewhere else, or set {ENV_VAR} to "
        "another folder, then reload this page.",
    ),
    "link": (
        "The notes file is a link to another place, and Next Round saves only into a real file.",
        f"Nothing has been changed. Replace the link with the file itself, or set {ENV_VAR} "
        "to another folder, then reload this page.",
    ),
}


def reason_for(exc: BaseException) -> Reason:  # noqa: PLR0911 -- one flat table of cases
    """Which kind of problem an ``OSError`` or SQLite error is."""
    if isinstance(exc, StoreError):
        return exc.reason
    if isinstance(exc, UnsafePathError):
        return "link" if "link" in str(exc) else "folder"
    if isinstance(exc, NotADirectoryError | FileExistsError | IsADirectoryError):
        return "folder"
    if isinstance(exc, PermissionError) or (
        isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)
    ):
        return "read-only"
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "busy"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "read-only"
    if isinstance(exc, OSError) and exc.errno == errno.ENOTDIR:
        return "folder"
    return "damaged"


def unavailable_message(
    exc: BaseException, path: Path | None = None, reason: Reason | None = None
) -> str:
    """A plain message for a store that cannot be used: what, which folder and why, what to do."""
    if isinstance(exc, StoreError):
        return str(exc)
    what, todo = _WHAT[reason or reason_for(exc)]
    return f"{what} {_where(path)} {todo}"


def store_error(exc: BaseException, path: Path | None, reason: Reason | None = None) -> StoreError:
    """``exc`` as a :class:`StoreError` with the plain message (a StoreError stays as it is)."""
    if isinstance(exc, StoreError):
        return exc
    chosen = reason or reason_for(exc)
    return StoreError(unavailable_message(exc, path, chosen), reason=chosen, path=path)


class Store:
    """An open personal store; use as a context manager, or call :meth:`close`.

    ``timeout`` is how long (seconds) to wait for another program's lock before saying so.
    """

    def __init__(self, path: Path | str | None = None, *, timeout: float = 30.0) -> None:
        #: ":memory:" keeps everything in memory (the example journal): never on disk.
        self.in_memory = str(path) == MEMORY
        self.timeout = timeout
        #: How many saves replaced a broken character (panels say so after a click).
        self.repairs = 0
        self._lock = threading.RLock()
        self.path = Path(MEMORY)
        conn: sqlite3.Connection | None = None
        try:
            if not self.in_memory:
                self.path = Path(path).expanduser() if path is not None else default_path()
                self._check_file()
            target = MEMORY if self.in_memory else f"file:{quote(str(self.path))}?mode=rw"
            conn = sqlite3.connect(
                target,
                timeout=timeout,
                isolation_level=None,
                uri=not self.in_memory,
                check_same_thread=False,
            )
            self._conn = conn
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000):d}")
            self._check_identity()
            if not self.in_memory:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._check_whole()
            self._migrate()
            self._tighten_files()
        except (OSError, sqlite3.Error, StoreError) as exc:
            if conn is not None:
                conn.close()
            raise store_error(exc, None if path is None else self.path) from exc

    def _check_file(self) -> None:
        """Refuse a link, a folder or another program's file at the path; create it if missing."""
        check_plain_file(self.path)
        if not self.path.exists():
            private_file(self.path)  # created 0600, exclusively, never through a link
            return
        with self.path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
        if header and header != _SQLITE_HEADER:
            raise StoreError(
                unavailable_message(OSError(), self.path, "foreign"),
                reason="foreign",
                path=self.path,
            )

    def _check_identity(self) -> None:
        """Refuse another program's SQLite file, or one from a newer Next Round, untouched."""
        conn = self._conn
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        tables = {
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not str(row[0]).startswith("sqlite_")
        }
        reason: Reason | None = None
        if app_id not in (0, APPLICATION_ID):
            reason = "foreign"
        elif version > SCHEMA_VERSION:
            reason = "newer"
        elif app_id == 0 and tables:
            expected = _TABLES_AT.get(min(version, 2), set()) if version else set()
            if not version or not expected <= tables:
                reason = "foreign"
        if reason is not None:
            raise StoreError(
                unavailable_message(OSError(), self.path if not self.in_memory else None, reason),
                reason=reason,
                path=self.path,
            )

    def _check_whole(self) -> None:
        """A file damaged in the middle is found now, not on some later read."""
        if self.in_memory:
            return
        result = self._conn.execute("PRAGMA quick_check(1)").fetchone()
        if result is None or result[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {result}")

    def _tighten_files(self) -> None:
        """Make the store (now known to be ours) and its -wal and -shm files owner-only."""
        # SQLite creates the -wal and -shm files with the database's permissions, but be sure.
        for suffix in () if self.in_memory else ("", "-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists() and not side.is_symlink() and side.stat().st_mode & 0o077:
                side.chmod(0o600)

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection. Prefer :meth:`read`, :meth:`query` and :meth:`transaction`,
        which hold the store's lock (so threads can share the store) and say plainly what
        went wrong."""
        return self._conn

    @property
    def lock(self) -> threading.RLock:
        """The lock every read and write holds; hold it to use :attr:`connection` directly."""
        return self._lock

    @property
    def schema_version(self) -> int:
        """The schema version the file is at."""
        return int(self.query("PRAGMA user_version")[0][0])

    def _problem(self, exc: BaseException) -> StoreError:
        return store_error(exc, None if self.in_memory else self.path)

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection for reads, with the lock held; SQLite errors become StoreError."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.ProgrammingError:
                raise
            except sqlite3.Error as exc:
                raise self._problem(exc) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Every row ``sql`` returns (a read, under the lock)."""
        with self.read() as conn:
            return conn.execute(sql, params).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside is saved together, or not at all.

        A lock held too long by another program, a read-only or damaged file raise
        :class:`StoreError` with a plain message; nothing is saved then.
        """
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.ProgrammingError:
                raise
            except sqlite3.Error as exc:
                raise self._problem(exc) from exc
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error) and not isinstance(
                    exc, sqlite3.ProgrammingError | sqlite3.IntegrityError
                ):
                    raise self._problem(exc) from exc
                raise

    def _migrate(self) -> None:
        with self.transaction() as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            for number in range(version, SCHEMA_VERSION):
                for statement in _split_sql(MIGRATIONS[number]):
                    conn.execute(statement)
            if version != SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
            if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        with self._lock:
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
