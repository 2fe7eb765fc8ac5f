"""Test-wide safety: every test, notebook kernel and Voilà server uses a throwaway data home.

This file sits at the top of the repository so that it also covers the notebooks that
nbval runs. The real user's data directory is looked at when the run begins; the last test
of the run (tests/test_privacy.py) fails if anything there changed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround.paths import ENV_VAR, default_home

# Computed before NEXTROUND_HOME is pointed elsewhere; default_home() ignores the setting.
REAL_HOME = default_home()


def snapshot(path: Path) -> tuple[tuple[str, int, int], ...] | None:
    """What is at ``path``: None if nothing, else every file's relative path, size and mtime."""
    if not path.exists():
        return None
    entries = [(".", 0, path.stat().st_mtime_ns)]
    for item in sorted(path.rglob("*")):
        stat = item.lstat()
        entries.append((str(item.relative_to(path)), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


_BEFORE = snapshot(REAL_HOME)
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="nextround-test-home-"))
# Child processes (nbval's kernels, Voilà and its kernels) inherit this.
os.environ[ENV_VAR] = str(_SESSION_HOME)


@pytest.fixture(autouse=True)
def _private_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the personal data location at a fresh temporary directory for each test."""
    from nextround.widgets import _session  # noqa: PLC0415 -- after NEXTROUND_HOME is set

    home = tmp_path / "nextround-home"
    monkeypatch.setenv(ENV_VAR, str(home))
    _session.reset()
    yield home
    _session.reset()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the real-data-location check last, after every notebook and browser test."""
    last = [item for item in items if item.name == "test_real_data_location_untouched"]
    for item in last:
        items.remove(item)
        items.append(item)


@pytest.fixture
def real_home_before() -> tuple[Path, tuple[tuple[str, int, int], ...] | None]:
    """The real default data location and what was there when the run began."""
    return REAL_HOME, _BEFORE
