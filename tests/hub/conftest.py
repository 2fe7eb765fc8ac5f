"""Fixtures for the hub tests: a real PostgreSQL server, and the room store on either database.

PostgreSQL is Debian's package (``.ci/run`` installs it where missing). The server runs from
a fresh cluster in a temporary folder, as the ``postgres`` system user (PostgreSQL refuses to
run as root), listening on 127.0.0.1 only, and is stopped and deleted at the end. These tests
never skip: a missing PostgreSQL fails with a sentence saying how to install it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround.room.store import RoomStore, database_url

PG_VERSIONS = ("17", "16", "15", "14", "13")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_bin() -> Path:
    for version in PG_VERSIONS:
        folder = Path(f"/usr/lib/postgresql/{version}/bin")
        if (folder / "initdb").exists():
            return folder
    pytest.fail(
        "PostgreSQL is not installed, so the room's PostgreSQL tests cannot run. Install "
        "Debian's package (`apt-get install postgresql`) or run `bash .ci/run`, which does it.",
        pytrace=False,
    )


def _as_postgres(command: list[str]) -> list[str]:
    """Run as the postgres system user when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return command
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("The postgres system user is missing: reinstall Debian's postgresql.")
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL server on 127.0.0.1; its SQLAlchemy-style URL."""
    bin_dir = _pg_bin()
    folder = Path(tempfile.mkdtemp(prefix="nextround-pg-"))
    if os.geteuid() == 0:
        postgres = pwd.getpwnam("postgres")
        os.chown(folder, postgres.pw_uid, postgres.pw_gid)
    data = folder / "data"
    port = free_port()
    subprocess.run(
        _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-U", "nextround", "-A", "trust"]),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_postgres(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            [
                str(bin_dir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "nextround",
                "room",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql://nextround@127.0.0.1:{port}/room"
    finally:
        subprocess.run(
            _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def room_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RoomStore]:
    """A fresh room store on SQLite (the default) and on a real PostgreSQL server."""
    if request.param == "sqlite":
        store = RoomStore(database_url(None, tmp_path))
    else:
        store = RoomStore(database_url(request.getfixturevalue("postgres_url"), tmp_path))
        store.clear()
    yield store
    store.close()


def wait_for(check: object, timeout: float, what: str) -> None:
    """Poll ``check()`` until it is true, or fail saying what did not happen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.5)
    pytest.fail(f"Timed out after {timeout:.0f} s waiting for {what}", pytrace=False)
