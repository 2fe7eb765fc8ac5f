"""Issue 12, the store and its folders: never change what is not ours, never follow a link,
and when the notes cannot be used, say where, why and what to do, on every panel."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from nextround import items
from nextround.journal import Entry, Journal, JournalError, QuestionNote, open_journal
from nextround.paths import ENV_VAR, PrivacyWarning, data_home, write_private
from nextround.store import SCHEMA_VERSION, Store, StoreError
from nextround.widgets import _session

ENTRY = Entry(
    company="Harbourline Logistics",
    role="Operations Coordinator",
    interview_date=date(2026, 3, 4),
    questions=(QuestionNote("Tell me about a time you improved a process.", "Rota", 4),),
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable, even for root (who ignores modes): the immutable flag."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        before = _mode(path)
        path.chmod(0o500 if path.is_dir() else 0o400)
        try:
            yield
        finally:
            path.chmod(before)


def _panel_text(panel: object) -> str:
    """Every HTML text in a panel, however deeply the design kit nests it."""
    import ipywidgets as w

    if isinstance(panel, w.HTML):
        return str(panel.value)
    return " ".join(_panel_text(child) for child in getattr(panel, "children", ()))


def _assert_plain_message(text: str, folder: Path) -> None:
    """Names the folder, says it comes from NEXTROUND_HOME, says what to do; no traceback."""
    assert str(folder) in text
    assert ENV_VAR in text
    assert any(verb in text for verb in ("Ask your facilitator", "Close any other", "Keep a copy"))
    for leak in ("Traceback", "Error", "Errno", "database is locked", "file is not a database"):
        assert leak not in text


# -- 7: folders we did not create keep their mode -------------------------------------------


def test_shared_sticky_folder_keeps_its_mode_and_gets_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared 1777 course folder as NEXTROUND_HOME is not chmodded (sticky bit kept)."""
    shared = tmp_path / "course"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv(ENV_VAR, str(shared))
    with pytest.warns(PrivacyWarning), Store() as store:
        assert store.path.parent == shared
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert _mode(shared / "nextround.sqlite3") == 0o600


def test_a_store_in_the_current_folder_leaves_the_folder_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """open_journal("my.sqlite3") does not lock down the folder the learner is in."""
    here = tmp_path / "here"
    here.mkdir()
    here.chmod(0o755)
    monkeypatch.chdir(here)
    journal = open_journal("my.sqlite3")
    journal.store.close()
    assert _mode(here) == 0o755
    assert _mode(here / "my.sqlite3") == 0o600


def test_new_folders_are_private_all_the_way_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Folders Next Round creates (parents too) are 0700; no warning for them."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "a" / "b" / "c"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        home = data_home()
    for folder in (home, home.parent, home.parent.parent):
        assert _mode(folder) == 0o700


def test_tilde_is_expanded_in_the_setting_and_in_store_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "~/notes" means the home folder, never a folder literally named "~"."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(ENV_VAR, "~/notes")
    assert data_home() == tmp_path / "notes"
    with Store("~/direct.sqlite3") as store:
        assert store.path == tmp_path / "direct.sqlite3"
    assert not (tmp_path / "~").exists()


# -- 8: the private writer never follows a planted link ---------------------------------------


def test_write_private_does_not_follow_a_link_at_the_old_temporary_name(tmp_path: Path) -> None:
    """A link planted at the guessable ".name.tmpPID" cannot redirect the write."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / f".handout.md.tmp{os.getpid()}").symlink_to(victim)
    write_private(out / "handout.md", b"new")
    assert victim.read_text() == "keep me"
    assert (out / "handout.md").read_bytes() == b"new"
    assert _mode(out / "handout.md") == 0o600


def test_write_private_replaces_a_link_at_the_target_instead_of_writing_through_it(
    tmp_path: Path,
) -> None:
    """A link at the target name is replaced by the file; what it pointed at is untouched."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "handout.md").symlink_to(victim)
    write_private(tmp_path / "handout.md", b"new")
    assert victim.read_text() == "keep me"
    assert not (tmp_path / "handout.md").is_symlink()
    assert list(tmp_path.glob(".handout.md.*")) == []


# -- 9: links at the store path -----------------------------------------------------------


def test_a_linked_store_path_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    """The target of a link is not chmodded, and the message is true: nothing changed."""
    elsewhere = tmp_path / "elsewhere.sqlite3"
    Store(elsewhere).close()
    elsewhere.chmod(0o644)
    link = tmp_path / "home" / "nextround.sqlite3"
    link.parent.mkdir()
    link.symlink_to(elsewhere)
    with pytest.raises(StoreError, match="link") as caught:
        Store(link)
    assert caught.value.reason == "link"
    assert _mode(elsewhere) == 0o644
    assert "Nothing has been changed" in str(caught.value)


def test_a_dangling_link_does_not_create_the_store_elsewhere(tmp_path: Path) -> None:
    """A link to a missing file is refused; nothing appears where it points."""
    target = tmp_path / "outside" / "notes.sqlite3"
    target.parent.mkdir()
    link = tmp_path / "nextround.sqlite3"
    link.symlink_to(target)
    with pytest.raises(StoreError, match="link"):
        Store(link)
    assert not target.exists()


# -- 14: a bad NEXTROUND_HOME, a read-only, locked or damaged store ------------------------


def _bad_home_is_a_file(tmp_path: Path) -> Path:
    bad = tmp_path / "a-file"
    bad.write_text("not a folder")
    return bad


def _bad_home_under_a_file(tmp_path: Path) -> Path:
    return _bad_home_is_a_file(tmp_path) / "nested"


@pytest.mark.parametrize(
    "make", [_bad_home_is_a_file, _bad_home_under_a_file], ids=["a-file", "under-a-file"]
)
def test_a_bad_home_gives_every_panel_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: object
) -> None:
    """No traceback: each app shows which folder, that NEXTROUND_HOME chose it, what to do."""
    import nextround.widgets as apps

    bad = make(tmp_path)  # type: ignore[operator]
    monkeypatch.setenv(ENV_VAR, str(bad))
    _session.reset()
    for name in ("journal_app", "checkin_app", "reframe_app", "support_plan_app"):
        panel = getattr(apps, name)()
        _assert_plain_message(_panel_text(panel), bad)
    with pytest.raises(StoreError) as caught:
        Store()
    assert caught.value.reason == "folder"


def test_a_read_only_home_gives_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder nobody may write to: the panel says so, with the folder and the setting."""
    import nextround.widgets as apps

    home = tmp_path / "locked-down"
    home.mkdir(mode=0o700)
    monkeypatch.setenv(ENV_VAR, str(home))
    _session.reset()
    with read_only(home):
        text = _panel_text(apps.journal_app())
    _assert_plain_message(text, home)
    assert "does not allow writing" in text


def test_a_read_only_store_gives_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store file that cannot be written is refused with a sentence, not a raw error."""
    home = tmp_path / "home"
    monkeypatch.setenv(ENV_VAR, str(home))
    Store().close()
    path = home / "nextround.sqlite3"
    for side in home.glob("nextround.sqlite3-*"):
        side.unlink()
    with read_only(path), read_only(home), pytest.raises(StoreError) as caught:
        Store()
    assert caught.value.reason == "read-only"
    _assert_plain_message(str(caught.value), home)


def test_a_store_locked_by_another_program_gets_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holding the write lock: opening and saving each say so plainly."""
    home = tmp_path / "home"
    monkeypatch.setenv(ENV_VAR, str(home))
    journal = Journal(Store(timeout=0.2))
    other = sqlite3.connect(home / "nextround.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(JournalError, match="busy") as saving:
            journal.add(ENTRY)
        _assert_plain_message(str(saving.value), home)
        with pytest.raises(StoreError, match="busy") as opening:
            Store(timeout=0.2)
        assert opening.value.reason == "busy"
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(journal) == 0
    journal.add(ENTRY)
    journal.store.close()


def test_a_store_damaged_in_the_middle_is_caught_on_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file corrupted mid-way is refused when opened, with a plain message, untouched."""
    import nextround.widgets as apps

    home = tmp_path / "home"
    monkeypatch.setenv(ENV_VAR, str(home))
    with Store() as store:
        journal = Journal(store)
        journal.import_entries([ENTRY] * 300)
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = home / "nextround.sqlite3"
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xde\xad\xbe\xef" * 2048
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged") as caught:
        Store()
    assert caught.value.reason == "damaged"
    assert path.read_bytes() == bytes(data)
    _session.reset()
    _assert_plain_message(_panel_text(apps.journal_app()), home)


# -- 15: one store, many threads ------------------------------------------------------------


def test_a_store_can_be_used_from_other_threads(tmp_path: Path) -> None:
    """Widget callbacks may run on another thread: saving and reading there works."""
    with Store(tmp_path / "s.sqlite3") as store:
        journal = Journal(store)
        failures: list[BaseException] = []

        def work() -> None:
            try:
                for _ in range(20):
                    saved = journal.add(ENTRY)
                    assert journal.get(saved.id or 0).company == ENTRY.company
                    items.save(store, "reframe", "t", {"fairer": "x"})
            except BaseException as exc:
                failures.append(exc)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
        assert len(journal) == 80
        assert len(items.of_kind(store, "reframe")) == 80


# -- 16: the smaller store items -----------------------------------------------------------


def _open_fds() -> int:
    return len(list(Path("/proc/self/fd").iterdir()))


def test_failed_opens_do_not_leak_file_handles(tmp_path: Path) -> None:
    """Fifty refused opens leave no connection (or file handle) behind."""
    path = tmp_path / "newer.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError):
        Store(path)
    before = _open_fds()
    for _ in range(50):
        with pytest.raises(StoreError):
            Store(path)
    assert _open_fds() - before <= 2


def test_a_newer_store_is_refused_before_anything_is_changed(tmp_path: Path) -> None:
    """A store from a newer version keeps its journal mode (no switch to WAL) and bytes."""
    path = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE checkin (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version") as caught:
        Store(path)
    assert caught.value.reason == "newer"
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "-wal").exists()


def test_another_programs_sqlite_file_is_not_adopted(tmp_path: Path) -> None:
    """A SQLite file with someone else's tables is left exactly as it was."""
    path = tmp_path / "nextround.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()
    path.chmod(0o644)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a Next Round notes file") as caught:
        Store(path)
    assert caught.value.reason == "foreign"
    assert path.read_bytes() == before
    assert _mode(path) == 0o644


def test_our_own_store_left_readable_by_others_is_made_private_again(tmp_path: Path) -> None:
    """A store of ours that someone opened up (0644) is tightened back to 0600 on opening."""
    path = tmp_path / "nextround.sqlite3"
    Store(path).close()
    path.chmod(0o644)
    Store(path).close()
    assert _mode(path) == 0o600


def test_a_store_from_an_older_version_is_still_ours(tmp_path: Path) -> None:
    """A store written before the file was marked (version 1 tables) opens and migrates."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE checkin (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, "
        "moment TEXT NOT NULL, mood INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_an_empty_journal_is_still_a_journal(tmp_path: Path) -> None:
    """``if journal:`` does not mistake an empty journal for no journal."""
    with Store(tmp_path / "s.sqlite3") as store:
        assert bool(Journal(store))
        assert len(Journal(store)) == 0


def test_a_save_button_on_a_locked_store_shows_a_message_on_the_panel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store locked while a panel is open: pressing save puts a plain message at the top
    of the panel (no traceback), and the next press after the lock is gone saves."""
    import ipywidgets as w

    from nextround.widgets.reflection import support_plan_app

    home = tmp_path / "home"
    monkeypatch.setenv(ENV_VAR, str(home))
    _session.reset()
    _session._store = Store(timeout=0.2)  # as get_store() would, with a short wait
    panel = _session.with_store_message(support_plan_app)()
    widgets = _walk(panel)
    next(x for x in widgets if isinstance(x, w.Text)).value = "Ana"
    save = next(x for x in widgets if isinstance(x, w.Button) and "Save" in x.description)
    other = sqlite3.connect(home / "nextround.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        save.click()
    finally:
        other.execute("ROLLBACK")
        other.close()
    top = panel.children[0]
    assert "nr-store-problem" in top._dom_classes
    _assert_plain_message(top.value, home)
    save.click()
    assert items.latest(_session.get_store(), "support_plan") is not None


def _walk(widget: object) -> list[object]:
    return [widget, *(x for c in getattr(widget, "children", ()) for x in _walk(c))]


def test_a_panel_says_when_a_save_replaced_a_broken_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 11 on item-based panels (support plan, reframes, drafts): saved, and said."""
    import ipywidgets as w

    from nextround.widgets.reflection import support_plan_app

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "home"))
    _session.reset()
    panel = _session.with_store_message(support_plan_app)()
    widgets = _walk(panel)
    next(x for x in widgets if isinstance(x, w.Text)).value = "Ana \ud800"
    next(x for x in widgets if isinstance(x, w.Button) and "Save" in x.description).click()
    assert "replaced" in panel.children[0].value
    saved = items.latest(_session.get_store(), "support_plan")
    assert saved is not None
    assert saved.body["people"][0]["who"] == "Ana \ufffd"
