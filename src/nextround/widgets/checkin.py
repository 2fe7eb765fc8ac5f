"""The check-in widget: how are you feeling today? Saved privately and shown back."""

from __future__ import annotations

import ipywidgets as w

from nextround import checkin, items
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
            description="A note (optional)",
            placeholder="e.g. Slept badly, but ready to start",
            layout=w.Layout(width="100%", max_width="640px", height="70px"),
            style={"description_width": "initial"},
        )
        self.save = w.Button(description="Save my check-in", button_style="primary", icon="check")
        self.result = w.HTML()
        self.save.on_click(self._on_save)
        previous = checkin.latest(self.store, moment)
        intro = f"<h4>{esc(QUESTIONS[moment])}</h4><p class='nr-hint'>Only you can see this.</p>"
        first = checkin.first_today(self.store) if moment == "end" else None
        if first is not None:
            intro += (
                f"<p>At {first.created_at.astimezone():%H:%M} today you said "
                f"<b>{esc(first.word)}</b> ({first.mood} of 5).</p>"
            )
        elif previous is not None:
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
        shown = notice(f"Saved. You said: {entry.word}. {checkin.reply(entry)}", kind="success")
        if self.moment == "end":
            first = checkin.first_today(self.store, before=entry)
            shown += notice(checkin.compare_with_start(first, entry))
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


FUTURE_NOTE = "future_note"


class FutureNoteWidget:
    """Module 8: a note to your future self, kept privately and shown when you come back."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store if store is not None else get_store()
        self.text = w.Textarea(
            description="My note",
            placeholder="e.g. You prepared well and you kept going. Read your plan, then rest.",
            layout=w.Layout(width="100%", max_width="640px", height="120px"),
            style={"description_width": "initial"},
        )
        self.save = w.Button(description="Save my note", button_style="primary", icon="save")
        self.result = w.HTML()
        self.save.on_click(self._on_save)
        saved = items.latest(self.store, FUTURE_NOTE)
        status = ""
        if saved is not None:
            self.text.value = str(saved.body.get("text", ""))
            status = (
                f"<p>Your note from {saved.updated_at.astimezone():%d %b %Y} is in the box. "
                "Change it and save again whenever you like.</p>"
            )
        self.widget = w.VBox(
            [
                w.HTML(
                    "<h4>A note to your future self</h4><p class='nr-hint'>To read after your "
                    "next interview. It is shown at the top of Start here the next time you "
                    f"open the course.</p>{status}"
                ),
                self.text,
                self.save,
                self.result,
            ]
        )
        self.widget.add_class("nr-future-note-panel")

    def _on_save(self, _button: object = None) -> None:
        if not self.text.value.strip():
            self.result.value = notice("Write your note first, then save it.", kind="warning")
            return
        items.put(self.store, FUTURE_NOTE, "A note to my future self", {"text": self.text.value})
        self.result.value = notice(
            "Saved. You will see it at the top of Start here next time you open the course.",
            kind="success",
        )


def welcome_back_html(store: Store) -> str:
    """The note the learner left their future self, if there is one (escaped)."""
    saved = items.latest(store, FUTURE_NOTE)
    if saved is None or not str(saved.body.get("text", "")).strip():
        return ""
    return (
        '<div class="nr-future-note" role="note" style="border-left:4px solid #1c4f82;'
        'padding:8px 12px;margin:8px 0;background:#e8f1fb">'
        f"<b>A note from you, written on {saved.updated_at.astimezone():%d %b %Y}</b>"
        f"{prose(str(saved.body['text']))}</div>"
    )


def future_note_app() -> w.VBox:
    """Module 8: write a note to your future self."""
    return FutureNoteWidget().widget


def welcome_back_app() -> w.HTML:
    """Start here: the note to your future self, shown when you come back (else nothing)."""
    return w.HTML(welcome_back_html(get_store()))
