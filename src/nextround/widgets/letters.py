"""The letter studio (modules 4 and 5): draft, check as you type, take the letter away."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

import ipywidgets as w

from nextround import checkin, items
from nextround.export import FORMATS, export_bytes, suggest_filename, suggest_subject
from nextround.journal import Journal
from nextround.letters import (
    KIND_TITLES,
    TONES,
    LetterDetails,
    LetterDetailsError,
    LetterKind,
    LetterReport,
    check_letter,
    draft_letter,
)
from nextround.store import Store
from nextround.widgets._download import download_link
from nextround.widgets._html import bullet_list, esc, highlight, notice, side_by_side, verdict_row
from nextround.widgets._session import get_store

#: The same label width for every control, so the form lines up.
LABEL = {"description_width": "140px"}
#: How many lines the letter box shows: a whole short letter, without scrolling.
LETTER_ROWS = 14
COOL_DOWN_TONE = (
    "Sleep on it. Parts of this draft sound upset, which is completely understandable. Save it, "
    "and read it again tomorrow before you send anything."
)
COOL_DOWN_TODAY = (
    "Sleep on it. You said today is a hard day. Save the draft, and read it again tomorrow "
    "before you send anything."
)
DRAFT_KIND = "letter_draft"
FIELDS = {
    "your_name": ("Your name", "e.g. Dana Okoro"),
    "contact_name": ("Their name", "e.g. Priya Shah"),
    "contact_role": ("Their role", "e.g. Hiring manager"),
    "company": ("Company", "e.g. Harbourline Logistics"),
    "role": ("Role", "e.g. Operations Coordinator"),
    "impressed_by": (
        "What impressed you",
        "a moment or thing about them, e.g. the tour of the depot",
    ),
    "heard_how": ("How you heard", "e.g. by email, on the phone"),
    "since_then": ("Since you met", "optional, e.g. I finished a food hygiene course"),
}


def empty_checklist_html(report: LetterReport) -> str:
    """Before anything is written: what the checklist will look for, with no verdicts."""
    rows = [
        verdict_row("nr-check", {"check": r.check}, None, r.title, "", mark=("○", "#555"))
        for r in report.checks
    ]
    return (
        "<p class='nr-hint'>When you write or draft your letter, each point below is checked "
        f'as you type.</p><table class="nr-checklist nr-checklist-empty">{"".join(rows)}</table>'
    )


def draft_label(item: items.Item) -> str:
    """How a saved draft is listed: kind, who it is to, where, and when it was saved."""
    body = item.body
    details = body.get("details", {})
    kind = KIND_TITLES.get(body.get("kind", ""), "Letter")
    who = str(details.get("contact_name", "")).strip()
    company = str(details.get("company", "")).strip()
    whom = ", ".join(part for part in (who, company) if part) or "no name yet"
    return f"{kind}: {whom} (saved {item.updated_at.astimezone():%d %b %Y, %H:%M})"


def upset_today(store: Store) -> bool:
    """Whether the learner's latest check-in was made today and was low or shaky."""
    latest = checkin.latest(store)
    if latest is None or not latest.upset:
        return False
    return latest.created_at.astimezone().date() == datetime.now(UTC).astimezone().date()


def checklist_html(report: LetterReport) -> str:
    """The checklist: each check's verdict, its message and the words behind it, escaped."""
    rows = [
        verdict_row(
            "nr-check",
            {"check": r.check},
            r.passed,
            r.title,
            r.message,
            evidence=r.evidence if r.passed is False else (),
            evidence_label="Words",
        )
        for r in report.checks
    ]
    return f'<table class="nr-checklist">{"".join(rows)}</table>'


class LetterStudioWidget:
    """Pick a kind, fill a short form (or pull it from the journal), draft, edit, check, save."""

    def __init__(
        self, kind: LetterKind = "thank_you", text: str = "", store: Store | None = None
    ) -> None:
        self.store = store if store is not None else get_store()
        self.kind = w.Dropdown(
            options=[(v, k) for k, v in KIND_TITLES.items()],
            value=kind,
            description="Letter",
            style=LABEL,
        )
        self.tone = w.ToggleButtons(
            options=[t.capitalize() for t in TONES], value="Warm", description="Tone", style=LABEL
        )
        self.fields = {
            name: w.Text(
                description=label,
                placeholder=hint,
                style=LABEL,
                layout=w.Layout(width="100%", max_width="560px"),
            )
            for name, (label, hint) in FIELDS.items()
            if name in {f.name for f in fields(LetterDetails)}
        }
        self.journal_pick = w.Dropdown(
            description="From journal",
            options=[("—", None)],
            layout=w.Layout(width="100%", max_width="560px"),
            style=LABEL,
        )
        self.draft = w.Button(description="Write a draft", button_style="info", icon="pencil")
        self.text = w.Textarea(
            value=text,
            description="Your letter",
            style={"description_width": "initial"},
            placeholder="Your letter. Write a draft with the button above, or type your own.",
            continuous_update=True,
            rows=LETTER_ROWS,
            layout=w.Layout(width="100%", max_width="760px"),
        )
        self.cooldown = w.HTML()
        self.marked = w.HTML()
        self.checklist = w.HTML()
        self.checklist.add_class("nr-studio-checklist")
        self.save = w.Button(description="Save draft", icon="save")
        self.new_letter = w.Button(description="Start a new letter", icon="file")
        self.editing: int | None = None
        self.saved_pick = w.Dropdown(
            description="Saved drafts",
            options=[("No saved drafts yet", 0)],
            value=0,
            layout=w.Layout(width="100%", max_width="640px"),
            style=LABEL,
        )
        self.open_draft = w.Button(description="Open this draft", icon="folder-open")
        self.copy_draft = w.Button(description="Duplicate", icon="copy")
        self.delete_draft = w.Button(description="Delete…", icon="trash")
        self.drafts_message = w.HTML()
        self.delete_yes = w.Button(description="Yes, delete it", button_style="danger")
        self.delete_no = w.Button(description="No, keep it")
        self.delete_confirm = w.HBox([self.delete_yes, self.delete_no], layout=_wrap())
        self.delete_confirm.layout.display = "none"
        self.open_draft.on_click(self._on_open)
        self.copy_draft.on_click(self._on_duplicate)
        self.delete_draft.on_click(self._on_delete)
        self.delete_yes.on_click(self._on_delete_confirmed)
        self.delete_no.on_click(self._on_delete_cancelled)
        self.new_letter.on_click(self._on_new)
        self.prepare = w.Button(description="Prepare files to take away", icon="download")
        self.message = w.HTML()
        self.downloads = w.HTML()
        self.draft.on_click(self._on_draft)
        self.save.on_click(self._on_save)
        self.prepare.on_click(self._on_prepare)
        self.journal_pick.observe(self._on_journal, names="value")
        for control in (self.text, self.kind):
            control.observe(lambda _c: self.refresh(), names="value")
        self._load_journal_options()
        self.route_note = w.HTML()
        self.widget = w.VBox(
            [
                w.HTML("<h4>Your saved drafts</h4>"),
                self.saved_pick,
                w.HBox([self.open_draft, self.copy_draft, self.delete_draft], layout=_wrap()),
                self.drafts_message,
                self.delete_confirm,
                w.HTML("<h4>Write a letter</h4>"),
                self.kind,
                self.route_note,
                self.journal_pick,
                *self.fields.values(),
                self.tone,
                self.draft,
                self.text,
                self.cooldown,
                w.HTML("<h4>Checklist</h4>"),
                self.checklist,
                self.marked,
                w.HBox([self.save, self.prepare, self.new_letter], layout=_wrap()),
                self.message,
                self.downloads,
            ]
        )
        self._load_drafts()
        self.refresh()

    @property
    def letter_kind(self) -> LetterKind:
        """The kind of letter being written."""
        kind: LetterKind = self.kind.value
        return kind

    @property
    def route(self) -> str | None:
        """How the learner chose to ask for feedback in Module 4 ("email" or "call"), if saved."""
        saved = items.latest(self.store, "feedback_route")
        choice = saved.body.get("choice") if saved is not None else None
        return str(choice) if choice in {"email", "call"} else None

    def details(self) -> LetterDetails:
        """The details typed into the form (raises LetterDetailsError with every problem)."""
        values: dict[str, Any] = {name: box.value for name, box in self.fields.items()}
        # The letter engine gains a ``route`` detail (email first, or after an unanswered call).
        if self.route and "route" in {f.name for f in fields(LetterDetails)}:
            values["route"] = self.route
        return LetterDetails(**values)

    def _details_or_none(self) -> LetterDetails | None:
        try:
            return self.details()
        except LetterDetailsError:
            return None

    def _load_journal_options(self) -> None:
        entries = Journal(self.store).overview()
        self.journal_pick.options = [("—", None)] + [(e.title, e.id) for e in entries]

    def _on_journal(self, change: dict[str, Any]) -> None:
        if change["new"] is None:
            return
        entry = Journal(self.store).get(change["new"])
        self.fields["company"].value = entry.company
        self.fields["role"].value = entry.role
        if entry.interviewers:
            self.fields["contact_role"].value = entry.interviewers[0]

    def _on_draft(self, _button: object = None) -> None:
        try:
            details = self.details()
        except LetterDetailsError as exc:
            self.message.value = notice(
                "To write a draft: " + " ".join(exc.problems), kind="warning"
            )
            return
        self.text.value = draft_letter(self.letter_kind, details, tone=self.tone.value.lower())
        self.message.value = notice(
            "Here is a draft. Make it yours: edit anything above.", kind="success"
        )

    def refresh(self) -> None:
        """Re-check the letter and redraw the checklist (called as the learner types)."""
        report = check_letter(self.text.value, self.letter_kind, details=self._details_or_none())
        written = bool(self.text.value.strip())
        self.checklist.value = checklist_html(report) if written else empty_checklist_html(report)
        self.route_note.value = (
            notice(
                "In Module 4 you chose to phone first. This email is for after a call that "
                "was not answered, or to follow up what you agreed."
            )
            if self.letter_kind == "feedback_request" and self.route == "call"
            else ""
        )
        failing = [s for r in report.checks if r.passed is False for s in r.evidence]
        self.marked.value = (
            highlight(self.text.value, failing, title="Look at this again") if failing else ""
        )
        self.downloads.value = ""
        angry = report.check("tone").passed is False
        if not written:
            self.cooldown.value = ""
        elif angry:
            self.cooldown.value = notice(COOL_DOWN_TONE, kind="warning")
        elif upset_today(self.store):
            self.cooldown.value = notice(COOL_DOWN_TODAY, kind="warning")
        else:
            self.cooldown.value = ""

    def _on_save(self, _button: object = None) -> None:
        if not self.text.value.strip():
            self.message.value = notice("There is nothing to save yet.", kind="warning")
            return
        saved = items.save(
            self.store, DRAFT_KIND, self._title(), self._body(), item_id=self.editing
        )
        self.editing = saved.id
        self.save.description = "Save changes"
        self._load_drafts()
        self.message.value = notice(
            f"Saved: {draft_label(saved)}. Find it under Your saved drafts at the top. "
            "Nothing has been sent.",
            kind="success",
        )

    def _title(self) -> str:
        company = self.fields["company"].value.strip() or "no company yet"
        return f"{KIND_TITLES[self.letter_kind]}: {company}"

    def _body(self) -> dict[str, Any]:
        return {
            "kind": self.letter_kind,
            "tone": self.tone.value,
            "text": self.text.value,
            "details": {k: b.value for k, b in self.fields.items()},
        }

    def _load_drafts(self) -> None:
        drafts = items.of_kind(self.store, DRAFT_KIND)
        # 0, not None, for "nothing picked": a Dropdown shows None as an empty box.
        self.saved_pick.options = (
            [("Pick a draft…", 0), *[(draft_label(i), i.id) for i in drafts]]
            if drafts
            else [("No saved drafts yet", 0)]
        )
        ids = {i.id for i in drafts}
        self.saved_pick.value = self.editing if self.editing in ids else 0
        for button in (self.open_draft, self.copy_draft, self.delete_draft):
            button.disabled = not drafts

    def _picked(self) -> items.Item | None:
        item = items.get(self.store, self.saved_pick.value) if self.saved_pick.value else None
        if item is None:
            self.drafts_message.value = notice("Pick a draft from the list first.", kind="warning")
        return item

    def reopen(self, item: items.Item) -> None:
        """Put a saved draft back in the studio, to edit and save again."""
        body = item.body
        self.editing = item.id
        if body.get("kind") in KIND_TITLES:
            self.kind.value = body["kind"]
        if body.get("tone") in self.tone.options:
            self.tone.value = body["tone"]
        for name, box in self.fields.items():
            box.value = str(body.get("details", {}).get(name, ""))
        self.text.value = str(body.get("text", ""))
        self.save.description = "Save changes"
        self.message.value = ""

    def _on_open(self, _button: object = None) -> None:
        item = self._picked()
        if item is None:
            return
        self.reopen(item)
        self.drafts_message.value = notice(
            f"Opened: {draft_label(item)}. Edit it below, then press Save changes.",
            kind="success",
        )

    def _on_duplicate(self, _button: object = None) -> None:
        item = self._picked()
        if item is None:
            return
        copy = items.save(self.store, DRAFT_KIND, f"{item.title} (copy)", item.body)
        self._load_drafts()
        self.saved_pick.value = copy.id
        self.reopen(copy)
        self.drafts_message.value = notice(
            "Made a copy and opened it: your changes go to the copy; the original stays as it was.",
            kind="success",
        )

    def _on_delete(self, _button: object = None) -> None:
        item = self._picked()
        if item is None:
            return
        self.drafts_message.value = notice(
            f"Delete {draft_label(item)}? This cannot be undone.", kind="error"
        )
        self.delete_confirm.layout.display = None

    def _on_delete_cancelled(self, _button: object = None) -> None:
        self.delete_confirm.layout.display = "none"
        self.drafts_message.value = notice("Nothing was deleted.")

    def _on_delete_confirmed(self, _button: object = None) -> None:
        self.delete_confirm.layout.display = "none"
        item = items.get(self.store, self.saved_pick.value) if self.saved_pick.value else None
        if item is None:
            return
        items.delete(self.store, item.id)
        if self.editing == item.id:
            self.editing = None
            self.save.description = "Save draft"
        self._load_drafts()
        self.drafts_message.value = notice(f"Deleted: {draft_label(item)}.", kind="success")

    def _on_new(self, _button: object = None) -> None:
        self.editing = None
        self.text.value = ""
        for box in self.fields.values():
            box.value = ""
        self.save.description = "Save draft"
        self.message.value = notice("A fresh letter. Your saved drafts are kept above.")

    def _on_prepare(self, _button: object = None) -> None:
        text = self.text.value
        if not text.strip():
            self.message.value = notice("Write your letter first.", kind="warning")
            return
        details = self._details_or_none()
        subject = suggest_subject(self.letter_kind, details)
        links = [
            download_link(
                export_bytes(
                    fmt,
                    text,
                    title=subject,
                    to_name=details.contact_name if details else "",
                    from_name=details.your_name if details else "",
                ),
                suggest_filename(self.letter_kind, details, fmt),
                mime.split(";")[0],
                f"Download {suffix}",
            )
            for fmt, (suffix, mime) in FORMATS.items()
        ]
        self.downloads.value = (
            "<div>"
            + "".join(links)
            + "</div><small>The .eml file opens as a draft in your mail program; "
            "nothing is ever sent from here.</small>"
        )


@cache
def _call_plan() -> dict[str, Any]:
    text = resources.files("nextround").joinpath("data/call_plan.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


class CallPlanWidget:
    """Email or phone? Both views, the learner's choice, and the talking points for a call."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store if store is not None else get_store()
        plan = _call_plan()
        views = plan["views"]
        self.choice = w.ToggleButtons(
            options=[("I'll email first", "email"), ("I'll phone", "call")],
            value=None,
            description="My choice",
        )
        self.shown = w.HTML()
        self.choice.observe(lambda _c: self._show(), names="value")
        self.widget = w.VBox(
            [
                w.HTML(
                    f"<h4>Email first</h4><p>{esc(views['email_first'])}</p>"
                    f"<h4>Call first</h4><p>{esc(views['call_first'])}</p>"
                    f"<h4>Choosing</h4><p>{esc(views['choosing'])}</p>"
                ),
                self.choice,
                self.shown,
            ]
        )
        saved = items.latest(self.store, "feedback_route")
        if saved is not None:
            self.choice.value = saved.body.get("choice")

    def _show(self) -> None:
        if self.choice.value is None:
            self.shown.value = ""
            return
        items.put(
            self.store, "feedback_route", "How I'll ask for feedback", {"choice": self.choice.value}
        )
        plan = _call_plan()
        after = notice(plan["after_choice"][self.choice.value])
        if self.choice.value == "email":
            self.shown.value = after
            return
        points = [p["text"] for p in sorted(plan["talking_point"], key=lambda p: p["order"])]
        avoid = [f"{a['text']} Why: {a['why']}" for a in plan["avoid"]]
        self.shown.value = (
            after
            + "<h4>Your call plan</h4>"
            + bullet_list(points)
            + "<h4>What not to say</h4>"
            + bullet_list(avoid)
        )


@cache
def _worked_letters() -> tuple[dict[str, str], ...]:
    text = resources.files("nextround").joinpath("data/worked_letters.toml").read_text("utf-8")
    return tuple(tomllib.loads(text)["example"])


def _wrap() -> w.Layout:
    return w.Layout(flex_flow="row wrap", align_items="center")


def worked_letters_html(kind: LetterKind | None = None) -> str:
    """Each worked example (of one kind, or all): the poor letter and the repaired one, checked."""
    parts = []
    for example in _worked_letters():
        if kind is not None and example["kind"] != kind:
            continue
        letter_kind: LetterKind = example["kind"]  # type: ignore[assignment]
        columns = [
            (
                label,
                f"<pre style='white-space:pre-wrap'>{esc(text)}</pre>"
                + checklist_html(check_letter(text, letter_kind)),
            )
            for label, text in (
                ("A poor draft", example["poor"]),
                ("Repaired", example["repaired"]),
            )
        ]
        parts.append(
            f"<h4>{esc(KIND_TITLES[letter_kind])}</h4>{side_by_side(columns)}"
            f"<p><b>What changed:</b> {esc(example['what_changed'])}</p>"
        )
    return "".join(parts)


def letter_studio_app(kind: LetterKind = "thank_you", *, text: str = "") -> w.VBox:
    """The letter studio, starting on one kind of letter (and, for exercises, a given text).

    Below it, the worked examples: a poor letter of each kind, its checklist, and a repair.
    An exercise (which passes ``text``) shows the studio alone, so the answer stays hidden.
    """
    studio = LetterStudioWidget(kind, text).widget
    if text:
        return studio
    examples = w.Accordion(children=[w.HTML(worked_letters_html())], titles=("Worked examples",))
    examples.selected_index = None
    return w.VBox([studio, examples])


def call_plan_app() -> w.VBox:
    """Module 4: email or phone, and the talking points for a call."""
    return CallPlanWidget().widget
