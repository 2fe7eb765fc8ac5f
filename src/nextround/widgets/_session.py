"""The store the widgets in this kernel share, opened on first use, and the guard for panels."""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

import ipywidgets as w

from nextround.store import Store, StoreError, unavailable_message
from nextround.widgets._html import notice

P = ParamSpec("P")
T = TypeVar("T")

_store: Store | None = None
_lock = threading.Lock()


def get_store() -> Store:
    """The personal store for this kernel (at ``NEXTROUND_HOME`` or the default location).

    Raises :class:`~nextround.store.StoreError` with a plain message if it cannot be opened;
    a failed open is not remembered, so the next panel tries again (say, after a fix).
    """
    global _store  # noqa: PLW0603 -- one store per kernel is the point; reset() undoes it
    with _lock:
        if _store is None:
            _store = Store()
        return _store


def reset() -> None:
    """Close the shared store so the next use reopens it (tests call this between tests)."""
    global _store  # noqa: PLW0603 -- see get_store
    with _lock:
        if _store is not None:
            _store.close()
        _store = None


def store_problem_panel(message: str) -> w.VBox:
    """The calm panel shown instead of an activity when the saved notes cannot be used."""
    return w.VBox(
        [w.HTML(notice(message, kind="warning"))],
        layout=w.Layout(max_width="720px"),
    ).add_class("nr-store-problem")


def with_store_message(app: Callable[P, T]) -> Callable[P, T]:
    """Wrap a panel builder so a store that cannot be used shows a plain message, not a traceback.

    The message names the folder, says it comes from ``NEXTROUND_HOME`` and what to do.
    """

    @functools.wraps(app)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return app(*args, **kwargs)
        except StoreError as exc:
            return cast(T, store_problem_panel(str(exc)))
        except sqlite3.Error as exc:  # a read that went to the connection directly
            return cast(T, store_problem_panel(unavailable_message(exc)))

    return guarded
