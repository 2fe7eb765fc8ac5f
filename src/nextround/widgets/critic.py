"""Module 6's widgets: practise an answer with the critic, rewrite and compare, worked examples."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import ipywidgets as w

from nextround import items
from nextround.critique import (
    KIND_LABELS,
    QUESTION_KINDS,
    Critique,
    QuestionKind,
    compare,
    criterion_title,
    critique,
    describe_question,
)
from nextround.questions import KIND_NAMES, question_bank, worked_examples
from nextround.store import Store
from nextround.widgets._html import esc, highlight, notice, side_by_side, verdict_row
from nextround.widgets._session import get_store

OWN_QUESTION = "__own__"


def _wide() -> w.Layout:
    """A fresh full-width layout (layouts must not be shared: hiding one hides them all)."""
    return w.Layout(width="100%", max_width="760px")


def answer_key(answer: str) -> str:
    """A stable key for an answer's text, so a dismissal applies to that answer only."""
    return hashlib.sha256(" ".join(answer.split()).encode()).hexdigest()[:16]


def findings_html(report: Critique, dismissed: dict[str, str] | None = None) -> str:
    """The findings as a table: verdict, criterion, message, quoted evidence; all escaped."""
    dismissed = dismissed or {}
    rows = [
        verdict_row(
            "nr-finding",
            {"criterion": f.criterion},
            f.passed,
            f.title,
            f.message,
            evidence=f.evidence,
            note=f"You disagreed: {dismissed[f.criterion]}" if f.criterion in dismissed else "",
            mark=("⊘", "#777") if f.criterion in dismissed else None,
        )
        for f in report.findings
    ]
    return f'<table class="nr-findings">{"".join(rows)}</table>'


def highlighted_answer(report: Critique) -> str:
    """The answer with the evidence of every failed finding highlighted."""
    spans = [
        s for f in report.findings if f.passed is False and f.source == "answer" for s in f.evidence
    ]
    return highlight(report.answer, spans, title="Look at this part again")


def without_dismissed(report: Critique, dismissed: dict[str, str]) -> Critique:
    """The report as the learner sees it: a point they disagreed with no longer counts.

    Its summary then never names a dismissed point as the next step.
    """
    if not dismissed:
        return report
    findings = tuple(
        replace(f, passed=None) if f.passed is False and f.criterion in dismissed else f
        for f in report.findings
    )
    return replace(report, findings=findings)


class CriticWidget:
    """Pick a question, write an answer, see findings with the evidence highlighted; rewrite."""

    def __init__(self, store: Store | None = None, *, record: bool = True) -> None:
        self.store = store if store is not None else get_store()
        #: Whether kept and compared attempts count as practice evidence for the action plan.
        self.record = record
        self.first: Critique | None = None
        options = [("Type my own question…", OWN_QUESTION)] + [
            (f"{KIND_NAMES[q.kind]}: {q.text}", q.id) for q in question_bank()
        ]
        self.pick = w.Dropdown(
            description="Question", options=options, value=question_bank()[0].id, layout=_wide()
        )
        self.own = w.Text(
            description="Your own question",
            placeholder="e.g. What would you do in your first month?",
            layout=_wide(),
            style={"description_width": "initial"},
        )
        self.about = w.HTML()
        self.job = w.Textarea(
            description="The job description (optional)",
            placeholder="Paste it here to check your answer against it",
            layout=_wide(),
            style={"description_width": "initial"},
        )
        self.answer = w.Textarea(
            description="Your answer",
            placeholder="Write your answer as you would say it…",
            style={"description_width": "initial"},
            continuous_update=True,
            layout=w.Layout(width="100%", max_width="760px", height="160px"),
        )
        self.kind_pick = w.Dropdown(
            description="Read my question as",
            # "", not None: a Dropdown shows None as an empty box.
            options=[("What the critic reads it as", "")]
            + [(KIND_LABELS[k], k) for k in QUESTION_KINDS],
            value="",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%", max_width="560px"),
        )
        self.read_as = w.HTML()
        self.summary = w.HTML()
        self.marked = w.HTML()
        self.findings = w.HTML()
        self.dismiss_pick = w.Dropdown(
            description="I disagree with",
            options=[],
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="420px"),
        )
        self.dismiss_reason = w.Text(
            description="Why?",
            placeholder="e.g. The panel asked me to keep it short",
            layout=w.Layout(width="auto", max_width="420px"),
        )
        self.dismiss = w.Button(description="Dismiss this point", icon="ban")
        self.dismiss_message = w.HTML()
        self.dismissed_list = w.HTML()
        self.keep = w.Button(description="Keep this as my first attempt", icon="bookmark")
        self.compare = w.Button(
            description="Compare my rewrite", button_style="info", icon="columns"
        )
        self.comparison = w.HTML()
        self.pick.observe(lambda _c: self.refresh(), names="value")
        self.kind_pick.observe(lambda _c: self.refresh(), names="value")
        for control in (self.own, self.job, self.answer):
            control.observe(lambda _c: self.refresh(), names="value")
        self.dismiss.on_click(self._on_dismiss)
        self.keep.on_click(self._on_keep)
        self.compare.on_click(self._on_compare)
        self.widget = w.VBox(
            [
                w.HTML("<h4>1. Pick a question</h4>"),
                self.pick,
                self.own,
                self.about,
                self.job,
                w.HTML("<h4>2. Write your answer</h4>"),
                self.answer,
                self.read_as,
                self.kind_pick,
                self.summary,
                self.marked,
                self.findings,
                w.HTML(
                    "<h4>Disagree with a point?</h4><p class='nr-hint'>You know the interview "
                    "better than the critic. Pick a point it marked, say why, and it is kept "
                    "with your notes and marked ⊘ above.</p>"
                ),
                w.HBox(
                    [self.dismiss_pick, self.dismiss_reason, self.dismiss],
                    layout=w.Layout(flex_flow="row wrap", align_items="center"),
                ),
                self.dismiss_message,
                self.dismissed_list,
                w.HTML("<h4>3. Rewrite and compare</h4>"),
                w.HBox([self.keep, self.compare]),
                self.comparison,
            ]
        )
        self.refresh()

    @property
    def question_text(self) -> str | None:
        """The question being answered: the picked one, or the learner's own."""
        if self.pick.value == OWN_QUESTION:
            return self.own.value.strip() or None
        return next(q.text for q in question_bank() if q.id == self.pick.value)

    def report(self) -> Critique:
        """The critic's report on the current answer."""
        kind: QuestionKind | None = self.kind_pick.value or None
        return critique(
            self.answer.value,
            question=self.question_text,
            job_description=self.job.value or None,
            kind=kind,
        )

    def dismissed(self, answer: str) -> dict[str, str]:
        """Findings the learner has dismissed for this exact answer, with their reasons."""
        key = answer_key(answer)
        return {
            i.body["criterion"]: i.body["reason"]
            for i in reversed(items.of_kind(self.store, "dismissal"))
            if i.body.get("answer_key") == key
        }

    def refresh(self) -> None:
        """Re-run the critic and redraw (called on every keystroke)."""
        own = self.pick.value == OWN_QUESTION
        self.own.layout.display = None if own else "none"
        chosen = None if own else next(q for q in question_bank() if q.id == self.pick.value)
        self.about.value = (
            f"<p><b>What they are really asking:</b> {esc(chosen.really_asking)}<br>"
            f"<b>Tip:</b> {esc(chosen.tip)}</p>"
            if chosen
            else ""
        )
        report = self.report()
        reading = (
            f"Read as {describe_question(self.kind_pick.value)} (your choice)."
            if self.kind_pick.value
            else f"Read as {describe_question(self.question_text)}."
        )
        self.read_as.value = (
            f"<p class='nr-read-as'><b>{esc(reading[0].upper() + reading[1:])}</b> "
            "If that is not right, change it below.</p>"
        )
        dismissed = self.dismissed(report.answer)
        shown = without_dismissed(report, dismissed)
        self.summary.value = notice(shown.summary, kind="success" if shown.ready else "info")
        self.marked.value = highlighted_answer(report) if report.word_count else ""
        self.findings.value = findings_html(report, dismissed)
        failed = [
            (f.title, f.criterion)
            for f in report.findings
            if f.passed is False and f.criterion not in dismissed
        ]
        self.dismiss_pick.options = (
            [("Pick a point…", ""), *failed] if failed else [("No marked points", "")]
        )
        self.dismiss_pick.value = ""
        self.dismiss.disabled = not failed
        self._show_dismissed()

    def _show_dismissed(self) -> None:
        """Every point the learner disagreed with for this question, kept across visits."""
        question = self.question_text or ""
        mine = [
            i for i in items.of_kind(self.store, "dismissal") if i.body.get("question") == question
        ]
        if not mine:
            self.dismissed_list.value = ""
            return
        rows = "".join(
            f"<li><b>{esc(criterion_title(str(i.body.get('criterion', ''))))}</b>: "
            f"{esc(str(i.body.get('reason', '')))} "
            f"<small>({i.updated_at.astimezone():%d %b %Y})</small></li>"
            for i in mine
        )
        self.dismissed_list.value = (
            "<div class='nr-dismissed'><b>Points you disagreed with for this question</b>"
            f"<ul>{rows}</ul></div>"
        )

    def _on_dismiss(self, _button: object = None) -> None:
        if not self.dismiss_pick.value or not self.answer.value.strip():
            self.dismiss_message.value = notice(
                "Pick a point the critic marked first, then press Dismiss this point.",
                kind="warning",
            )
            return
        title = criterion_title(str(self.dismiss_pick.value))
        reason = self.dismiss_reason.value.strip() or "no reason given"
        body = {
            "answer_key": answer_key(self.answer.value),
            "criterion": self.dismiss_pick.value,
            "reason": reason,
            "question": self.question_text or "",
        }
        items.save(self.store, "dismissal", f"{title} (for this answer)", body)
        self.dismiss_reason.value = ""
        self.refresh()
        self.dismiss_message.value = notice(
            f"Kept: you disagreed with “{title}”. It is marked ⊘ in the findings and saved "
            "with your notes.",
            kind="success",
        )

    def _on_keep(self, _button: object = None) -> None:
        report = self.report()
        if not report.word_count:
            self.comparison.value = notice("Write an answer first.", kind="warning")
            return
        self.first = report
        self._record(report)
        self.comparison.value = notice(
            "Kept. Now rewrite your answer above, then press Compare my rewrite.", kind="success"
        )

    def _on_compare(self, _button: object = None) -> None:
        if self.first is None:
            self.comparison.value = notice("Keep a first attempt before comparing.", kind="warning")
            return
        after = self.report()
        result = compare(self.first, after)
        self._record(after)
        columns = [("Before", report_html(self.first)), ("After", report_html(after))]
        self.comparison.value = notice(
            result.summary, kind="success" if result.improved else "info"
        ) + side_by_side(columns, css_class="nr-compare")

    def _record(self, report: Critique) -> None:
        if self.record:
            dismissed = self.dismissed(report.answer)
            failed = [
                f.criterion
                for f in report.findings
                if f.passed is False and f.criterion not in dismissed
            ]
            question = report.question or ""
            body = {"question": question, "kind": report.kind, "failed": failed}
            # One practice item per question: a new attempt updates it rather than adding one.
            earlier = next(
                (
                    i
                    for i in items.of_kind(self.store, "practice")
                    if i.body.get("question", "") == question
                ),
                None,
            )
            items.save(self.store, "practice", question, body, earlier.id if earlier else None)


def report_html(report: Critique) -> str:
    """One critiqued answer: the answer with its evidence highlighted, then the findings."""
    return highlighted_answer(report) + findings_html(report)


def worked_examples_html() -> str:
    """Each worked example: the question, the weak and strong answers critiqued, what changed."""
    parts = []
    for example in worked_examples():
        question, jd = example.question.text, example.job_description
        columns = [
            (label, report_html(critique(text, question=question, job_description=jd)))
            for label, text in (
                ("A weak answer", example.weak),
                ("A strong answer", example.strong),
            )
        ]
        parts.append(
            f"<h4>{esc(question)}</h4>{side_by_side(columns)}"
            f"<p><b>What changed:</b> {esc(example.what_changed)}</p>"
        )
    return "".join(parts)


def critic_app(
    answer: str = "", *, question_id: str | None = None, examples: bool = True
) -> w.VBox:
    """The practice loop, with the worked examples below it.

    ``answer`` and ``question_id`` start the loop from a given answer (the exercises do);
    such practice on someone else's answer is not recorded as evidence for the action plan.
    """
    app = CriticWidget(record=not answer)
    if question_id is not None:
        app.pick.value = question_id
    app.answer.value = answer
    if not examples:
        return app.widget
    shown = w.Accordion(children=[w.HTML(worked_examples_html())], titles=("Worked examples",))
    shown.selected_index = None
    return w.VBox([app.widget, shown])
