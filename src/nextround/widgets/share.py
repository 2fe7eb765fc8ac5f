"""Sharing with the room, on a workshop hub only: a question that surprised you, your mood.

Nothing is sent without a click, and on any computer that is not a workshop hub nothing is
ever sent: the panels say so plainly and offer no share button. On a hub, a question is
shown back first (a preview, with possible names of people or companies marked), and only
the previewed text can be shared; the mood is shared as a number, never with a name.
"""

from __future__ import annotations

import ipywidgets as w

from nextround import checkin
from nextround.room import sharing
from nextround.room.sharing import RoomConnection, RoomUnavailableError, ShareError
from nextround.store import Store
from nextround.widgets._html import esc, highlight, notice
from nextround.widgets._session import get_store

NOT_ON_A_HUB = (
    "Sharing with the room is only for a workshop hub, where a facilitator runs the course "
    "for a group. Here, nothing you write leaves this computer."
)
NAMES_WARNING = (
    "Check the marked words. If any is the name of a person or a company, take it out before "
    "you share: the whole room may see this question on the projector."
)


class ShareQuestionWidget:
    """Write a question, see it as the room would, then share exactly that (or not at all)."""

    def __init__(self, connection: RoomConnection | None = None) -> None:
        self.connection = connection
        self.question = w.Textarea(
            description="A question that surprised you",
            placeholder="e.g. What would you do in your first ninety days?",
            layout=w.Layout(width="100%", max_width="640px", height="80px"),
            style={"description_width": "initial"},
        )
        self.preview = w.Button(description="Preview what the room will see", icon="eye")
        self.share = w.Button(
            description="Share this question", button_style="primary", icon="share"
        )
        self.share.layout.display = "none"
        self.result = w.HTML()
        self._previewed: str | None = None
        self.preview.on_click(self._on_preview)
        self.share.on_click(self._on_share)
        self.question.observe(self._on_edit, names="value")
        intro = (
            "<h4>Share a question that surprised you</h4>"
            "<p>The facilitator collects these for the mock interviews. Only the question "
            "is shared, without your name. Leave out names of people and companies.</p>"
        )
        self.widget = w.VBox(
            [w.HTML(intro), self.question, self.preview, self.result, self.share]
        ).add_class("nr-share-question")

    def _on_edit(self, _change: object) -> None:
        if self._previewed is not None:
            self._previewed = None
            self.share.layout.display = "none"
            self.result.value = ""

    def _on_preview(self, _button: w.Button | None = None) -> None:
        try:
            text = sharing.validate_question(self.question.value)
        except ShareError as exc:
            self.result.value = notice(str(exc), kind="warning")
            return
        names = sharing.possible_names(text)
        shown = "<p><b>The room will see:</b></p>" + highlight(text, names, title="Perhaps a name")
        if names:
            shown += notice(NAMES_WARNING, kind="warning")
        self._previewed = text
        self.result.value = shown
        self.share.layout.display = ""

    def _on_share(self, _button: w.Button | None = None) -> None:
        if self.connection is None or self._previewed is None:
            return
        try:
            self.connection.send("question", self._previewed)
        except RoomUnavailableError as exc:
            self.result.value += notice(str(exc), kind="error")
            return
        self.result.value = notice(
            f"Shared with the room, without your name: “{self._previewed}”", kind="success"
        )
        self._previewed = None
        self.share.layout.display = "none"
        self.question.value = ""


class ShareMoodWidget:
    """One button: share your latest check-in mood with the room, as a number, no name."""

    def __init__(self, connection: RoomConnection | None, store: Store | None = None) -> None:
        self.connection = connection
        self.store = store
        self.share = w.Button(description="Share my mood with the room", icon="share")
        self.result = w.HTML()
        self.share.on_click(self._on_share)
        intro = (
            "<h4>Share your mood with the room</h4>"
            "<p>You can add your check-in to the room's mood count. The facilitator sees "
            "only how many people chose each mood, once three or more have shared, never "
            "who. Your note is never shared.</p>"
        )
        self.widget = w.VBox([w.HTML(intro), self.share, self.result]).add_class("nr-share-mood")

    def _on_share(self, _button: w.Button | None = None) -> None:
        if self.connection is None:
            return
        store = self.store if self.store is not None else get_store()
        latest = checkin.latest(store)
        if latest is None:
            self.result.value = notice(
                "Save your check-in above first, then you can share it.", kind="warning"
            )
            return
        try:
            self.connection.send("mood", sharing.validate_mood(latest.mood))
        except (RoomUnavailableError, ShareError) as exc:
            self.result.value = notice(str(exc), kind="error")
            return
        self.result.value = notice(
            f"Shared: one more “{latest.word}” in the room's count. No name goes with it.",
            kind="success",
        )


def _not_on_a_hub(kind: str, title: str) -> w.VBox:
    heading = f"<h4>{esc(title)}</h4>"
    return w.VBox([w.HTML(heading + notice(NOT_ON_A_HUB, kind="info"))]).add_class(
        f"nr-share-{kind}"
    )


def share_question_app() -> w.VBox:
    """The "question that surprised me" panel; off a hub, only a sentence saying why not."""
    connection = sharing.room_connection()
    if connection is None:
        return _not_on_a_hub("question", "Share a question that surprised you")
    return ShareQuestionWidget(connection).widget


def share_mood_app() -> w.VBox:
    """The "share my mood" button under the check-in; off a hub, only a sentence saying why not."""
    connection = sharing.room_connection()
    if connection is None:
        return _not_on_a_hub("mood", "Share your mood with the room")
    return ShareMoodWidget(connection).widget
