"""The check-in widget: how are you feeling today? Saved privately and shown back."""

from __future__ import annotations

import ipywidgets as w

from nextround import checkin
from nextround.checkin import MOODS, Moment
from nextround.store import Store
from nextround.widgets._html import esc, notice, prose
from nextround.widgets._session import get_store

QUESTIONS: dict[str, str] = {
    "start": "How are you feeling today?",
    "end": "How are you feeling now, at the end?",
    "anytime": "How are you feeling right now?",
}


class CheckinWidget:
    """A mood scale, an optional note and a save button; the answer is stored and echoed."""

    def __init__(self, store: Store | None = None, moment: Moment = "start") -> None:
        self.store = store if store is not None else get_store()
        self.moment: Moment = moment
        self.mood = w.ToggleButtons(
            options=[(f"{n} · {word}", n) for n, (word, _) in MOODS.items()],
            value=None,
            description="",
            style={"button_width": "110px"},
        )
        self.note = w.Textarea(
            placeholder="Anything you'd like to note? (optional; only you can see it)",
            layout=w.Layout(width="100%", max_width="640px", height="70px"),
        )
        self.save = w.Button(description="Save my check-in", button_style="primary", icon="check")
        self.result = w.HTML()
        self.save.on_click(self._on_save)
        previous = checkin.latest(self.store, moment)
        intro = f"<h4>{esc(QUESTIONS[moment])}</h4>"
        if previous is not None:
            intro += (
                f"<p>Last time ({previous.created_at:%d %b %Y}) you said "
                f"<b>{esc(previous.word)}</b>.</p>"
            )
        self.widget = w.VBox([w.HTML(intro), self.mood, self.note, self.save, self.result])

    def _on_save(self, _button: w.Button | None = None) -> None:
        if self.mood.value is None:
            self.result.value = notice(
                "Pick a number from 1 (low) to 5 (good) first.", kind="warning"
            )
            return
        try:
            entry = checkin.record(self.store, self.mood.value, self.note.value, self.moment)
        except checkin.CheckinError as exc:
            self.result.value = notice(str(exc), kind="error")
            return
        shown = notice(f"Saved. You said: {entry.word}. {entry.response}", kind="success")
        if entry.note:
            shown += "<p><b>Your note:</b></p>" + prose(entry.note)
        self.result.value = shown


def checkin_app(moment: Moment = "start") -> w.VBox:
    """Show the check-in in a notebook (the one line a module's code cell calls)."""
    return CheckinWidget(moment=moment).widget


def checkout_app() -> w.VBox:
    """The end-of-session check-in."""
    return CheckinWidget(moment="end").widget


def data_location_app() -> w.HTML:
    """Say where this learner's notes are kept, and that only they can read them."""
    store = get_store()
    mode = store.path.stat().st_mode & 0o777
    private = "only you can read it" if not mode & 0o077 else "other users may be able to read it"
    return w.HTML(
        "<p>Your notes are kept in one file on this computer:</p>"
        f"<p><code>{esc(str(store.path))}</code></p>"
        f"<p>It is private ({esc(private)}). Nothing is sent anywhere: you choose what to "
        "download or share.</p>"
    )
