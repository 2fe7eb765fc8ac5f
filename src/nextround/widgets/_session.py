"""The store the widgets in this kernel share, opened on first use, and the guard for panels."""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

import ipywidgets as w

from nextround.items import REPAIRED_NOTE
from nextround.store import Store, StoreError, unavailable_message
from nextround.widgets._html import notice

P = ParamSpec("P")
T = TypeVar("T")

_store: Store | None = None
_lock = threading.Lock()
#: Called after any panel's button has run (something may have been saved): the
#: "everything you saved" list uses it to stay up to date on the same page.
_after_click: list[Callable[[], object]] = []


def on_any_click(callback: Callable[[], object]) -> None:
    """Call ``callback`` after every guarded button click in this kernel (until reset())."""
    _after_click.append(callback)


def clicked() -> None:
    """Tell the listeners a panel may have saved something; a listener's store problem is
    its own panel's business, never the clicked panel's."""
    for callback in list(_after_click):
        try:
            callback()
        except (StoreError, sqlite3.Error):
            continue


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
        _after_click.clear()


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
            panel = app(*args, **kwargs)
        except StoreError as exc:
            return cast(T, store_problem_panel(str(exc)))
        except sqlite3.Error as exc:  # a read that went to the connection directly
            return cast(T, store_problem_panel(unavailable_message(exc)))
        guard_buttons(panel)
        return panel

    return guarded


def _problem_text(exc: BaseException) -> str | None:
    if isinstance(exc, StoreError):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        return unavailable_message(exc)
    return None


class _GuardedClick:
    """A button's click handler that shows a store problem on its panel instead of raising.

    Compares equal to the handler it wraps, so ``on_click(handler, remove=True)`` still works.
    """

    def __init__(self, handler: Callable[..., object], show: Callable[[str, str], None]) -> None:
        self.handler = handler
        self.show = show

    def __call__(self, *args: object, **kwargs: object) -> object:
        repairs = _store.repairs if _store is not None else 0
        try:
            result = self.handler(*args, **kwargs)
        except (StoreError, sqlite3.Error) as exc:
            self.show(_problem_text(exc) or str(exc), "error")
            return None
        if _store is not None and _store.repairs > repairs:
            self.show(REPAIRED_NOTE, "info")
        clicked()
        return result

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _GuardedClick):
            return bool(other.handler == self.handler)
        return bool(other == self.handler)

    def __hash__(self) -> int:
        return hash(self.handler)


def _walk(widget: object) -> list[object]:
    found = [widget]
    for child in getattr(widget, "children", ()) or ():
        found += _walk(child)
    return found


def guard_buttons(panel: object) -> None:
    """Make every button on ``panel`` show a store problem (busy, read-only, damaged) at the
    top of the panel, in plain words, instead of a traceback in the notebook."""
    if not isinstance(panel, w.Box):
        return

    def show(message: str, kind: str) -> None:
        box = w.HTML(notice(message, kind=kind)).add_class("nr-store-problem")
        kept = [
            c for c in panel.children if "nr-store-problem" not in getattr(c, "_dom_classes", ())
        ]
        panel.children = (box, *kept)

    for widget in _walk(panel):
        if isinstance(widget, w.Button):
            dispatcher = widget._click_handlers
            dispatcher.callbacks = [
                cb if isinstance(cb, _GuardedClick) else _GuardedClick(cb, show)
                for cb in dispatcher.callbacks
            ]
