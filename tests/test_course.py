"""The course's modules: timings read from the notebooks, notes from the facilitator's file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from nextround import course
from nextround.course import (
    COURSE_ENV_VAR,
    CourseError,
    course_root,
    facilitator_notes,
    modules,
    parse_notes,
)

REPO = Path(__file__).resolve().parents[1]


def write_notebook(folder: Path, name: str, meta: dict[str, Any] | None) -> Path:
    """A minimal notebook whose metadata carries ``meta`` as its "nextround" section."""
    folder.mkdir(parents=True, exist_ok=True)
    metadata: dict[str, Any] = {"kernelspec": {"name": "python3"}}
    if meta is not None:
        metadata["nextround"] = meta
    path = folder / name
    notebook = {"cells": [], "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def meta(
    number: int, title: str = "A module", teaching: Any = 5, activity: Any = 10
) -> dict[str, Any]:
    """The "nextround" metadata of a module notebook."""
    return {
        "module": number,
        "title": title,
        "teaching_minutes": teaching,
        "activity_minutes": activity,
    }


def make_course(root: Path, timings: dict[int, tuple[int, int]]) -> Path:
    """A course folder with one notebook per module number and a book/myst.yml."""
    for number, (teaching, activity) in timings.items():
        name = f"{number:02d}_m{number}.ipynb"
        write_notebook(
            root / "notebooks", name, meta(number, f"Module title {number}", teaching, activity)
        )
    (root / "book").mkdir(parents=True, exist_ok=True)
    (root / "book" / "myst.yml").write_text("version: 1\n", encoding="utf-8")
    return root


def test_modules_read_titles_and_timings_from_notebook_metadata(tmp_path: Path) -> None:
    """Each module's title and minutes are the notebook's own; the slot is their sum."""
    root = make_course(tmp_path, {2: (5, 15), 0: (5, 5), 1: (10, 5)})
    found = modules(root)
    assert [m.number for m in found] == [0, 1, 2]
    assert [m.title for m in found] == ["Module title 0", "Module title 1", "Module title 2"]
    assert [(m.teaching_minutes, m.activity_minutes, m.minutes) for m in found] == [
        (5, 5, 10),
        (10, 5, 15),
        (5, 15, 20),
    ]
    assert found[1].notebook == root / "notebooks" / "01_m1.ipynb"
    assert found[1].label == "Module 1: Module title 1"


def test_modules_carry_the_facilitator_notes_for_their_number(tmp_path: Path) -> None:
    """Purpose, group activity, have ready, prompts, watch for and timing tips come from data."""
    root = make_course(tmp_path, {3: (5, 5)})
    (module,) = modules(root)
    notes = facilitator_notes()[3]
    assert module.notes == notes


def test_notebooks_without_a_module_number_in_their_name_are_not_modules(tmp_path: Path) -> None:
    """An extra notebook (such as mock_interview.ipynb) is not read as a module."""
    root = make_course(tmp_path, {0: (5, 5)})
    write_notebook(root / "notebooks", "mock_interview.ipynb", {"title": "Practice"})
    write_notebook(root / "notebooks", "scratch.ipynb", None)
    assert [m.number for m in modules(root)] == [0]


BAD_METADATA = [
    pytest.param("00_a.ipynb", None, 'no "nextround" section', id="no-nextround-section"),
    pytest.param("00_a.ipynb", {**meta(0), "title": " "}, "title", id="blank-title"),
    pytest.param("00_a.ipynb", {**meta(0), "title": 7}, "title", id="title-not-text"),
    pytest.param("00_a.ipynb", meta(0, teaching=-5), "teaching_minutes", id="negative-minutes"),
    pytest.param("00_a.ipynb", meta(0, activity="20"), "activity_minutes", id="minutes-as-text"),
    pytest.param("00_a.ipynb", meta(0, teaching=True), "teaching_minutes", id="minutes-as-bool"),
    pytest.param("00_a.ipynb", meta(0, teaching=2.5), "teaching_minutes", id="minutes-fraction"),
    pytest.param("00_a.ipynb", meta(0, teaching=0, activity=0), "no time", id="zero-minutes"),
    pytest.param("00_a.ipynb", {**meta(0), "module": "0"}, "whole number", id="number-as-text"),
    pytest.param("01_a.ipynb", meta(2), "file name says module 1", id="name-disagrees"),
    pytest.param("42_a.ipynb", meta(42), "no facilitator notes", id="no-notes-for-module"),
]


@pytest.mark.parametrize(("name", "metadata", "message"), BAD_METADATA)
def test_bad_metadata_gets_a_clear_error_naming_the_notebook(
    tmp_path: Path, name: str, metadata: dict[str, Any] | None, message: str
) -> None:
    """Missing or invalid metadata is refused with the notebook's name and what to fix."""
    write_notebook(tmp_path / "notebooks", name, metadata)
    with pytest.raises(CourseError, match=message) as caught:
        modules(tmp_path)
    assert name in str(caught.value)


def test_a_notebook_that_is_not_json_is_named_in_the_error(tmp_path: Path) -> None:
    """A damaged notebook file is reported by name rather than as a traceback."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00_broken.ipynb").write_text("{not json", encoding="utf-8")
    with pytest.raises(CourseError, match=r"00_broken\.ipynb: cannot read"):
        modules(tmp_path)


def test_two_notebooks_with_the_same_module_number_are_refused(tmp_path: Path) -> None:
    """Duplicate numbers would make the run sheet ambiguous, so both files are named."""
    write_notebook(tmp_path / "notebooks", "01_first.ipynb", meta(1))
    write_notebook(tmp_path / "notebooks", "01_second.ipynb", meta(1))
    with pytest.raises(CourseError, match=r"01_first\.ipynb and 01_second\.ipynb"):
        modules(tmp_path)


def test_a_course_without_module_notebooks_is_an_error(tmp_path: Path) -> None:
    """An empty notebooks folder, or none at all, is reported plainly."""
    with pytest.raises(CourseError, match="no notebooks folder"):
        modules(tmp_path)
    (tmp_path / "notebooks").mkdir()
    with pytest.raises(CourseError, match="No module notebooks"):
        modules(tmp_path)


BAD_NOTES = [
    pytest.param({}, "one \\[\\[module\\]\\] table", id="no-modules"),
    pytest.param({"module": [{"purpose": "x"}]}, "module = a whole number", id="no-number"),
    pytest.param(
        {"module": [{"module": 1, "group_activity": "g"}]}, "purpose", id="missing-purpose"
    ),
    pytest.param(
        {"module": [{"module": 1, "purpose": "p", "group_activity": "g", "prompts": "one"}]},
        "prompts must be a list",
        id="prompts-not-a-list",
    ),
    pytest.param(
        {"module": [{"module": 1, "purpose": "p", "group_activity": "g", "watch_for": [""]}]},
        "watch_for must be a list of non-empty strings",
        id="empty-item",
    ),
    pytest.param(
        {"module": [{"module": 1, "purpose": "p", "group_activity": "g"}] * 2},
        "two \\[\\[module\\]\\] tables",
        id="duplicate-module",
    ),
]


@pytest.mark.parametrize(("raw", "message"), BAD_NOTES)
def test_bad_facilitator_notes_get_a_clear_error(raw: dict[str, Any], message: str) -> None:
    """A facilitator editing the notes file hears exactly which field is wrong."""
    with pytest.raises(CourseError, match=message):
        parse_notes(raw)


def test_the_shipped_notes_cover_modules_0_to_8_with_every_field() -> None:
    """The notes file has a complete entry for every module of the outline."""
    notes = facilitator_notes()
    assert sorted(notes) == list(range(9))
    for entry in notes.values():
        fields = (entry.purpose, entry.group_activity, entry.have_ready, entry.prompts)
        assert all(fields)
        assert all((entry.watch_for, entry.timing_tips))


def test_the_real_course_reads_cleanly_and_every_module_has_notes() -> None:
    """The committed notebooks' metadata is valid, numbered 0 to 8 without gaps."""
    found = modules(REPO)
    assert [m.number for m in found] == list(range(9))
    assert all(m.minutes > 0 for m in found)
    assert found[0].title == "Start here"


def test_course_root_honours_the_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NEXTROUND_COURSE wins over the folder you are in."""
    make_course(tmp_path / "elsewhere", {0: (5, 5)})
    monkeypatch.setenv(COURSE_ENV_VAR, str(tmp_path / "elsewhere"))
    assert course_root() == (tmp_path / "elsewhere").resolve()


def test_a_setting_without_notebooks_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mistyped NEXTROUND_COURSE is reported rather than silently ignored."""
    monkeypatch.setenv(COURSE_ENV_VAR, str(tmp_path / "nothing-here"))
    with pytest.raises(CourseError, match="has no notebooks folder"):
        course_root()


def test_course_root_walks_up_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from anywhere inside a course folder, the course is found."""
    monkeypatch.delenv(COURSE_ENV_VAR, raising=False)
    root = make_course(tmp_path / "course", {0: (5, 5)})
    deep = root / "book" / "facilitator"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert course_root() == root.resolve()


def test_course_root_falls_back_to_the_repository_installed_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside any course folder, an editable install still finds its own repository."""
    monkeypatch.delenv(COURSE_ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    assert course_root() == REPO


def test_course_root_error_when_there_is_no_course(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no setting, no enclosing course and no repository, the error says what to do."""
    monkeypatch.delenv(COURSE_ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(course, "__file__", str(tmp_path / "site" / "pkg" / "nextround" / "c.py"))
    with pytest.raises(CourseError, match=COURSE_ENV_VAR):
        course_root()


# ---------------------------------------------------------------------------------------
# Honest time: what each module tells the learner
# ---------------------------------------------------------------------------------------


def _time_needed_section(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown" and "## Time needed" in source:
            return source.split("## Time needed", 1)[1].split("\n## ", 1)[0].strip()
    raise AssertionError(f"{notebook.name} has no Time needed section")


@pytest.mark.parametrize("module", modules(REPO), ids=lambda m: f"module-{m.number}")
def test_each_module_states_a_time_that_covers_its_reading_and_activity(
    module: course.Module,
) -> None:
    """The stated time covers the text at about 180 words a minute plus the activity."""
    words = course.reading_words(module.notebook)
    honest = -(-words // course.READING_WORDS_PER_MINUTE)
    # Not short, and not padded either. If the text changed, set reading_minutes to `honest`
    # in the notebook's metadata and update its "Time needed" sentence to match.
    assert module.reading_minutes == honest, f"{module.notebook.name}: {words} words"
    stated = _time_needed_section(module.notebook)
    assert stated == course.time_needed(module)
    total = int(re.search(r"about (\d+) minutes in all", stated).group(1))  # type: ignore[union-attr]
    assert total >= words / course.READING_WORDS_PER_MINUTE + module.activity_minutes
    assert f"{module.activity_minutes}-minute activity" in stated


def test_time_needed_reads_plainly() -> None:
    """The sentence a learner sees names reading, activity, the total and the group summary."""
    notes = facilitator_notes()[1]
    module = course.Module(1, "T", Path("x.ipynb"), 5, 10, notes, reading_minutes=12)
    assert course.time_needed(module) == (
        "About 12 minutes of reading and a 10-minute activity: about 22 minutes in all. "
        "Take longer if you need to. In a group session, the facilitator sums up the reading "
        "in about 5 minutes, and you can read the whole page before or after."
    )
    assert module.solo_minutes == 22
    assert module.minutes == 15


def test_the_mock_interview_is_a_practice_after_module_6() -> None:
    """The mock interview is read as a practice slot with its own minutes and notes."""
    (practice,) = course.practice_sessions(REPO)
    assert practice.after_module == 6
    assert practice.minutes == 30
    assert "Trios" in practice.group_activity
    stated = _time_needed_section(practice.notebook)
    assert "25 minutes of practice" in stated


def test_reading_minutes_are_optional_but_checked(tmp_path: Path) -> None:
    """A notebook without reading_minutes reads as 0; a bad value names the field."""
    root = make_course(tmp_path, {0: (5, 5)})
    assert modules(root)[0].reading_minutes == 0
    write_notebook(root / "notebooks", "00_m0.ipynb", {**meta(0), "reading_minutes": "ten"})
    with pytest.raises(CourseError, match="reading_minutes"):
        modules(root)
