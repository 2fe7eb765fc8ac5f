"""Participant accounts: which hub names are allowed, and the private copy of the course."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nextround.room import accounts


@pytest.mark.parametrize("name", ["amara", "sam2", "a", "x" * 20])
def test_system_name_for_good_names(name: str) -> None:
    """A short lower-case name becomes prefix + name."""
    assert accounts.system_name(name, "nr-") == "nr-" + name


@pytest.mark.parametrize(
    "name",
    ["", "Amara", "2sam", "root/../x", "ana-b", "x" * 21, "ana\n", "émile", "../etc"],
    ids=["empty", "capital", "digit-first", "path", "dash", "long", "newline", "accent", "dots"],
)
def test_system_name_refuses_anything_else(name: str) -> None:
    """Anything that is not a plain short name is refused, so no system account is touched."""
    with pytest.raises(accounts.AccountError, match="not a workshop name"):
        accounts.system_name(name)


def test_course_copy_is_private_and_made_once(tmp_path: Path) -> None:
    """The course lands in the home as 0700 folders and 0600 files, and is never overwritten."""
    course = tmp_path / "course"
    (course / "exercises").mkdir(parents=True)
    (course / "00_start_here.ipynb").write_text("{}")
    (course / "exercises" / "01.ipynb").write_text("{}")
    home = tmp_path / "home"
    home.mkdir()
    accounts.give_course(course, home, os.getuid(), os.getgid())
    copy = home / accounts.COURSE_FOLDER
    assert (copy / "00_start_here.ipynb").stat().st_mode & 0o777 == 0o600
    assert (copy / "exercises").stat().st_mode & 0o777 == 0o700
    assert copy.stat().st_mode & 0o777 == 0o700
    (copy / "00_start_here.ipynb").write_text('{"mine": true}')
    accounts.give_course(course, home, os.getuid(), os.getgid())
    assert (copy / "00_start_here.ipynb").read_text() == '{"mine": true}'


def test_members_of_a_missing_group_is_empty() -> None:
    """The clean-up finds no accounts when the workshop's group does not exist."""
    assert accounts.members("nextround-no-such-group") == []
