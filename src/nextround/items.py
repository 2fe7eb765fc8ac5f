"""Small saved things (reframes, a support plan, drafts, dismissals, plans) in the store.

Saving never loses an edit: replacing an item that was deleted meanwhile, or one of
another kind, saves the edit as a new item. A broken character (a lone surrogate from
a bad paste) is replaced with U+FFFD and the result says so (``Item.repaired``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Final

from nextround.store import Store, repair_json, repair_text

#: Said after a save that replaced a broken character.
REPAIRED_NOTE: Final = (
    "A character in your text could not be saved (it was broken, perhaps by copying and "
    "pasting), so it was replaced with \ufffd. Everything else is kept as you wrote it."
)


class ItemError(ValueError):
    """Something that cannot be saved as an item; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class Item:
    """One saved thing: its kind, a title for lists, and a JSON-ready body."""

    id: int
    kind: str
    title: str
    body: Mapping[str, Any]
    created_at: datetime
    updated_at: datetime
    #: True when saving replaced a broken character (see :data:`REPAIRED_NOTE`).
    repaired: bool = field(default=False, compare=False, repr=False)


def _body_text(body: Mapping[str, Any]) -> str:
    if not isinstance(body, Mapping):
        raise ItemError("This could not be saved: its contents are not a set of named parts.")
    try:
        return json.dumps(body, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ItemError(
            "This could not be saved: part of it is not text, a number or a list."
        ) from exc


def save(
    store: Store, kind: str, title: str, body: Mapping[str, Any], item_id: int | None = None
) -> Item:
    """Save a new item, or replace item ``item_id``; one transaction either way.

    If item ``item_id`` is gone, or is of another kind, the edit is saved as a new item
    rather than lost or written over something else.
    """
    if not isinstance(kind, str) or not kind:
        raise ItemError("This could not be saved: it has no kind.")
    if not isinstance(title, str):
        raise ItemError("This could not be saved: its title is not text.")
    fixed_title = repair_text(title)
    fixed_body, body_fixed = repair_json(body) if isinstance(body, Mapping) else (body, False)
    text = _body_text(fixed_body)
    now = datetime.now(UTC).isoformat()
    with store.transaction() as conn:
        row = (
            conn.execute("SELECT kind FROM item WHERE id = ?", (item_id,)).fetchone()
            if item_id is not None
            else None
        )
        if row is not None and row[0] == kind:
            conn.execute(
                "UPDATE item SET title = ?, body = ?, updated_at = ? WHERE id = ?",
                (fixed_title, text, now, item_id),
            )
            saved_id = int(item_id or 0)
        else:
            cursor = conn.execute(
                "INSERT INTO item (kind, title, body, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (kind, fixed_title, text, now, now),
            )
            saved_id = int(cursor.lastrowid or 0)
        found = conn.execute(
            "SELECT id, kind, title, body, created_at, updated_at FROM item WHERE id = ?",
            (saved_id,),
        ).fetchone()
    repaired = body_fixed or fixed_title != title
    if repaired:
        store.repairs += 1
    return replace(_item(found), repaired=repaired)


def put(store: Store, kind: str, title: str, body: Mapping[str, Any]) -> Item:
    """Save the one item of a kind (a support plan, an action plan), replacing the last one."""
    previous = latest(store, kind)
    return save(store, kind, title, body, previous.id if previous else None)


def get(store: Store, item_id: int) -> Item | None:
    """One item by id, or None."""
    rows = store.query(
        "SELECT id, kind, title, body, created_at, updated_at FROM item WHERE id = ?", (item_id,)
    )
    return _item(rows[0]) if rows else None


def of_kind(store: Store, kind: str) -> list[Item]:
    """Every item of one kind, most recently changed first."""
    rows = store.query(
        "SELECT id, kind, title, body, created_at, updated_at FROM item WHERE kind = ? "
        "ORDER BY updated_at DESC, id DESC",
        (kind,),
    )
    return [_item(row) for row in rows]


def latest(store: Store, kind: str) -> Item | None:
    """The most recently changed item of a kind, or None."""
    rows = store.query(
        "SELECT id, kind, title, body, created_at, updated_at FROM item WHERE kind = ? "
        "ORDER BY updated_at DESC, id DESC LIMIT 1",
        (kind,),
    )
    return _item(rows[0]) if rows else None


def delete(store: Store, item_id: int) -> None:
    """Delete an item (nothing happens if it is already gone)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM item WHERE id = ?", (item_id,))


def _item(row: tuple[Any, ...]) -> Item:
    try:
        body = json.loads(row[3])
    except (TypeError, ValueError):
        body = {}
    if not isinstance(body, Mapping):
        body = {}
    return Item(
        id=row[0],
        kind=row[1],
        title=row[2] if isinstance(row[2], str) else "",
        body=_SHAPES.get(row[1], _as_is)(body),
        created_at=datetime.fromisoformat(row[4]),
        updated_at=datetime.fromisoformat(row[5]),
    )


def _as_is(body: Mapping[str, Any]) -> Mapping[str, Any]:
    return body


def _support_plan(body: Mapping[str, Any]) -> Mapping[str, Any]:
    """A support plan as its panel reads it: people with text ``who``, ``helps``, ``when``.

    A plan saved by an older version, edited by hand or imported may have another shape;
    what cannot be read is left out rather than stopping the panel from opening.
    """
    from nextround.reflection import reflection_guide  # noqa: PLC0415 -- reflection imports journal

    helps = set(reflection_guide().support["helps"])
    people = body.get("people")
    tidy: list[dict[str, str]] = []
    for person in people if isinstance(people, list) else []:
        if not isinstance(person, Mapping):
            continue
        who, why, when = (_plain(person.get(k)) for k in ("who", "helps", "when"))
        if who:
            tidy.append({"who": who, "helps": why if why in helps else "", "when": when})
    return {**body, "people": tidy}


def _plain(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return str(value)
    return ""


#: Kinds whose readers expect a fixed shape: the body is tidied into it when read.
_SHAPES: Final[dict[str, Callable[[Mapping[str, Any]], Mapping[str, Any]]]] = {
    "support_plan": _support_plan,
}
