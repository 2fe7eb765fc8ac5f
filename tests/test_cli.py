"""The ``nextround`` command: run sheet, handouts, notes, readiness check and book pages."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from nextround import cli
from nextround.cli import (
    RUNSHEET_END,
    RUNSHEET_PLACEHOLDER,
    RUNSHEET_START,
    Check,
    book_pages,
    chromium_check,
    data_check,
    insert_runsheet,
    main,
    node_check,
    python_check,
    readiness_report,
)
from nextround.course import COURSE_ENV_VAR, CourseError, modules
from nextround.handouts import all_handouts
from nextround.paths import ENV_VAR

REPO = Path(__file__).resolve().parents[1]


def make_course(root: Path, minutes: dict[int, int]) -> Path:
    """A small course folder: notebooks with timings, a myst.yml and an on-the-day page."""
    (root / "notebooks").mkdir(parents=True)
    for number, length in minutes.items():
        meta = {"module": number, "title": f"Title {number}"}
        meta |= {"teaching_minutes": length, "activity_minutes": 0}
        notebook = {"cells": [], "metadata": {"nextround": meta}, "nbformat": 4}
        path = root / "notebooks" / f"{number:02d}_m.ipynb"
        path.write_text(json.dumps(notebook), encoding="utf-8")
    (root / "book" / "facilitator").mkdir(parents=True)
    (root / "book" / "myst.yml").write_text("version: 1\n", encoding="utf-8")
    page = f"# On the day\n\nBefore.\n\n{RUNSHEET_PLACEHOLDER}\n\nAfter.\n"
    (root / "book" / "facilitator" / "on-the-day.md").write_text(page, encoding="utf-8")
    return root


@pytest.fixture
def small_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A made-up three-module course, selected with NEXTROUND_COURSE."""
    root = make_course(tmp_path / "course", {0: 10, 1: 20, 2: 30})
    monkeypatch.setenv(COURSE_ENV_VAR, str(root))
    return root


# ---------------------------------------------------------------------------------------
# runsheet
# ---------------------------------------------------------------------------------------


def test_runsheet_prints_the_core_session_as_text_by_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With no options: the three-hour core session from 09:30, as plain text."""
    assert main(["runsheet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The three-hour core session\n")
    assert "09:30-09:35    5 min  Welcome, content note and ground rules" in out
    assert "Self-study in this format" in out
    for module in modules(REPO):
        assert module.label in out


def test_runsheet_as_markdown_and_as_a_full_day(capsys: pytest.CaptureFixture[str]) -> None:
    """--format md gives tables; --variant day holds lunch and the mock interview."""
    assert main(["runsheet", "--format", "md", "--variant", "day"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# A full day")
    assert "| 09:30–09:35 | 5 | *Welcome, content note and ground rules* |" in out
    assert "*Lunch*" in out
    assert "| Mock interview practice |" in out


def test_runsheet_two_sessions_as_text_from_another_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--variant two --start 13:15 --format text gives two plain-text sessions from 13:15."""
    assert main(["runsheet", "--variant", "two", "--start", "13:15", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.count("Session 1 of 2, 13:15 to 14:45") == 1
    assert "Session 2 of 2, 13:15 to 14:45" in out
    assert "Welcome back and check-in" in out
    assert "|" not in out


def test_runsheet_out_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--out FILE writes the run sheet there instead of printing it."""
    target = tmp_path / "sheets" / "today.md"
    assert main(["runsheet", "--out", str(target)]) == 0
    assert "Wrote the run sheet" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8").startswith("The three-hour core session")


def test_runsheet_refuses_a_bad_start_time(capsys: pytest.CaptureFixture[str]) -> None:
    """A start time that is not HH:MM stops with a usage error that says why."""
    with pytest.raises(SystemExit) as stopped:
        main(["runsheet", "--start", "25:00"])
    assert stopped.value.code == 2
    assert "24-hour clock" in capsys.readouterr().err


def test_runsheet_reports_a_course_that_does_not_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Too many minutes: exit status 1 and the overrun explained, not a traceback."""
    root = make_course(tmp_path / "long", {0: 100, 1: 100})
    monkeypatch.setenv(COURSE_ENV_VAR, str(root))
    assert main(["runsheet"]) == 1
    err = capsys.readouterr().err
    assert "45 minutes over" in err
    assert "timing tips" in err


# ---------------------------------------------------------------------------------------
# handouts and notes
# ---------------------------------------------------------------------------------------


def test_handouts_default_to_a_handouts_folder_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`nextround handouts` writes every handout, both formats, into ./handouts."""
    monkeypatch.chdir(tmp_path)
    assert main(["handouts"]) == 0
    names = sorted(p.name for p in (tmp_path / "handouts").iterdir())
    assert names == sorted(f"{h.slug}.{x}" for h in all_handouts() for x in ("md", "docx"))
    assert f"Wrote {len(names)} files" in capsys.readouterr().out


def test_handouts_out_writes_shareable_files_elsewhere(tmp_path: Path) -> None:
    """--out DIR is honoured; blank handouts are meant to be shared, so they are 0644."""
    assert main(["handouts", "--out", str(tmp_path / "print")]) == 0
    files = list((tmp_path / "print").iterdir())
    assert files
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o644 for f in files)


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["handouts", "--out", "{file}"], id="handouts-into-a-file"),
        pytest.param(["handouts", "--out", "{file}/inside"], id="handouts-under-a-file"),
        pytest.param(["runsheet", "--out", "{file}/sheet.md"], id="runsheet-under-a-file"),
    ],
)
def test_out_under_a_file_says_so_plainly(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An --out blocked by a file gets a plain sentence, not "[Errno 17] File exists"."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine", encoding="utf-8")
    assert main([a.replace("{file}", str(blocker)) for a in argv]) == 1
    err = capsys.readouterr().err
    assert f"{blocker} is a file, not a folder" in err
    assert "Errno" not in err
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_notes_piped_into_head_stops_quietly(tmp_path: Path) -> None:
    """`nextround notes | head -n 3`: no "Broken pipe" message and exit status 0."""
    script = f"set -o pipefail; '{sys.executable}' -m nextround.cli notes | head -n 3 >/dev/null"
    done = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert "Broken pipe" not in done.stderr
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr


def test_every_subcommand_has_a_description_and_the_same_format_default() -> None:
    """`nextround X --help` explains X; every --format has the same choices and default."""
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        assert sub.description, name
        assert len(sub.description) > 20, name
        formats = [a for a in sub._actions if "--format" in a.option_strings]
        for action in formats:
            assert (action.default, tuple(action.choices)) == ("text", ("text", "md")), name
        listed = {c.dest: c.help for c in commands._choices_actions}
        assert listed.get(name), name


def test_notes_for_one_module_in_markdown_prints_only_that_module(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--module N --format md is that module's section: no page heading, no course table."""
    assert main(["notes", "--module", "4", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("(facilitator-module-4)=\n## Module 4:")
    assert "# Module notes" not in out
    assert "Module 3:" not in out
    assert "Module 5:" not in out


def test_timing_tips_do_not_say_short_of_time_twice(capsys: pytest.CaptureFixture[str]) -> None:
    """The tips' heading and the tips themselves do not both open with "short of time"."""
    assert main(["notes"]) == 0
    out = capsys.readouterr().out
    assert "short of time:" not in out.lower()
    assert "Timing tips:" in out


def test_notes_prints_every_modules_notes(capsys: pytest.CaptureFixture[str]) -> None:
    """Each module's title, timing, purpose, prompts and timing tips are printed."""
    assert main(["notes"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for module in modules(REPO):
        assert module.label in out
        assert " ".join(module.notes.purpose.split()) in out
        for item in (*module.notes.prompts, *module.notes.timing_tips):
            assert " ".join(item.split()) in out


def test_notes_for_one_module_and_for_a_missing_one(capsys: pytest.CaptureFixture[str]) -> None:
    """--module N prints only that module; a number with no module is an error."""
    assert main(["notes", "--module", "3"]) == 0
    out = capsys.readouterr().out
    assert "Module 3:" in out
    assert "Module 4:" not in out
    assert main(["notes", "--module", "99"]) == 1
    assert "no module 99" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------------------


def test_check_on_this_machine_is_ready_and_leaves_no_probe(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """In the test environment everything required is there; the probe file is removed."""
    home = Path(os.environ[ENV_VAR])
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    for item in ("Python", "pandas", "python-docx", "Data location", "Notebooks"):
        assert item in out
    assert "Ready: this machine can run the workshop." in out
    assert str(home) in out
    assert list(home.iterdir()) == []


def test_check_fails_when_a_required_package_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A package that cannot be imported is MISSING, and the exit status is 1."""
    monkeypatch.setattr(
        cli, "required_packages", lambda: [("no-such-package", "no_such_module_xyz")]
    )
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "MISSING   no-such-package" in out
    assert out.strip().splitlines()[-1].startswith("Not ready: fix no-such-package")


def test_check_fails_when_the_notebooks_cannot_be_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No course folder: the notebooks line is MISSING with the reason."""
    monkeypatch.setenv(COURSE_ENV_VAR, str(tmp_path / "nowhere"))
    assert main(["check"]) == 1
    assert "has no notebooks folder" in capsys.readouterr().out


def test_data_location_that_cannot_be_written_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NEXTROUND_HOME pointing at a file cannot hold notes: MISSING with the reason."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(blocker / "home"))
    result = data_check()
    assert result.status == "MISSING"
    assert "cannot write there" in result.detail


@pytest.mark.parametrize(
    ("version", "status"),
    [((3, 11, 0), "OK"), ((3, 13, 2), "OK"), ((3, 10, 14), "MISSING"), ((2, 7, 18), "MISSING")],
    ids=["3.11", "3.13", "3.10-too-old", "2.7-too-old"],
)
def test_python_must_be_3_11_or_newer(version: tuple[int, int, int], status: str) -> None:
    """Python 3.11 is the oldest the course supports."""
    assert python_check(version).status == status


@pytest.mark.parametrize(
    ("output", "status"),
    [
        pytest.param("v20.11.1\n", "OK", id="node-20"),
        pytest.param("v18.0.0", "OK", id="node-18"),
        pytest.param("v16.20.2", "OPTIONAL", id="node-16-too-old"),
        pytest.param(None, "OPTIONAL", id="not-installed"),
        pytest.param("garbage", "OPTIONAL", id="unreadable"),
    ],
)
def test_node_is_optional_and_needs_18_for_the_book(output: str | None, status: str) -> None:
    """Node.js only builds the book: missing or old makes it OPTIONAL, never MISSING."""
    assert node_check(output).status == status


def test_chromium_is_optional() -> None:
    """Chromium is for the browser tests only."""
    assert chromium_check(None).status == "OPTIONAL"
    assert chromium_check("/usr/bin/chromium").status == "OK"


def test_optional_items_do_not_stop_a_machine_being_ready() -> None:
    """OPTIONAL lines are listed in the verdict, but the machine is still ready."""
    report, ready = readiness_report(
        [Check("Python", "OK", "3.11.9"), Check("Node.js (for the book)", "OPTIONAL", "none")]
    )
    assert ready
    assert "Ready" in report.splitlines()[-1]
    assert "Node.js" in report.splitlines()[-1]


# ---------------------------------------------------------------------------------------
# book-pages
# ---------------------------------------------------------------------------------------


def test_committed_book_pages_match_what_the_command_generates() -> None:
    """The facilitator guide's generated pages never drift from the notebooks and data.

    If this fails, run `nextround book-pages` and commit the result.
    """
    for path, expected in book_pages(REPO, modules(REPO)).items():
        assert path.exists(), f"{path} is missing: run `nextround book-pages`"
        assert path.read_text(encoding="utf-8") == expected, (
            f"{path.relative_to(REPO)} is out of date: run `nextround book-pages`"
        )


def test_book_pages_writes_then_reports_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a copy of the course: stale pages are found, rewritten, and then reported current."""
    for folder in ("notebooks", "book"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("_build"))
    monkeypatch.setenv(COURSE_ENV_VAR, str(tmp_path))
    folder = tmp_path / "book" / "facilitator"
    (folder / "notes.md").unlink()
    on_the_day = folder / "on-the-day.md"
    text = on_the_day.read_text(encoding="utf-8")
    start, end = text.index(RUNSHEET_START), text.index(RUNSHEET_END) + len(RUNSHEET_END)
    on_the_day.write_text(text[:start] + RUNSHEET_PLACEHOLDER + text[end:], encoding="utf-8")
    (tmp_path / "book" / "key-points.md").write_text("stale", encoding="utf-8")
    assert main(["book-pages", "--check"]) == 1
    out = capsys.readouterr().out
    assert "Out of date: book/facilitator/notes.md" in out
    assert "Out of date: book/key-points.md" in out
    assert main(["book-pages"]) == 0
    page = on_the_day.read_text(encoding="utf-8")
    assert RUNSHEET_PLACEHOLDER not in page
    assert page == (REPO / "book" / "facilitator" / "on-the-day.md").read_text(encoding="utf-8")
    assert "## Module 1:" in (folder / "notes.md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["book-pages", "--check"]) == 0
    assert main(["book-pages"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_regenerating_replaces_only_what_is_between_the_markers() -> None:
    """Text around the run sheet is kept; the old run sheet is replaced, not appended to."""
    page = f"Intro\n{RUNSHEET_START}\nold sheet\n{RUNSHEET_END}\nOutro\n"
    new = f"{RUNSHEET_START}\nnew sheet\n{RUNSHEET_END}"
    assert insert_runsheet(page, new) == f"Intro\n{new}\nOutro\n"
    assert insert_runsheet(insert_runsheet(page, new), new) == f"Intro\n{new}\nOutro\n"


def test_a_page_with_no_place_for_the_run_sheet_is_an_error() -> None:
    """Without markers or the placeholder there is nowhere safe to write, so nothing is."""
    with pytest.raises(CourseError, match="nowhere to put the run sheet"):
        insert_runsheet("# On the day\n", "sheet")


def test_generated_tables_have_the_same_number_of_cells_in_every_row() -> None:
    """Escaping keeps data from adding cells, so every table row lines up with its header."""
    for path, text in book_pages(REPO, modules(REPO)).items():
        cells = None
        for line in text.splitlines():
            if not line.startswith("|"):
                cells = None
                continue
            count = len(re.findall(r"(?<!\\)\|", line))
            cells = cells or count
            assert count == cells, (path.name, line)


def test_the_console_script_is_declared() -> None:
    """pyproject.toml points the `nextround` command at cli.main."""
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'nextround = "nextround.cli:main"' in pyproject
