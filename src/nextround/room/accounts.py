"""One system account per participant, so that nobody can open anyone else's files.

The hub's pre-spawn hook calls :func:`ensure_account` before a participant's server first
starts: a system user named ``prefix + hub name``, a private home (0700) under the hub's
home folder, a copy of the course in it, and membership of the workshop's group, by which
``hub/cleanup`` finds the accounts to delete at the end (:func:`delete_accounts`).
"""

from __future__ import annotations

import argparse
import grp
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

#: Hub names participants may log in with: short, lower-case letters and digits.
NAME_PATTERN: Final = r"[a-z][a-z0-9]{0,19}"
DEFAULT_PREFIX: Final = "nr-"
DEFAULT_GROUP: Final = "nextround-participants"
HOME_MODE: Final = 0o700
COURSE_FOLDER: Final = "course"


class AccountError(RuntimeError):
    """A participant account that cannot be made or removed; the message says why."""


def system_name(hub_name: str, prefix: str = DEFAULT_PREFIX) -> str:
    """The system user behind a hub name; :class:`AccountError` if the name is not allowed."""
    if not re.fullmatch(NAME_PATTERN, hub_name):
        raise AccountError(
            f"{hub_name!r} is not a workshop name: use lower-case letters and digits only."
        )
    return prefix + hub_name


def _run(command: Sequence[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise AccountError(f"{' '.join(command)} failed: {result.stderr.strip()}")


def ensure_group(group: str = DEFAULT_GROUP) -> None:
    """Create the workshop's group of participants if it does not exist yet."""
    try:
        grp.getgrnam(group)
    except KeyError:
        _run(["groupadd", "--system", group])


def ensure_account(
    name: str, home_base: Path, course: Path | None = None, group: str = DEFAULT_GROUP
) -> pwd.struct_passwd:
    """Create the participant's system user with a private home, and give them the course.

    An account that exists already is kept as it is, unless it is not one of the workshop's
    (then :class:`AccountError`: the hub never takes over someone else's account).
    """
    ensure_group(group)
    try:
        user = pwd.getpwnam(name)
    except KeyError:
        home = home_base / name
        _run(
            [
                "useradd",
                "--create-home",
                "--home-dir",
                str(home),
                "--shell",
                "/bin/bash",
                "--comment",
                "Next Round workshop participant",
                "--user-group",
                "--groups",
                group,
                "--key",
                "HOME_MODE=0700",
                name,
            ]
        )
        user = pwd.getpwnam(name)
    if name not in grp.getgrnam(group).gr_mem:
        raise AccountError(f"{name} is a system account that does not belong to the workshop.")
    home = Path(user.pw_dir)
    home.chmod(HOME_MODE)
    if course is not None:
        give_course(course, home, user.pw_uid, user.pw_gid)
    return user


def give_course(course: Path, home: Path, uid: int, gid: int) -> None:
    """Copy the course (notebooks and exercises) into a home once, owned by its person."""
    target = home / COURSE_FOLDER
    if target.exists():
        return  # their copy, perhaps with their own changes: never overwritten
    shutil.copytree(course, target, symlinks=False)
    for folder, dirs, files in os.walk(target):
        os.chown(folder, uid, gid)
        Path(folder).chmod(0o700)
        for item in (*dirs, *files):
            path = Path(folder) / item
            os.chown(path, uid, gid, follow_symlinks=False)
        for item in files:
            (Path(folder) / item).chmod(0o600)


def members(group: str = DEFAULT_GROUP) -> list[str]:
    """The workshop's participant accounts (the group's members), sorted."""
    try:
        return sorted(grp.getgrnam(group).gr_mem)
    except KeyError:
        return []


def _processes_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except OSError:
                continue  # ended meanwhile
    return pids


def delete_accounts(group: str = DEFAULT_GROUP) -> list[str]:
    """End the participants' processes and delete their accounts and homes; return the names."""
    deleted = []
    for name in members(group):
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            continue
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in _processes_of(uid):
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    continue
            deadline = time.monotonic() + 5
            while _processes_of(uid) and time.monotonic() < deadline:
                time.sleep(0.1)
        _run(["userdel", "--remove", name])
        deleted.append(name)
    try:
        grp.getgrnam(group)
    except KeyError:
        return deleted
    _run(["groupdel", group])
    return deleted


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m nextround.room.accounts delete --group G``: the clean-up's account step."""
    parser = argparse.ArgumentParser(prog="nextround.room.accounts")
    parser.add_argument("action", choices=["list", "delete"])
    parser.add_argument("--group", default=DEFAULT_GROUP)
    args = parser.parse_args(argv)
    if args.action == "list":
        for name in members(args.group):
            print(name)
        return 0
    try:
        deleted = delete_accounts(args.group)
    except AccountError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Deleted {len(deleted)} participant accounts and their files.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
