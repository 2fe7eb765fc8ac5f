"""The debrief journal's widgets: the form, the table of past interviews, and the patterns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import ipywidgets as w

from nextround import insights as insights_mod
from nextround.journal import (
    REPAIRED_NOTE,
    Entry,
    EntrySummary,
    Journal,
    JournalError,
    QuestionNote,
    Signal,
    example_journal,
    guide,
    split_list,
)
from nextround.store import MEMORY, Store
from nextround.widgets._html import bullet_list, esc, notice
from nextround.widgets._session import get_store
from nextround.widgets.charts import insights_html


def _full() -> w.Layout:
    """A fresh full-width layout (a shared Layout would tie the widgets' visibility together)."""
    return w.Layout(width="100%", max_width="720px")


RATING_OPTIONS = [("Not rated", 0), ("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5)]
EXAMPLE_BANNER = notice(
    "EXAMPLE: these are the made-up interviews of a fictional job seeker, Dana Okoro. "
    "They are kept in memory only and never mixed with your own journal.",
    kind="warning",
)

#: Yes / Partly / No, capitalised the same way as Module 3's self-audit.
AUDIT_OPTIONS = [("Yes", "yes"), ("Partly", "partly"), ("No", "no")]
#: The first choice in the list of past interviews: a prompt, not an empty box.
PICK_PROMPT = "Pick an interview…"

# Journal apps in one kernel tell each other when entries change, so the patterns refresh.
_listeners: list[Callable[[], None]] = []


def _changed() -> None:
    for listener in list(_listeners):
        listener()


def _text(description: str, placeholder: str = "", *, area: bool = False) -> Any:
    cls = w.Textarea if area else w.Text
    return cls(
        description=description,
        placeholder=placeholder,
        layout=_full(),
        style={"description_width": "150px"},
    )


class JournalWidget:
    """Log an interview; see past interviews; pick one to edit when the outcome arrives."""

    def __init__(self, journal: Journal | None = None) -> None:
        self.journal = journal if journal is not None else Journal(get_store())
        self.editing: Entry | None = None
        self.questions: list[QuestionNote] = []
        self.signals: list[Signal] = []
        self._build()
        self.refresh_table()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:  # noqa: PLR0915 -- the form, top to bottom, in one place
        g = guide()
        self.company = _text("Company", "e.g. Harbourline Logistics")
        self.role = _text("Role", "e.g. Operations Coordinator")
        self.when = w.DatePicker(description="Date", value=date.today())
        self.stage = w.Dropdown(description="Stage", options=[(v, k) for k, v in g.stages.items()])
        self.interviewers = _text("Interviewers", "Their roles, e.g. Team leader, HR adviser")
        self.q_text = _text("Question", "A question they asked")
        self.q_answer = _text("Your answer", "How you answered, in a line or two", area=True)
        self.q_rating = w.ToggleButtons(options=RATING_OPTIONS, value=0, description="How it went")
        self.q_notes = _text("Notes", "What worked, what didn't")
        self.q_add = w.Button(description="Add this question", icon="plus")
        self.q_message = w.HTML()
        self.q_list = w.HTML()
        self.s_kind = w.Dropdown(
            description="Signal", options=[(v, k) for k, v in g.signal_kinds.items()]
        )
        self.s_reading = w.ToggleButtons(
            options=[(v, k) for k, v in g.readings.items()], value=None, description="How it read"
        )
        self.s_note = _text("What you saw", "e.g. The manager leaned in during my example")
        self.s_add = w.Button(description="Add this signal", icon="plus")
        self.s_message = w.HTML()
        self.s_list = w.HTML()
        self.liked = _text("They liked", g.prompts["liked"], area=True)
        self.nerves = _text("Nervous about", g.prompts["nerves"], area=True)
        self.nerves_level = w.ToggleButtons(
            options=RATING_OPTIONS, value=0, description="How nervous"
        )
        self.went_well = _text("What went well", g.prompts["went_well"], area=True)
        self.well_themes = {k: w.Checkbox(description=v, indent=False) for k, v in g.themes.items()}
        self.improve_themes = {
            k: w.Checkbox(description=v, indent=False) for k, v in g.themes.items()
        }
        self.differently = _text("What I would do differently", g.prompts["differently"], area=True)
        self.process = _text(
            "What their process taught me", g.prompts["process_learned"], area=True
        )
        self.audit = {
            k: w.ToggleButtons(options=AUDIT_OPTIONS, value=None, description="") for k in g.audit
        }
        self.outcome = w.Dropdown(
            description="Outcome", options=[(v, k) for k, v in g.outcomes.items()]
        )
        self.feedback = _text("Feedback", g.prompts["feedback"], area=True)
        self.save = w.Button(description="Save entry", button_style="primary", icon="save")
        self.new = w.Button(description="Start a new entry", icon="file")
        self.message = w.HTML()
        self.table = w.HTML()
        self.pick = w.Dropdown(
            description="Interview to open or delete",
            options=[(PICK_PROMPT, "")],
            value="",
            layout=_full(),
            style={"description_width": "initial"},
        )
        self.load = w.Button(description="Open for editing", icon="pencil")
        self.remove = w.Button(description="Delete this entry…", icon="trash")
        self.pick_message = w.HTML()
        self.remove_yes = w.Button(description="Yes, delete it", button_style="danger")
        self.remove_no = w.Button(description="No, keep it")
        self.remove_confirm = w.HBox([self.remove_yes, self.remove_no], layout=_wrap())
        self.remove_confirm.layout.display = "none"
        self.remove.on_click(self._on_remove)
        self.remove_yes.on_click(self._on_remove_confirmed)
        self.remove_no.on_click(self._on_remove_cancelled)
        self.q_add.on_click(self._on_add_question)
        self.s_add.on_click(self._on_add_signal)
        self.save.on_click(self._on_save)
        self.new.on_click(lambda _b: self.clear())
        self.load.on_click(self._on_load)
        self.heading = w.HTML()
        self.widget = w.VBox(
            [
                self.heading,
                self.company,
                self.role,
                w.HBox([self.when, self.stage]),
                self.interviewers,
                w.HTML(
                    f"<h4>Questions</h4><p>{esc(g.prompts['questions'])}</p><p class='nr-hint'>"
                    "Press <b>Add this question</b> after each one to start the next. A question "
                    "still in the boxes when you save the entry is added for you.</p>"
                ),
                self.q_text,
                self.q_answer,
                self.q_rating,
                self.q_notes,
                self.q_add,
                self.q_message,
                self.q_list,
                w.HTML(
                    f"<h4>Their signals</h4><p>{esc(g.prompts['signals'])}</p><p class='nr-hint'>"
                    "Press <b>Add this signal</b> after each one. A signal still in the boxes "
                    "when you save the entry is added for you.</p>"
                ),
                w.HBox([self.s_kind, self.s_reading], layout=_wrap()),
                self.s_note,
                self.s_add,
                self.s_message,
                self.s_list,
                w.HTML("<h4>Looking back</h4>"),
                self.liked,
                self.nerves,
                self.nerves_level,
                self.went_well,
                w.HTML("<b>Themes that went well</b>"),
                w.GridBox(list(self.well_themes.values()), layout=_grid()),
                w.HTML("<b>Themes to work on</b>"),
                w.GridBox(list(self.improve_themes.values()), layout=_grid()),
                self.differently,
                self.process,
                w.HTML("<h4>Self-audit</h4>"),
                *[
                    w.HBox(
                        [
                            w.HTML(esc(q), layout=w.Layout(width="100%", max_width="420px")),
                            self.audit[k],
                        ],
                        layout=_wrap(),
                    )
                    for k, q in guide().audit.items()
                ],
                w.HTML("<h4>Outcome and feedback</h4>"),
                self.outcome,
                self.feedback,
                w.HBox([self.save, self.new], layout=_wrap()),
                self.message,
                w.HTML("<h4>Your past interviews</h4>"),
                self.table,
                w.HBox([self.pick, self.load, self.remove], layout=_wrap()),
                self.pick_message,
                self.remove_confirm,
            ]
        )
        self._set_heading()

    # -- callbacks -----------------------------------------------------------------------

    def _on_add_question(self, _button: object = None) -> None:
        note = self._pending_question()
        if note is None:
            self.q_message.value = notice("Type the question first, then add it.", kind="warning")
            return
        self.questions.append(note)
        self._clear_question()
        self.q_message.value = ""
        self._show_lists()

    def _on_add_signal(self, _button: object = None) -> None:
        if self.s_reading.value is None:
            self.s_message.value = notice(
                "Pick how the signal read to you (positive, neutral or worrying), then add it.",
                kind="warning",
            )
            return
        self.signals.append(Signal(self.s_kind.value, self.s_reading.value, self.s_note.value))
        self.s_note.value = ""
        self.s_reading.value = None
        self.s_message.value = ""
        self._show_lists()

    def _pending_question(self) -> QuestionNote | None:
        """The question still in the boxes, or None if the question box is empty."""
        if not self.q_text.value.strip():
            return None
        rating = self.q_rating.value or None
        return QuestionNote(self.q_text.value, self.q_answer.value, rating, self.q_notes.value)

    def _pending_signal(self) -> Signal | None:
        """The signal still in the boxes (its reading picked), or None."""
        if self.s_reading.value is None:
            return None
        return Signal(self.s_kind.value, self.s_reading.value, self.s_note.value)

    def _clear_question(self) -> None:
        self.q_text.value = self.q_answer.value = self.q_notes.value = ""
        self.q_rating.value = 0

    def _on_save(self, _button: object = None) -> None:
        if self.journal.is_example:
            self.message.value = notice("This is the example journal: it cannot be changed.")
            return
        if self.s_note.value.strip() and self.s_reading.value is None:
            self.message.value = notice(
                "Not saved yet. You wrote a signal but did not pick how it read: pick positive, "
                "neutral or worrying under Their signals, or empty the box.",
                kind="warning",
            )
            return
        try:
            entry = self.entry_from_form()
            saved = self.journal.update(entry) if entry.id else self.journal.add(entry)
        except JournalError as exc:
            self.message.value = notice("Not saved yet. " + " ".join(exc.problems), kind="error")
            return
        # What was still in the boxes is now part of the entry: show it in the lists.
        self.questions, self.signals = list(saved.questions), list(saved.signals)
        self._clear_question()
        self.s_note.value = ""
        self.s_reading.value = None
        self._show_lists()
        self.editing = saved
        repaired = f" {REPAIRED_NOTE}" if saved.repaired else ""
        self.message.value = notice(f"Saved: {saved.title}.{repaired}", kind="success")
        self._set_heading()
        self.refresh_table()
        _changed()

    def _on_load(self, _button: object = None) -> None:
        if not self.pick.value:
            self.pick_message.value = notice(
                "Pick an interview from the list first, then press Open for editing."
                if len(self.pick.options) > 1
                else "There are no saved interviews to open yet.",
                kind="warning",
            )
            return
        self.pick_message.value = ""
        self.fill(self.journal.get(self.pick.value))

    def _on_remove(self, _button: object = None) -> None:
        if not self.pick.value:
            self.pick_message.value = notice(
                "Pick an interview from the list first, then press Delete this entry.",
                kind="warning",
            )
            return
        if self.journal.is_example:
            self.pick_message.value = notice("This is the example journal: it cannot be changed.")
            return
        title = {v: k for k, v in self.pick.options}[self.pick.value]
        self.pick_message.value = notice(
            f"Delete {title}? Its questions and notes go too. This cannot be undone.",
            kind="error",
        )
        self.remove_confirm.layout.display = None

    def _on_remove_cancelled(self, _button: object = None) -> None:
        self.remove_confirm.layout.display = "none"
        self.pick_message.value = notice("Nothing was deleted.")

    def _on_remove_confirmed(self, _button: object = None) -> None:
        entry_id = self.pick.value
        self.remove_confirm.layout.display = "none"
        if not entry_id:
            return
        title = self.journal.get(entry_id).title
        self.journal.delete(entry_id)
        if self.editing is not None and self.editing.id == entry_id:
            self.clear()
        self.refresh_table()
        self.pick_message.value = notice(f"Deleted: {title}.", kind="success")
        _changed()

    # -- model <-> controls ----------------------------------------------------------------

    def entry_from_form(self) -> Entry:
        """The entry the form describes (not yet validated or saved)."""
        question, signal = self._pending_question(), self._pending_signal()
        pending = self.questions + ([question] if question else [])
        signals = self.signals + ([signal] if signal else [])
        return Entry(
            company=self.company.value,
            role=self.role.value,
            interview_date=self.when.value,
            stage=self.stage.value,
            interviewers=split_list(self.interviewers.value),
            questions=tuple(pending),
            signals=tuple(signals),
            liked=self.liked.value,
            nerves=self.nerves.value,
            nerves_level=self.nerves_level.value or None,
            went_well=self.went_well.value,
            went_well_themes=tuple(k for k, box in self.well_themes.items() if box.value),
            to_improve_themes=tuple(k for k, box in self.improve_themes.items() if box.value),
            differently=self.differently.value,
            process_learned=self.process.value,
            audit={k: t.value for k, t in self.audit.items() if t.value},
            outcome=self.outcome.value,
            feedback=self.feedback.value,
            id=self.editing.id if self.editing else None,
        )

    def fill(self, entry: Entry) -> None:
        """Put a saved entry into the form for editing."""
        self.editing = entry
        self.company.value, self.role.value = entry.company, entry.role
        self.when.value, self.stage.value = entry.interview_date, entry.stage
        self.interviewers.value = ", ".join(entry.interviewers)
        self.questions, self.signals = list(entry.questions), list(entry.signals)
        self._clear_question()
        self.s_note.value, self.s_reading.value = "", None
        self.q_message.value = self.s_message.value = ""
        self.liked.value, self.nerves.value = entry.liked, entry.nerves
        self.nerves_level.value = entry.nerves_level or 0
        self.went_well.value, self.differently.value = entry.went_well, entry.differently
        self.process.value, self.feedback.value = entry.process_learned, entry.feedback
        for key, box in self.well_themes.items():
            box.value = key in entry.went_well_themes
        for key, box in self.improve_themes.items():
            box.value = key in entry.to_improve_themes
        for key, toggle in self.audit.items():
            toggle.value = entry.audit.get(key)
        self.outcome.value = entry.outcome
        self.message.value = notice(f"Editing: {entry.title}. Change anything, then save.")
        self._set_heading()
        self._show_lists()

    def clear(self) -> None:
        """Empty the form for a new interview."""
        blank = Entry(company="", role="", interview_date=date.today())
        self.fill(blank)
        self.editing = None
        self.message.value = ""
        self._set_heading()

    def _set_heading(self) -> None:
        banner = ""
        title = f"Editing: {esc(self.editing.title)}" if self.editing else "New debrief"
        self.heading.value = f"{banner}<h3>{title}</h3>"
        self.save.description = "Save changes" if self.editing else "Save entry"

    def _show_lists(self) -> None:
        self.q_list.value = bullet_list(
            f"{n}. {q.question}" + (f" (went {q.rating}/5)" if q.rating else "")
            for n, q in enumerate(self.questions, 1)
        )
        names = guide()
        self.s_list.value = bullet_list(
            f"{names.signal_kinds[s.kind]}: {names.readings[s.reading].lower()}"
            + (f" ({s.note})" if s.note else "")
            for s in self.signals
        )

    def refresh_table(self) -> None:
        """Redraw the table of past interviews and the list to pick one from."""
        entries = self.journal.overview()
        self.table.value = entries_table(entries)
        self.pick.options = [(PICK_PROMPT, ""), *[(e.title, e.id) for e in entries]]
        self.pick.value = ""


def _wrap() -> w.Layout:
    return w.Layout(flex_flow="row wrap", align_items="center")


def _grid() -> w.Layout:
    return w.Layout(
        grid_template_columns="repeat(auto-fill, minmax(260px, 1fr))", max_width="720px"
    )


def entries_table(entries: Sequence[Entry | EntrySummary]) -> str:
    """An HTML table of interviews, newest first, every cell escaped."""
    if not entries:
        return "<p><i>No interviews logged yet. Your first debrief will appear here.</i></p>"
    g = guide()
    rows = "".join(
        "<tr>"
        f"<td>{e.interview_date:%d %b %Y}</td><td>{esc(e.company)}</td><td>{esc(e.role)}</td>"
        f"<td>{esc(g.stages.get(e.stage, e.stage))}</td>"
        f"<td>{e.question_count if isinstance(e, EntrySummary) else len(e.questions)}</td>"
        f"<td>{e.nerves_level or '–'}</td>"
        f"<td>{esc(g.outcomes.get(e.outcome, e.outcome))}</td>"
        "</tr>"
        for e in entries
    )
    head = "".join(
        f"<th style='text-align:left;padding-right:12px'>{h}</th>"
        for h in ("Date", "Company", "Role", "Stage", "Questions", "Nerves", "Outcome")
    )
    return (
        f'<table class="nr-journal-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


class InsightsWidget:
    """What your interviews say: a written summary and charts, mine or the example's."""

    def __init__(self, journal: Journal | None = None) -> None:
        self.own = journal
        self.source = w.ToggleButtons(
            options=[("My journal", "mine"), ("Example: Dana's six interviews", "example")],
            value="mine",
            style={"button_width": "240px"},
        )
        self.summary = w.HTML()
        self.chart = w.HTML()
        self.source.observe(lambda _change: self.refresh(), names="value")
        self.widget = w.VBox([self.source, self.summary, self.chart])
        _listeners.append(self.refresh)
        self.refresh()

    @property
    def journal(self) -> Journal:
        """The journal being looked at."""
        if self.source.value == "example":
            return example_journal()
        return self.own if self.own is not None else Journal(get_store())

    def refresh(self) -> None:
        """Recompute the patterns and redraw."""
        journal = self.journal
        found = insights_mod.analyse(journal.entries())
        banner = EXAMPLE_BANNER if journal.is_example else ""
        self.summary.value = banner + bullet_list(found.summary())
        self.chart.value = insights_html(found) if found.enough else ""


PRACTICE_BANNER = notice(
    "PRACTICE: this journal is for the exercise only. It lives in memory and is forgotten "
    "when you close the page; your own journal is not touched.",
    kind="warning",
)


def journal_app(*, practice: bool = False) -> w.VBox:
    """The debrief form and the table of past interviews (a throwaway one with ``practice``)."""
    if practice:
        app = JournalWidget(Journal(Store(MEMORY)))
        return w.VBox([w.HTML(PRACTICE_BANNER), app.widget])
    return JournalWidget().widget


def journal_insights_app() -> w.VBox:
    """What your interviews say."""
    return InsightsWidget().widget


__all__ = [
    "InsightsWidget",
    "JournalWidget",
    "entries_table",
    "journal_app",
    "journal_insights_app",
]
