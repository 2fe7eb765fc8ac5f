"""Small saved things (reframes, a support plan, drafts, dismissals, plans) in the store."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from nextround.store import Store


@dataclass(frozen=True, slots=True)
class Item:
    """One saved thing: its kind, a title for lists, and a JSON-ready body."""

    id: int
    kind: str
    title: str
    body: Mapping[str, Any]
    created_at: datetime
    updated_at: datetime


def save(
    store: Store, kind: str, title: str, body: Mapping[str, Any], item_id: int | None = None
) -> Item:
    """Save a new item, or replace item ``item_id``; one transaction either way."""
    now = datetime.now(UTC).isoformat()
    text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    with store.transaction() as conn:
        if item_id is None:
            cursor = conn.execute(
                "INSERT INTO item (kind, title, body, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (kind, title, text, now, now),
            )
            item_id = int(cursor.lastrowid or 0)
        else:
            conn.execute(
                "UPDATE item SET title = ?, body = ?, updated_at = ? WHERE id = ? AND kind = ?",
                (title, text, now, item_id, kind),
            )
    found = get(store, item_id)
    assert found is not None
    return found


def put(store: Store, kind: str, title: str, body: Mapping[str, Any]) -> Item:
    """Save the one item of a kind (a support plan, an action plan), replacing the last one."""
    previous = latest(store, kind)
    return save(store, kind, title, body, previous.id if previous else None)


def get(store: Store, item_id: int) -> Item | None:
    """One item by id, or None."""
    row = store.connection.execute(
        "SELECT id, kind, title, body, created_at, updated_at FROM item WHERE id = ?", (item_id,)
    ).fetchone()
    return _item(row) if row else None


def of_kind(store: Store, kind: str) -> list[Item]:
    """Every item of one kind, most recently changed first."""
    rows = store.connection.execute(
        "SELECT id, kind, title, body, created_at, updated_at FROM item WHERE kind = ? "
        "ORDER BY updated_at DESC, id DESC",
        (kind,),
    ).fetchall()
    return [_item(row) for row in rows]


def latest(store: Store, kind: str) -> Item | None:
    """The most recently changed item of a kind, or None."""
    found = of_kind(store, kind)
    return found[0] if found else None


def delete(store: Store, item_id: int) -> None:
    """Delete an item (nothing happens if it is already gone)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM item WHERE id = ?", (item_id,))


def _item(row: tuple[Any, ...]) -> Item:
    return Item(
        id=row[0],
        kind=row[1],
        title=row[2],
        body=json.loads(row[3]),
        created_at=datetime.fromisoformat(row[4]),
        updated_at=datetime.fromisoformat(row[5]),
    )
