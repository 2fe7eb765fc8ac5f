"""The course's modules: titles and timings read from the notebooks, notes from the facilitator.

Each module notebook, ``notebooks/NN_slug.ipynb``, carries its own title and timing in its
notebook metadata::

    "nextround": {"module": 1, "title": "After the \\"no\\"", "reading_minutes": 11,
                  "teaching_minutes": 5, "activity_minutes": 10}

``reading_minutes`` is the module's text read alone at about 180 words a minute;
``teaching_minutes`` is the facilitator's spoken summary of it in a group session; and
``activity_minutes`` is the activity itself. A learner on their own needs reading plus
activity; a group session spends teaching plus activity in the room, and the reading becomes
self-study unless the format has room for it (see :mod:`nextround.runsheet`).

and the facilitator notes for it live in ``data/facilitator.toml``. The run sheet, the
facilitator guide's notes page and ``nextround notes`` all read them from here, so a timing
is typed once, in the notebook it belongs to.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

#: Set this to the course folder to use a copy of the course other than the one found.
COURSE_ENV_VAR: Final = "NEXTROUND_COURSE"
#: A module notebook's name: two digits, an underscore, a slug.
NOTEBOOK_NAME: Final = re.compile(r"^(\d{2})_[\w-]+\.ipynb$")
#: Words read in a minute, for the honest reading time shown to learners.
READING_WORDS_PER_MINUTE: Final = 180
_WORD: Final = re.compile(r"[A-Za-z0-9][\w'’-]*")
#: The notes fields that are lists of short items.
_NOTE_LISTS: Final = ("have_ready", "prompts", "watch_for", "timing_tips")


class CourseError(ValueError):
    """The course folder or a module's metadata cannot be used; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class Notes:
    """The facilitator notes for one module (``data/facilitator.toml``)."""

    purpose: str
    group_activity: str
    have_ready: tuple[str, ...]
    prompts: tuple[str, ...]
    watch_for: tuple[str, ...]
    timing_tips: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Module:
    """One module: its notebook's title and timing, and the facilitator notes for it."""

    number: int
    title: str
    notebook: Path
    teaching_minutes: int
    activity_minutes: int
    notes: Notes
    reading_minutes: int = 0

    @property
    def minutes(self) -> int:
        """The module's slot in a group session: the facilitator's summary plus the activity."""
        return self.teaching_minutes + self.activity_minutes

    @property
    def solo_minutes(self) -> int:
        """The module's time for one learner on their own: the reading plus the activity."""
        return self.reading_minutes + self.activity_minutes

    @property
    def label(self) -> str:
        """The module's number and title, as the run sheet and the notes show it."""
        return f"Module {self.number}: {self.title}"


@dataclass(frozen=True, slots=True)
class Practice:
    """A practice notebook that is not a module (the mock interview), and where it fits."""

    title: str
    notebook: Path
    teaching_minutes: int
    activity_minutes: int
    after_module: int
    group_activity: str
    have_ready: tuple[str, ...] = ()

    @property
    def minutes(self) -> int:
        """The practice's whole slot: the briefing plus the practice itself."""
        return self.teaching_minutes + self.activity_minutes


def _is_course(folder: Path) -> bool:
    return (folder / "notebooks").is_dir() and (folder / "book" / "myst.yml").is_file()


def course_root(start: Path | None = None) -> Path:
    """The course folder: ``NEXTROUND_COURSE``, else the nearest enclosing course, else the repo.

    A course folder holds ``notebooks/`` and ``book/myst.yml``. The search walks up from
    ``start`` (the current directory by default); failing that, it tries the repository the
    package was installed from in editable mode.
    """
    configured = os.environ.get(COURSE_ENV_VAR, "").strip()
    if configured:
        folder = Path(configured).expanduser().resolve()
        if not (folder / "notebooks").is_dir():
            raise CourseError(
                f"{COURSE_ENV_VAR} is set to {folder}, which has no notebooks folder. "
                "Point it at the course folder (the one holding notebooks/ and book/), "
                "or unset it."
            )
        return folder
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_course(folder):
            return folder
    # An editable install runs from src/nextround/ inside the repository.
    installed_from = Path(__file__).resolve().parents[2]
    if _is_course(installed_from):
        return installed_from
    raise CourseError(
        "Could not find the course folder (the one holding notebooks/ and book/myst.yml). "
        f"Run this from inside the course folder, or set {COURSE_ENV_VAR} to it."
    )


def _strings(value: object, where: str, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CourseError(f"{where}: {field} must be a list of non-empty strings.")
    return tuple(value)


def parse_notes(raw: Mapping[str, Any], where: str = "facilitator.toml") -> dict[int, Notes]:
    """The notes per module number from a parsed ``facilitator.toml``, checked field by field."""
    tables = raw.get("module")
    if not isinstance(tables, list):
        raise CourseError(f"{where}: expected one [[module]] table per module.")
    notes: dict[int, Notes] = {}
    for table in tables:
        number = table.get("module") if isinstance(table, dict) else None
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise CourseError(f"{where}: every [[module]] needs module = a whole number from 0.")
        here = f"{where}, module {number}"
        if number in notes:
            raise CourseError(f"{here}: this module has two [[module]] tables; merge them.")
        texts = {}
        for field in ("purpose", "group_activity"):
            value = table.get(field)
            if not isinstance(value, str) or not value.strip():
                raise CourseError(f"{here}: {field} must be a non-empty string.")
            texts[field] = value.strip()
        lists = {f: _strings(table.get(f, []), here, f) for f in _NOTE_LISTS}
        notes[number] = Notes(
            purpose=texts["purpose"],
            group_activity=texts["group_activity"],
            have_ready=lists["have_ready"],
            prompts=lists["prompts"],
            watch_for=lists["watch_for"],
            timing_tips=lists["timing_tips"],
        )
    return notes


@cache
def facilitator_notes() -> Mapping[int, Notes]:
    """The facilitator notes shipped with the package, per module number (loaded once)."""
    text = resources.files("nextround").joinpath("data/facilitator.toml").read_text("utf-8")
    return parse_notes(tomllib.loads(text))


def _minutes(meta: Mapping[str, Any], field: str, where: str) -> int:
    value = meta.get(field)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 600:
        raise CourseError(
            f"{where}: nextround.{field} must be a whole number of minutes (0 to 600), "
            f"not {value!r}."
        )
    return value


def read_module(path: Path, notes: Mapping[int, Notes]) -> Module:
    """One module from its notebook's ``nextround`` metadata and its facilitator notes."""
    where = path.name
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CourseError(f"{where}: cannot read the notebook ({error}).") from error
    metadata = notebook.get("metadata") if isinstance(notebook, dict) else None
    meta = metadata.get("nextround") if isinstance(metadata, dict) else None
    if not isinstance(meta, dict):
        raise CourseError(
            f'{where}: the notebook metadata has no "nextround" section; add '
            '{"module": N, "title": "...", "teaching_minutes": T, "activity_minutes": A}.'
        )
    number = meta.get("module")
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        raise CourseError(f"{where}: nextround.module must be a whole number, not {number!r}.")
    named = NOTEBOOK_NAME.match(path.name)
    if named and int(named.group(1)) != number:
        raise CourseError(
            f"{where}: the file name says module {int(named.group(1))} but the metadata "
            f"says {number}; make them agree."
        )
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise CourseError(f"{where}: nextround.title must be the module's title.")
    teaching = _minutes(meta, "teaching_minutes", where)
    activity = _minutes(meta, "activity_minutes", where)
    reading = _minutes(meta, "reading_minutes", where) if "reading_minutes" in meta else 0
    if teaching + activity == 0:
        raise CourseError(f"{where}: the module has no time at all; give it some minutes.")
    if number not in notes:
        raise CourseError(
            f"{where}: module {number} has no facilitator notes; add a [[module]] table "
            f"with module = {number} to src/nextround/data/facilitator.toml."
        )
    return Module(
        number=number,
        title=title.strip(),
        notebook=path,
        teaching_minutes=teaching,
        activity_minutes=activity,
        notes=notes[number],
        reading_minutes=reading,
    )


@cache
def _practice_notes() -> Mapping[str, Mapping[str, Any]]:
    text = resources.files("nextround").joinpath("data/facilitator.toml").read_text("utf-8")
    tables = tomllib.loads(text).get("practice", [])
    return {t["activity"]: t for t in tables if isinstance(t, dict) and "activity" in t}


def practice_sessions(root: Path | None = None) -> list[Practice]:
    """The practice notebooks (``"activity"`` in their metadata), with their facilitator notes.

    A full-day session runs each one in the room straight after its ``after_module``; the
    shorter formats leave it for self-study.
    """
    root = course_root() if root is None else root
    found = []
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        if NOTEBOOK_NAME.match(path.name):
            continue
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]["nextround"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not isinstance(meta, dict) or "activity" not in meta or "after_module" not in meta:
            continue
        where = path.name
        notes = _practice_notes().get(str(meta["activity"]), {})
        found.append(
            Practice(
                title=str(meta.get("title", path.stem)),
                notebook=path,
                teaching_minutes=_minutes(meta, "teaching_minutes", where),
                activity_minutes=_minutes(meta, "activity_minutes", where),
                after_module=_minutes(meta, "after_module", where),
                group_activity=str(notes.get("group_activity", meta.get("title", ""))),
                have_ready=tuple(str(x) for x in notes.get("have_ready", ())),
            )
        )
    return found


def module_notebooks(root: Path) -> list[Path]:
    """The module notebooks in ``root/notebooks`` (``NN_slug.ipynb``), by file name."""
    folder = root / "notebooks"
    if not folder.is_dir():
        raise CourseError(f"{root} has no notebooks folder.")
    return sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))


def modules(root: Path | None = None, notes: Mapping[int, Notes] | None = None) -> list[Module]:
    """Every module of the course in ``root`` (default: :func:`course_root`), by number."""
    root = course_root() if root is None else root
    notes = facilitator_notes() if notes is None else notes
    paths = module_notebooks(root)
    if not paths:
        raise CourseError(f"No module notebooks (NN_name.ipynb) in {root / 'notebooks'}.")
    found = sorted((read_module(path, notes) for path in paths), key=lambda m: m.number)
    _no_duplicates(found)
    return found


def _no_duplicates(found: Sequence[Module]) -> None:
    seen: dict[int, Module] = {}
    for module in found:
        if module.number in seen:
            raise CourseError(
                f"Two notebooks say they are module {module.number}: "
                f"{seen[module.number].notebook.name} and {module.notebook.name}."
            )
        seen[module.number] = module


def time_needed(module: Module) -> str:
    """The honest time a module asks of a learner, as its "Time needed" section says it."""
    reading = module.reading_minutes
    plural = "" if reading == 1 else "s"
    return (
        f"About {reading} minute{plural} of reading and a {module.activity_minutes}-minute "
        f"activity: about {module.solo_minutes} minutes in all. Take longer if you need to. "
        f"In a group session, the facilitator sums up the reading in about "
        f"{module.teaching_minutes} minutes, and you can read the whole page before or after."
    )


def reading_words(notebook: Path) -> int:
    """How many words a learner reads in a notebook's text (its markdown cells)."""
    data = json.loads(notebook.read_text(encoding="utf-8"))
    words = 0
    for cell in data.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        # A "site-note" is only for the website's readers, about the website itself.
        if cell.get("cell_type") == "markdown" and "site-note" not in tags:
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            words += len(_WORD.findall(text))
    return words
