"""Widgets for modules 1 and 3: reframing a harsh thought, the support plan, the self-audit."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from nextround import items
from nextround.journal import guide
from nextround.reflection import (
    Reframe,
    audit_message,
    check_reframe,
    control_summary,
    facts_for,
    reflection_guide,
    score_matches,
    spot_traps,
)
from nextround.store import Store
from nextround.widgets._html import bullet_list, esc, highlight, notice
from nextround.widgets._session import get_store

CONTROL_OPTIONS = [("In my control", "yes"), ("Partly", "partly"), ("Not in my control", "no")]


def _area(placeholder: str, height: str = "70px") -> Any:
    return w.Textarea(
        placeholder=placeholder, layout=w.Layout(width="100%", max_width="720px", height=height)
    )


class ReframeWidget:
    """Write the thought in your head, see the traps in it, and work it into a fairer one."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store if store is not None else get_store()
        self.thought = _area(
            "The thought in your head, as it sounds, e.g. 'I always mess up interviews'"
        )
        self.look = w.Button(description="Look at this thought", icon="search")
        self.spotted = w.HTML()
        self.traps = {
            t.id: w.Checkbox(description=t.name, indent=False) for t in reflection_guide().traps
        }
        self.facts = w.HTML()
        self.against = _area(
            "What evidence goes against it? (things that went well, how far you got)"
        )
        self.friend = _area(
            "What would you say to a friend who thought this after the same interview?"
        )
        self.fairer = _area("A fairer thought, in your own words")
        self.save = w.Button(description="Save my reframe", button_style="primary", icon="save")
        self.result = w.HTML()
        self.saved = w.HTML()
        self.look.on_click(self._on_look)
        self.save.on_click(self._on_save)
        for box in self.traps.values():
            box.observe(lambda _c: self._show_facts(), names="value")
        self.widget = w.VBox(
            [
                w.HTML("<h4>1. The thought</h4>"),
                self.thought,
                self.look,
                self.spotted,
                w.HTML("<h4>2. Which traps is it in?</h4>"),
                w.GridBox(
                    list(self.traps.values()),
                    layout=w.Layout(grid_template_columns="repeat(2, 330px)"),
                ),
                self.facts,
                w.HTML("<h4>3. Work it through</h4>"),
                self.against,
                self.friend,
                self.fairer,
                self.save,
                self.result,
                self.saved,
            ]
        )
        self._show_saved()

    def _on_look(self, _button: object = None) -> None:
        matches = spot_traps(self.thought.value)
        if not matches:
            self.spotted.value = notice(
                "No trap words jumped out. Tick any trap below that still feels true.", kind="info"
            )
        else:
            spans = [s for m in matches for s in m.evidence]
            names = ", ".join(m.trap.name for m in matches)
            self.spotted.value = highlight(self.thought.value, spans) + notice(
                f"The highlighted words suggest: {names}. The boxes below are ticked for you; "
                "untick any that do not fit."
            )
        for match in matches:
            self.traps[match.trap.id].value = True

    def _show_facts(self) -> None:
        chosen = [t for t in reflection_guide().traps if self.traps[t.id].value]
        if not chosen:
            self.facts.value = ""
            return
        asks = bullet_list(f"{t.name}: {t.ask}" for t in chosen)
        facts = bullet_list(facts_for([t.id for t in chosen]))
        self.facts.value = f"<b>Questions to ask it</b>{asks}<b>Facts worth remembering</b>{facts}"

    def current(self) -> Reframe:
        """The reframe the boxes describe."""
        return Reframe(
            thought=self.thought.value,
            traps=tuple(k for k, box in self.traps.items() if box.value),
            evidence_against=self.against.value,
            friend_view=self.friend.value,
            fairer=self.fairer.value,
        )

    def _on_save(self, _button: object = None) -> None:
        reframe = self.current()
        notes = check_reframe(reframe)
        if not reframe.thought.strip() or not reframe.fairer.strip():
            self.result.value = notice(" ".join(notes), kind="warning")
            return
        items.save(self.store, "reframe", reframe.fairer[:80], _as_dict(reframe))
        message = notice(
            "Saved. Come back to your fairer thought whenever the old one returns.", kind="success"
        )
        self.result.value = message + "".join(notice(n, kind="info") for n in notes)
        self._show_saved()

    def _show_saved(self) -> None:
        saved = items.of_kind(self.store, "reframe")[:5]
        if saved:
            rows = "".join(
                f"<li><s>{esc(i.body['thought'])}</s> → <b>{esc(i.body['fairer'])}</b></li>"
                for i in saved
            )
            self.saved.value = f"<b>Your reframes</b><ul>{rows}</ul>"


def _as_dict(reframe: Reframe) -> dict[str, Any]:
    return {
        "thought": reframe.thought,
        "traps": list(reframe.traps),
        "evidence_against": reframe.evidence_against,
        "friend_view": reframe.friend_view,
        "fairer": reframe.fairer,
    }


class SupportPlanWidget:
    """Who you will talk to, what they can help with, and when."""

    ROWS = 3

    def __init__(self, store: Store | None = None) -> None:
        self.store = store if store is not None else get_store()
        support = reflection_guide().support
        self.people = [
            (
                w.Text(placeholder="Who (a name or 'my sister', 'a former colleague')"),
                w.Dropdown(options=["", *support["helps"]], value=""),
                w.Text(placeholder="When I'll get in touch"),
            )
            for _ in range(self.ROWS)
        ]
        self.save = w.Button(
            description="Save my support plan", button_style="primary", icon="save"
        )
        self.result = w.HTML()
        self.save.on_click(self._on_save)
        self.widget = w.VBox(
            [
                w.HTML(f"<p>{esc(support['intro'])}</p>"),
                *[w.HBox(list(row)) for row in self.people],
                self.save,
                self.result,
                w.HTML(notice(support["if_heavy"], kind="info")),
            ]
        )
        previous = items.latest(self.store, "support_plan")
        if previous is not None:
            for row, person in zip(self.people, previous.body.get("people", []), strict=False):
                row[0].value, row[1].value, row[2].value = (
                    person["who"],
                    person["helps"],
                    person["when"],
                )

    def _on_save(self, _button: object = None) -> None:
        people = [
            {"who": who.value.strip(), "helps": helps.value, "when": when.value.strip()}
            for who, helps, when in self.people
            if who.value.strip()
        ]
        if not people:
            self.result.value = notice(
                "Write at least one person you could talk to.", kind="warning"
            )
            return
        items.put(self.store, "support_plan", "My support plan", {"people": people})
        lines = [
            f"{p['who']}: {p['helps'] or 'someone to talk to'}"
            + (f" ({p['when']})" if p["when"] else "")
            for p in people
        ]
        self.result.value = notice("Saved.", kind="success") + bullet_list(lines)


class SelfAuditWidget:
    """The four honest questions, what was in your control, and the feedback you did get."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store if store is not None else get_store()
        self.answers = {
            key: w.ToggleButtons(options=["yes", "partly", "no"], value=None)
            for key in guide().audit
        }
        self.verdict = w.HTML()
        for toggle in self.answers.values():
            toggle.observe(lambda _c: self._show_verdict(), names="value")
        self.factors = {
            f.text: w.ToggleButtons(
                options=CONTROL_OPTIONS, value=None, style={"button_width": "140px"}
            )
            for f in reflection_guide().factors
        }
        self.sort = w.Button(description="Show what I can work on", icon="list")
        self.sorted = w.HTML()
        self.sort.on_click(self._on_sort)
        self.went_well = _area("What did they say went well?")
        self.improve = _area("What did they suggest you improve?")
        self.advice = _area("Any advice for future interviews with them?")
        self.save_feedback = w.Button(description="Save the feedback", icon="save")
        self.feedback_result = w.HTML()
        self.save_feedback.on_click(self._on_save_feedback)
        self.widget = w.VBox(
            [
                w.HTML("<h4>The four questions</h4>"),
                *[
                    w.HBox([w.HTML(esc(q), layout=w.Layout(width="440px")), self.answers[k]])
                    for k, q in guide().audit.items()
                ],
                self.verdict,
                w.HTML("<h4>In my control, or not?</h4>"),
                *[
                    w.HBox([w.HTML(esc(t), layout=w.Layout(width="360px")), b])
                    for t, b in self.factors.items()
                ],
                self.sort,
                self.sorted,
                w.HTML("<h4>The feedback you did get</h4>"),
                self.went_well,
                self.improve,
                self.advice,
                self.save_feedback,
                self.feedback_result,
            ]
        )

    def _show_verdict(self) -> None:
        answers = {k: t.value for k, t in self.answers.items() if t.value}
        lines = audit_message(answers)
        kind = (
            "success" if len(answers) == 4 and all(v == "yes" for v in answers.values()) else "info"
        )
        self.verdict.value = "".join(notice(line, kind=kind) for line in lines)

    def _on_sort(self, _button: object = None) -> None:
        choices = {t: b.value for t, b in self.factors.items() if b.value}
        if not choices:
            self.sorted.value = notice("Sort at least one item first.", kind="warning")
            return
        mine, partly, theirs = control_summary(choices)
        facts = reflection_guide().facts
        self.sorted.value = (
            "<b>Put your energy here</b>"
            + bullet_list(mine + partly)
            + "<b>Let these go: they were not yours to decide</b>"
            + bullet_list(theirs)
            + notice(facts["rarely_personal"] + " " + facts["not_meant"])
        )

    def _on_save_feedback(self, _button: object = None) -> None:
        body = {
            "went_well": self.went_well.value,
            "improve": self.improve.value,
            "advice": self.advice.value,
        }
        if not any(v.strip() for v in body.values()):
            self.feedback_result.value = notice(
                "No feedback yet? That is common: many employers don't give it. "
                "Come back if some arrives.",
                kind="info",
            )
            return
        items.save(self.store, "feedback", "Feedback received", body)
        self.feedback_result.value = notice(
            "Saved. Your action plan in module 7 will use it.", kind="success"
        )


class ThoughtMatchWidget:
    """Match each unhelpful thought with the fairer thought that answers it, then check."""

    def __init__(self) -> None:
        matches = reflection_guide().matches
        fairer = sorted((m[1] for m in matches), key=lambda text: text[::-1])  # a fixed shuffle
        self.choices = {
            thought: w.Dropdown(
                options=[("Pick the fairer thought…", "")] + [(f, f) for f in fairer],
                value="",
                layout=w.Layout(width="100%", max_width="720px"),
            )
            for thought, _, _ in matches
        }
        self.check = w.Button(description="Check my matches", button_style="primary", icon="check")
        self.result = w.HTML()
        self.check.on_click(self._on_check)
        rows = [w.VBox([w.HTML(f"<b>“{esc(t)}”</b>"), box]) for t, box in self.choices.items()]
        self.widget = w.VBox([*rows, self.check, self.result])

    def _on_check(self, _button: object = None) -> None:
        scored = score_matches({t: box.value for t, box in self.choices.items()})
        right = sum(ok for _, ok, _ in scored)
        lines = [f"{'✓' if ok else '✗'} “{t}”: {trap}" for t, ok, trap in scored]
        kind = "success" if right == len(scored) else "info"
        self.result.value = notice(f"{right} of {len(scored)} matched.", kind=kind) + bullet_list(
            lines
        )


def thought_match_app() -> w.VBox:
    """The matching exercise: unhelpful thoughts and fairer ones."""
    return ThoughtMatchWidget().widget


def reframe_app() -> w.VBox:
    """Module 1's reframing activity."""
    return ReframeWidget().widget


def support_plan_app() -> w.VBox:
    """Module 1's support plan."""
    return SupportPlanWidget().widget


def self_audit_app() -> w.VBox:
    """Module 3's honest look back."""
    return SelfAuditWidget().widget
