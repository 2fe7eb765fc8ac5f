"""The store the widgets in this kernel share, opened on first use."""

from __future__ import annotations

from nextround.store import Store

_store: Store | None = None


def get_store() -> Store:
    """The personal store for this kernel (at ``NEXTROUND_HOME`` or the default location)."""
    global _store  # noqa: PLW0603 -- one store per kernel is the point; reset() undoes it
    if _store is None:
        _store = Store()
    return _store


def reset() -> None:
    """Close the shared store so the next use reopens it (tests call this between tests)."""
    global _store  # noqa: PLW0603 -- see get_store
    if _store is not None:
        _store.close()
    _store = None
