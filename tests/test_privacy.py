"""Personal data stays where the learner's setting says, private, and tests never touch it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from conftest import snapshot

from nextround.paths import (
    ENV_VAR,
    PrivacyWarning,
    data_home,
    default_home,
    private_file,
    write_private,
)
from nextround.store import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_setting_decides_the_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NEXTROUND_HOME is where data goes, and it is created readable by its owner only."""
    target = tmp_path / "somewhere" / "nested"
    monkeypatch.setenv(ENV_VAR, str(target))
    assert data_home() == target
    assert _mode(target) == 0o700


def test_existing_open_directory_is_left_alone_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An existing data home keeps its mode (item 7); if others can read it, a warning."""
    target = tmp_path / "open"
    target.mkdir(mode=0o755)
    target.chmod(0o755)
    monkeypatch.setenv(ENV_VAR, str(target))
    with pytest.warns(PrivacyWarning, match="Other people on this computer"):
        data_home()
    assert _mode(target) == 0o755


def test_default_is_the_platform_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the setting, the home is the per-user data directory named for the app."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert default_home().name == "nextround"
    assert str(default_home()).startswith(str(Path.home()))


def test_store_file_is_private(tmp_path: Path) -> None:
    """The store and its write-ahead log are readable by their owner only."""
    with Store(tmp_path / "s.sqlite3") as store:
        with store.transaction() as conn:
            conn.execute("INSERT INTO checkin (created_at, moment, mood) VALUES ('x','start',3)")
        assert _mode(store.path) == 0o600
        wal = store.path.with_name(store.path.name + "-wal")
        if wal.exists():
            assert _mode(wal) & 0o077 == 0


def test_private_helpers_set_owner_only_modes(tmp_path: Path) -> None:
    """Exports and new files are written 0600, atomically."""
    written = write_private(tmp_path / "out" / "letter.txt", "héllo\n".encode())
    assert written.read_text(encoding="utf-8") == "héllo\n"
    assert _mode(written) == 0o600
    assert _mode(private_file(tmp_path / "blank")) == 0o600


def test_snapshot_notices_changes(tmp_path: Path) -> None:
    """The guard below would see a file appear, change or vanish."""
    home = tmp_path / "home"
    assert snapshot(home) is None
    home.mkdir()
    (home / "a").write_text("1")
    first = snapshot(home)
    (home / "a").write_text("22")
    assert snapshot(home) != first


def test_real_data_location_untouched(
    real_home_before: tuple[Path, tuple[tuple[str, int, int], ...] | None],
) -> None:
    """After the whole run (this test is moved to the end), the real data home is as it was."""
    real_home, before = real_home_before
    assert snapshot(real_home) == before, f"the test run changed {real_home}"


def test_writing_into_an_existing_folder_leaves_its_permissions(tmp_path: Path) -> None:
    """Saving a handout to, say, the Desktop does not lock the Desktop down."""
    desktop = tmp_path / "Desktop"
    desktop.mkdir()
    desktop.chmod(0o755)
    write_private(desktop / "rubric.md", b"x")
    assert _mode(desktop) == 0o755
    assert _mode(desktop / "rubric.md") == 0o600
