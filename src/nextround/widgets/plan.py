"""Module 7's widget: proposals from your evidence, pick and date them, take the plan away."""

from __future__ import annotations

from datetime import date, timedelta

import ipywidgets as w

from nextround import items
from nextround.journal import Journal, example_journal
from nextround.plan import Evidence, Plan, PlanError, Proposal, make_plan, propose
from nextround.store import Store
from nextround.widgets._download import download_link
from nextround.widgets._html import bullet_list, esc, notice
from nextround.widgets._session import get_store


def evidence_from_store(store: Store) -> Evidence:
    """The learner's own evidence: their journal, practice results and saved feedback."""
    practice = [list(i.body.get("failed", [])) for i in items.of_kind(store, "practice")]
    feedback = [" ".join(str(v) for v in i.body.values()) for i in items.of_kind(store, "feedback")]
    entries = Journal(store).entries()
    feedback += [e.feedback for e in entries if e.feedback.strip()]
    return Evidence(entries, practice, feedback)


class ProposalRow:
    """One proposed action: tick it, date it, add a note."""

    def __init__(self, proposal: Proposal, today: date) -> None:
        self.proposal = proposal
        self.pick = w.Checkbox(
            description=proposal.rule.title, indent=False, layout=w.Layout(width="560px")
        )
        self.due = w.DatePicker(
            description="By", value=today + timedelta(weeks=proposal.rule.weeks)
        )
        self.note = w.Text(
            placeholder="A note to yourself (optional)", layout=w.Layout(width="560px")
        )
        why = bullet_list(proposal.because)
        self.widget = w.VBox(
            [
                self.pick,
                w.HTML(f"<small>{esc(proposal.rule.detail)}</small><small>{why}</small>"),
                self.due,
                self.note,
            ],
            layout=w.Layout(
                border="1px solid #ddd", padding="6px", margin="4px 0", max_width="720px"
            ),
        )


class PlanWidget:
    """Build a plan from evidence: propose, pick and date, then download."""

    def __init__(self, store: Store | None = None, today: date | None = None) -> None:
        self.store = store if store is not None else get_store()
        self.today = today or date.today()  # the learner's calendar day
        self.source = w.ToggleButtons(
            options=[("My evidence", "mine"), ("Example: Dana's journal", "example")],
            value="mine",
            style={"button_width": "200px"},
        )
        self.owner = w.Text(
            description="Your name", placeholder="optional, for the top of the plan"
        )
        self.go = w.Button(
            description="Propose actions from my evidence", button_style="info", icon="lightbulb-o"
        )
        self.rows: list[ProposalRow] = []
        self.proposals = w.VBox()
        self.make = w.Button(description="Make my plan", button_style="primary", icon="check")
        self.result = w.HTML()
        self.preview = w.HTML()
        self.go.on_click(self._on_propose)
        self.make.on_click(self._on_make)
        self.widget = w.VBox(
            [self.source, self.owner, self.go, self.proposals, self.make, self.result, self.preview]
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
        if not evidence.entries:
            self.result.value = notice(
                "Your journal is empty, so these are general suggestions. Debrief an interview in "
                "module 2 and the plan will fit you better.",
            )
        else:
            self.result.value = ""

    def _on_make(self, _button: object = None) -> None:
        chosen = [(r.proposal, r.due.value, r.note.value) for r in self.rows if r.pick.value]
        try:
            plan = make_plan(self.owner.value, chosen, self.today)
        except PlanError as exc:
            self.result.value = notice(str(exc), kind="warning")
            return
        if self.source.value == "mine":
            items.put(self.store, "action_plan", "My action plan", plan.to_dict())
        self._show(plan)

    def _show(self, plan: Plan, *, saved_before: bool = False) -> None:
        text = plan.to_markdown()
        status = "Your last saved plan" if saved_before else "Your plan is ready"
        if self.source.value == "example" and not saved_before:
            status += " (from the example data; not saved)"
        links = download_link(text.encode(), "my-action-plan.md", "text/markdown", "Download .md")
        links += download_link(text.encode(), "my-action-plan.txt", "text/plain", "Download .txt")
        self.result.value = notice(status + ". Download it below.", kind="success")
        self.preview.value = (
            f"<div>{links}</div><pre style='white-space:pre-wrap'>{esc(text)}</pre>"
        )


def action_plan_app(source: str = "mine") -> w.VBox:
    """Module 7's action plan; ``source="example"`` starts from Dana's example journal."""
    app = PlanWidget()
    app.source.value = source
    return app.widget
