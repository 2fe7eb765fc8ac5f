"""Module 7's widget: proposals from your evidence, your own actions, pick and date, take away."""

from __future__ import annotations

from datetime import date, timedelta

import ipywidgets as w

from nextround import items
from nextround.export import FORMATS, sections_docx
from nextround.journal import Journal, example_journal
from nextround.plan import (
    Evidence,
    Plan,
    PlanError,
    Proposal,
    make_plan,
    own_proposal,
    propose,
)
from nextround.reflection import SelfAudit
from nextround.store import Store
from nextround.widgets._download import download_link
from nextround.widgets._html import bullet_list, esc, notice
from nextround.widgets._session import get_store

OWN_LIMIT = 200


def evidence_from_store(store: Store) -> Evidence:
    """The learner's own evidence: journal, self-audit, practice results and saved feedback."""
    practice = [list(i.body.get("failed", [])) for i in items.of_kind(store, "practice")]
    feedback = [" ".join(str(v) for v in i.body.values()) for i in items.of_kind(store, "feedback")]
    entries = Journal(store).entries()
    feedback += [e.feedback for e in entries if e.feedback.strip()]
    audits = []
    linked = {e.id for e in entries if e.audit}
    for item in items.of_kind(store, "self_audit"):
        audit = SelfAudit.from_dict(item.body)
        if audit.feedback_text:
            feedback.append(audit.feedback_text)
        if audit.answers and audit.entry_id not in linked:
            audits.append(dict(audit.answers))
    return Evidence(entries, practice, feedback, audits)


def plan_html(plan: Plan) -> str:
    """The plan as a readable page: headings, dates and notes, everything escaped."""
    parts: list[str] = []
    for number, (heading, lines) in enumerate(plan.sections()):
        if heading:
            tag = "h3" if number == 0 else "h4"
            parts.append(f"<{tag} style='margin:10px 0 4px'>{esc(heading)}</{tag}>")
        rows = "".join(
            f"<li><b>{esc(label)}:</b> {esc(text)}</li>" if label else f"<p>{esc(text)}</p>"
            for label, text in lines
        )
        parts.append(f"<ul style='margin:0 0 6px'>{rows}</ul>" if "<li>" in rows else rows)
    return (
        '<div class="nr-plan-preview" style="border:1px solid #ccc;border-radius:6px;'
        f'padding:8px 14px;max-width:720px;font-size:15px">{"".join(parts)}</div>'
    )


class ProposalRow:
    """One proposed action: tick it, date it, add a note."""

    def __init__(self, proposal: Proposal, today: date, *, picked: bool = False) -> None:
        self.proposal = proposal
        self.pick = w.Checkbox(
            value=picked,
            description=proposal.rule.title,
            indent=False,
            layout=w.Layout(width="100%", max_width="680px"),
        )
        self.due = w.DatePicker(
            description="By", value=today + timedelta(weeks=proposal.rule.weeks)
        )
        self.note = w.Text(
            description="My note",
            placeholder="optional, e.g. ask Sam on Friday",
            layout=w.Layout(width="100%", max_width="560px"),
        )
        parts = []
        if proposal.rule.detail:
            parts.append(f"<small>{esc(proposal.rule.detail)}</small>")
        if proposal.because:
            parts.append(f"<small><b>Based on:</b>{bullet_list(proposal.because)}</small>")
        if not proposal.rule.detail and not proposal.because:
            parts.append("<small>Your own action.</small>")
        self.widget = w.VBox(
            [self.pick, w.HTML("".join(parts)), self.due, self.note],
            layout=w.Layout(
                border="1px solid #ddd", padding="6px", margin="4px 0", max_width="720px"
            ),
        )


class PlanWidget:
    """Build a plan from evidence and your own actions: propose, pick and date, download."""

    def __init__(self, store: Store | None = None, today: date | None = None) -> None:
        self.store = store if store is not None else get_store()
        self.today = today or date.today()  # the learner's calendar day
        self.source = w.ToggleButtons(
            options=[("My evidence", "mine"), ("Example: Dana's journal", "example")],
            value="mine",
            description="Use",
            style={"button_width": "200px"},
        )
        self.owner = w.Text(
            description="Your name", placeholder="optional, for the top of the plan"
        )
        self.go = w.Button(
            description="Propose actions from my evidence",
            button_style="info",
            icon="lightbulb-o",
            layout=w.Layout(width="auto"),
        )
        self.propose_message = w.HTML()
        self.rows: list[ProposalRow] = []
        self.own_rows: list[ProposalRow] = []
        self.proposals = w.VBox()
        self.own_text = w.Text(
            description="My own action",
            placeholder="e.g. Ask Sam for a mock interview about stock control",
            layout=w.Layout(width="100%", max_width="560px"),
            style={"description_width": "initial"},
        )
        self.own_add = w.Button(description="Add my action", icon="plus")
        self.own_message = w.HTML()
        self.own_box = w.VBox()
        self.make = w.Button(description="Make my plan", button_style="primary", icon="check")
        self.result = w.HTML()
        self.preview = w.HTML()
        self.downloads = w.HTML()
        self.go.on_click(self._on_propose)
        self.own_add.on_click(self._on_add_own)
        self.make.on_click(self._on_make)
        self.widget = w.VBox(
            [
                self.source,
                self.owner,
                self.go,
                self.propose_message,
                self.proposals,
                w.HTML(
                    "<h4>Your own actions</h4><p class='nr-hint'>Add anything the planner did "
                    "not think of. Each one is ticked for your plan; give it a date.</p>"
                ),
                w.HBox(
                    [self.own_text, self.own_add],
                    layout=w.Layout(flex_flow="row wrap", align_items="center"),
                ),
                self.own_message,
                self.own_box,
                self.make,
                self.result,
                self.downloads,
                self.preview,
            ]
        )
        previous = items.latest(self.store, "action_plan")
        if previous is not None:
            self._show(Plan.from_dict(previous.body), saved_before=True)

    def evidence(self) -> Evidence:
        """The evidence for the chosen source."""
        if self.source.value == "example":
            entries = example_journal().entries()
            return Evidence(entries, (), [e.feedback for e in entries if e.feedback.strip()])
        return evidence_from_store(self.store)

    def _on_propose(self, _button: object = None) -> None:
        evidence = self.evidence()
        self.rows = [ProposalRow(p, self.today) for p in propose(evidence)]
        self.proposals.children = [
            w.HTML("<h4>Proposed for you</h4>"),
            *[r.widget for r in self.rows],
        ]
        if not evidence.entries and not evidence.audits:
            self.propose_message.value = notice(
                "Your journal is empty, so these are general suggestions. Debrief an interview in "
                "Module 2 and the plan will fit you better.",
            )
        else:
            self.propose_message.value = ""

    def _on_add_own(self, _button: object = None) -> None:
        title = " ".join(self.own_text.value.split())
        if not title:
            self.own_message.value = notice("Type your action first, then add it.", kind="warning")
            return
        if len(title) > OWN_LIMIT:
            self.own_message.value = notice(
                f"Keep the action short (under {OWN_LIMIT} characters); put details in its note.",
                kind="warning",
            )
            return
        row = ProposalRow(own_proposal(title, len(self.own_rows) + 1), self.today, picked=True)
        self.own_rows.append(row)
        self.own_box.children = [r.widget for r in self.own_rows]
        self.own_text.value = ""
        self.own_message.value = notice(f"Added: {title}. Check its date below.", kind="success")

    def _on_make(self, _button: object = None) -> None:
        chosen = [
            (r.proposal, r.due.value, r.note.value)
            for r in [*self.rows, *self.own_rows]
            if r.pick.value
        ]
        try:
            plan = make_plan(self.owner.value, chosen, self.today)
        except PlanError as exc:
            self.result.value = notice(str(exc), kind="warning")
            return
        if self.source.value == "mine":
            items.put(self.store, "action_plan", "My action plan", plan.to_dict())
        self._show(plan)

    def _show(self, plan: Plan, *, saved_before: bool = False) -> None:
        status = "Your last saved plan" if saved_before else "Your plan is ready"
        if self.source.value == "example" and not saved_before:
            status += " (from the example data; not saved)"
        elif not saved_before:
            status += " and saved"
        links = download_link(
            plan.to_text().encode("utf-8"), "my-action-plan.txt", "text/plain", "Download .txt"
        )
        links += download_link(
            sections_docx(plan.sections()),
            "my-action-plan.docx",
            FORMATS["docx"][1],
            "Download .docx (Word)",
        )
        links += download_link(
            plan.to_markdown().encode("utf-8"), "my-action-plan.md", "text/markdown", "Download .md"
        )
        self.result.value = notice(status + ". Download it below.", kind="success")
        self.downloads.value = f"<div>{links}</div>"
        self.preview.value = plan_html(plan)


def action_plan_app(source: str = "mine") -> w.VBox:
    """Module 7's action plan; ``source="example"`` starts from Dana's example journal."""
    app = PlanWidget()
    app.source.value = source
    return app.widget
