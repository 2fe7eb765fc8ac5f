"""Everything a learner saved: listed by module, exported at once, imported back, deleted.

The JSON export holds every row of the personal store as it is (check-ins, journal entries
with their questions, and every saved item with its dates), so importing it into an empty
store gives back exactly what was exported. Importing the same file twice adds nothing the
second time. Import and delete each run in one transaction: all of it, or none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final

from nextround import items
from nextround.journal import (
    Entry,
    Journal,
    JournalError,
    _insert,  # the journal's own insert, so an import is one transaction with the rest
    entry_from_dict,
    entry_to_dict,
    problems,
)
from nextround.store import Store

FORMAT_KEY: Final = "nextround_backup"
FORMAT_VERSION: Final = 1

#: Where each kind of saved item comes from, in course order: (module, what it is called).
KINDS: Final[Mapping[str, tuple[str, str]]] = {
    "checkin": ("Start here and Onward", "Check-in"),
    "future_note": ("Module 8: Onward", "Note to your future self"),
    "reframe": ("Module 1: After the no", "Reframed thought"),
    "support_plan": ("Module 1: After the no", "Support plan"),
    "entry": ("Module 2: Debrief", "Interview debrief"),
    "self_audit": ("Module 3: Looking back", "Self-audit"),
    "feedback": ("Module 3: Looking back", "Feedback you received"),
    "feedback_route": ("Module 4: Asking for feedback", "How you will ask"),
    "letter_draft": ("Modules 4 and 5: Letters", "Letter draft"),
    "practice": ("Module 6: Sharpen your answers", "Practice answer"),
    "dismissal": ("Module 6: Sharpen your answers", "Point you disagreed with"),
    "action_plan": ("Module 7: Your next round", "Action plan"),
}
MODULE_ORDER: Final = tuple(dict.fromkeys(module for module, _ in KINDS.values()))
OTHER_MODULE: Final = "Other notes"


class BackupError(ValueError):
    """A file that cannot be imported; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class SavedThing:
    """One saved thing as the "everything you saved" list shows it."""

    module: str
    what: str
    title: str
    saved_at: datetime


def overview(store: Store) -> list[SavedThing]:
    """Everything saved, in course order, newest first within each module."""
    found: list[SavedThing] = []
    for created, moment, mood in store.query(
        "SELECT created_at, moment, mood FROM checkin ORDER BY id DESC"
    ):
        words = {"start": "at the start", "end": "at the end", "anytime": ""}
        title = f"Mood {mood} of 5 {words.get(moment, '')}".strip()
        found.append(SavedThing(*KINDS["checkin"], title, datetime.fromisoformat(created)))
    for entry in Journal(store).entries():
        stamp = entry.updated_at or entry.created_at
        assert stamp is not None
        found.append(SavedThing(*KINDS["entry"], entry.title, stamp))
    rows = store.query("SELECT id FROM item ORDER BY updated_at DESC, id DESC")
    for (item_id,) in rows:
        item = items.get(store, item_id)
        if item is None:
            continue
        module, what = KINDS.get(item.kind, (OTHER_MODULE, "Note"))
        found.append(SavedThing(module, what, item.title or what, item.updated_at))
    order = {module: n for n, module in enumerate((*MODULE_ORDER, OTHER_MODULE))}
    found.sort(key=lambda t: (order[t.module], -t.saved_at.timestamp()))
    return found


def export_data(store: Store) -> dict[str, Any]:
    """Everything in the store as JSON-ready data, dates included."""
    checkins = [
        {"created_at": c, "moment": m, "mood": mood, "note": note}
        for c, m, mood, note in store.query(
            "SELECT created_at, moment, mood, note FROM checkin ORDER BY id"
        )
    ]
    entries = []
    for entry in reversed(Journal(store).entries()):
        data = entry_to_dict(entry)
        data["id"] = entry.id
        data["created_at"] = entry.created_at.isoformat() if entry.created_at else None
        data["updated_at"] = entry.updated_at.isoformat() if entry.updated_at else None
        entries.append(data)
    saved = [
        {
            "kind": kind,
            "title": title,
            "body": json.loads(body),
            "created_at": created,
            "updated_at": updated,
        }
        for kind, title, body, created, updated in store.query(
            "SELECT kind, title, body, created_at, updated_at FROM item ORDER BY id"
        )
    ]
    return {
        FORMAT_KEY: FORMAT_VERSION,
        "checkins": checkins,
        "entries": entries,
        "items": saved,
    }


def export_json(store: Store) -> str:
    """Everything in the store as a JSON document (UTF-8 text, readable, importable)."""
    return json.dumps(export_data(store), ensure_ascii=False, indent=2, sort_keys=True)


def _document(text: str) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BackupError(
            "This file is not a Next Round export: it could not be read as JSON."
        ) from exc
    if not isinstance(document, dict) or document.get(FORMAT_KEY) != FORMAT_VERSION:
        raise BackupError(
            "This file is not a Next Round export. Choose the .json file made by "
            "'Prepare my files'."
        )
    return document


@dataclass(frozen=True, slots=True)
class ImportResult:
    """How many things an import added, and how many it skipped as already saved."""

    added: int
    skipped: int

    def sentence(self) -> str:
        """The result in plain words."""
        added = "Nothing new was added" if not self.added else f"Added {_count(self.added)}"
        skipped = (
            f"; {_count(self.skipped)} you already had {'was' if self.skipped == 1 else 'were'} "
            "left as they are"
            if self.skipped
            else ""
        )
        return f"{added}{skipped}."


def _count(n: int) -> str:
    return f"{n:,} saved thing{'s' if n != 1 else ''}"


def import_json(store: Store, text: str) -> ImportResult:
    """Add everything in an export to the store, skipping what is already there exactly."""
    document = _document(text)
    try:
        checkins = [
            (str(c["created_at"]), str(c["moment"]), int(c["mood"]), str(c.get("note", "")))
            for c in document.get("checkins", [])
        ]
        entries = [
            replace(
                entry_from_dict(e),
                created_at=datetime.fromisoformat(e["created_at"]) if e.get("created_at") else None,
                updated_at=datetime.fromisoformat(e["updated_at"]) if e.get("updated_at") else None,
            )
            for e in document.get("entries", [])
        ]
        saved = [
            (
                str(i["kind"]),
                str(i.get("title", "")),
                json.dumps(i["body"], ensure_ascii=False, sort_keys=True),
                str(i["created_at"]),
                str(i["updated_at"]),
            )
            for i in document.get("items", [])
        ]
    except (KeyError, TypeError, ValueError, AttributeError, JournalError) as exc:
        raise BackupError(
            "Part of this file could not be read, so nothing was imported. "
            "Use the .json file exactly as 'Prepare my files' made it."
        ) from exc
    journal = Journal(store)
    for entry in entries:
        if journal_problems := _problems(entry):
            raise BackupError(
                f"An interview in this file cannot be saved ({journal_problems}), "
                "so nothing was imported."
            )
    added = skipped = 0
    with store.transaction() as tx:
        # Read what is already there inside the same transaction, under the store's lock.
        have_checkins = set(tx.execute("SELECT created_at, moment, mood, note FROM checkin"))
        have_items = set(tx.execute("SELECT kind, title, body, created_at, updated_at FROM item"))
        have_entries = {json.dumps(_key(e), sort_keys=True) for e in journal.entries()}
        taken = {row[0] for row in tx.execute("SELECT id FROM entry")}
        for row in checkins:
            if row in have_checkins or row[2] not in range(1, 6):
                skipped += 1
                continue
            tx.execute(
                "INSERT INTO checkin (created_at, moment, mood, note) VALUES (?, ?, ?, ?)", row
            )
            added += 1
        for entry in entries:
            if json.dumps(_key(entry), sort_keys=True) in have_entries:
                skipped += 1
                continue
            stamp = entry.created_at or datetime.now().astimezone()
            # Keep the entry's number when it is free: a self-audit refers to it.
            keep = entry.id if entry.id is not None and entry.id not in taken else None
            taken.add(_insert(tx, entry, stamp, entry.updated_at or stamp, entry_id=keep))
            added += 1
        for item_row in saved:
            if item_row in have_items:
                skipped += 1
                continue
            tx.execute(
                "INSERT INTO item (kind, title, body, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                item_row,
            )
            added += 1
    return ImportResult(added, skipped)


def _problems(entry: Entry) -> str:
    found = problems(entry)
    return " ".join(found[:2])


def _key(entry: Entry) -> dict[str, Any]:
    data = entry_to_dict(entry)
    data["created_at"] = entry.created_at.isoformat() if entry.created_at else None
    return data


def counts(store: Store) -> int:
    """How many things are saved in all."""
    return sum(
        int(store.query(f"SELECT count(*) FROM {table}")[0][0])  # noqa: S608 -- fixed names
        for table in ("checkin", "entry", "item")
    )


def delete_everything(store: Store) -> int:
    """Delete every saved thing in one transaction; return how many were deleted."""
    total = counts(store)
    with store.transaction() as tx:
        tx.execute("DELETE FROM entry_question")
        tx.execute("DELETE FROM entry")
        tx.execute("DELETE FROM item")
        tx.execute("DELETE FROM checkin")
    return total


def readable_text(store: Store) -> str:
    """Everything saved as a plain-text document to read or print, grouped by module."""
    data = export_data(store)
    lines = ["Everything I saved in Next Round", "=" * 32, ""]
    if not (data["checkins"] or data["entries"] or data["items"]):
        return "\n".join([*lines, "Nothing is saved yet.", ""])
    lines += _checkin_lines(data["checkins"]) + _entry_lines(data["entries"])
    lines += _item_lines(data["items"])
    return "\n".join(lines).rstrip("\n") + "\n"


def _checkin_lines(checkins: list[dict[str, Any]]) -> list[str]:
    if not checkins:
        return []
    lines = _heading(KINDS["checkin"][0])
    for c in checkins:
        lines.append(f"- {_day(c['created_at'])}: mood {c['mood']} of 5 ({c['moment']})")
        if c["note"]:
            lines.append(_indent(c["note"]))
    return [*lines, ""]


_ENTRY_TEXTS: Final = (
    ("They liked", "liked"),
    ("Nervous about", "nerves"),
    ("Went well", "went_well"),
    ("Differently", "differently"),
    ("Their process", "process_learned"),
    ("Feedback", "feedback"),
)


def _entry_lines(entries: list[dict[str, Any]]) -> list[str]:
    if not entries:
        return []
    lines = _heading(KINDS["entry"][0])
    for e in entries:
        lines.append(f"{e['role']} at {e['company']}, {e['interview_date']}")
        for q in e["questions"]:
            lines.append(f"- Question: {q['question']}")
            lines += [
                _indent(f"{label}: {q[key]}")
                for label, key in (("My answer", "answer"), ("What worked", "notes"))
                if q.get(key)
            ]
        lines += [f"- {label}: {e[key]}" for label, key in _ENTRY_TEXTS if e.get(key)]
        lines.append("")
    return lines


def _item_lines(saved: list[dict[str, Any]]) -> list[str]:
    by_module: dict[str, list[dict[str, Any]]] = {}
    for item in saved:
        by_module.setdefault(KINDS.get(item["kind"], (OTHER_MODULE, ""))[0], []).append(item)
    lines: list[str] = []
    for module in (*MODULE_ORDER, OTHER_MODULE):
        if module not in by_module:
            continue
        lines += _heading(module)
        for item in by_module[module]:
            what = KINDS.get(item["kind"], (OTHER_MODULE, "Note"))[1]
            lines.append(f"{what}: {item['title']} ({_day(item['updated_at'])})")
            lines += [_indent(text) for text in _texts(item["body"])]
            lines.append("")
    return lines


def _heading(title: str) -> list[str]:
    return [title, "-" * len(title)]


def _day(stamp: str) -> str:
    return f"{datetime.fromisoformat(stamp):%d %b %Y}"


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in str(text).splitlines() or [""])


def _texts(body: Any, label: str = "") -> list[str]:
    """The words in a saved item, one line per field, without internal keys or ids."""
    out: list[str] = []
    if isinstance(body, Mapping):
        for key, value in body.items():
            if key in {"answer_key", "id", "kind"}:
                continue
            out += _texts(value, key.replace("_", " ").capitalize())
    elif isinstance(body, list):
        for value in body:
            out += _texts(value, label)
    elif isinstance(body, str) and body.strip():
        out.append(f"{label}: {body}" if label else body)
    return out
