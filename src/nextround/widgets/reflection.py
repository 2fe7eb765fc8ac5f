"""Widgets for modules 1 and 3: reframing a harsh thought, the support plan, the self-audit."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

import ipywidgets as w

from nextround import items
from nextround.journal import AuditAnswer, Journal, guide
from nextround.reflection import (
    Reframe,
    SelfAudit,
    audit_message,
    check_reframe,
    control_summary,
    factor_problem,
    facts_for,
    fairness_note,
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
                    layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(260px, 1fr))"),
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
        # A worry about unfair treatment is not a thinking trap: say so, in the guide's words.
        fair = fairness_note(self.thought.value)
        note = notice(fair, kind="info") if fair else ""
        if not matches and note:
            self.spotted.value = note
        elif not matches:
            self.spotted.value = notice(
                "No trap words jumped out. Tick any trap below that still feels true.", kind="info"
            )
        else:
            spans = [s for m in matches for s in m.evidence]
            names = ", ".join(m.trap.name for m in matches)
            self.spotted.value = (
                highlight(self.thought.value, spans)
                + notice(
                    f"The highlighted words suggest: {names}. The boxes below are ticked for you; "
                    "untick any that do not fit."
                )
                + note
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
                w.Dropdown(options=["", *support["helps"]], value="", description="How they help"),
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


AUDIT_OPTIONS = [("Yes", "yes"), ("Partly", "partly"), ("No", "no")]
SELF_AUDIT = "self_audit"


class SelfAuditWidget:
    """The four honest questions with a reason each, what was in your control, the feedback."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store if store is not None else get_store()
        self.journal = Journal(self.store)
        self.interview = w.Dropdown(
            description="Which interview",
            # 0, not None: a Dropdown shows None as an empty box.
            options=[("Not from my journal", 0)]
            + [(e.title, e.id) for e in self.journal.overview()],
            value=0,
            style={"description_width": "initial"},
            layout=w.Layout(width="100%", max_width="720px"),
        )
        self.answers = {
            key: w.ToggleButtons(options=AUDIT_OPTIONS, value=None, description="")
            for key in guide().audit
        }
        self.reasons = {
            key: w.Textarea(
                description="Why?",
                placeholder="e.g. I read the advert twice but did not look at their website",
                layout=w.Layout(width="100%", max_width="720px", height="52px"),
                style={"description_width": "initial"},
            )
            for key in guide().audit
        }
        self.verdict = w.HTML()
        for toggle in self.answers.values():
            toggle.observe(lambda _c: self._show_verdict(), names="value")
        self.factors: dict[str, Any] = {}
        self.own_factors: list[str] = []
        self.factor_rows = w.VBox()
        for factor in reflection_guide().factors:
            self._add_factor_row(factor.text)
        self.new_factor = w.Text(
            description="Another factor",
            placeholder="e.g. The interview was moved to the day after my night shift",
            layout=w.Layout(width="100%", max_width="560px"),
            style={"description_width": "initial"},
        )
        self.add_factor = w.Button(description="Add this factor", icon="plus")
        self.factor_message = w.HTML()
        self.add_factor.on_click(self._on_add_factor)
        self.sort = w.Button(description="Show what I can work on", icon="list")
        self.sorted = w.HTML()
        self.sort.on_click(self._on_sort)
        self.went_well = _labelled("What went well", "What did they say went well?")
        self.improve = _labelled("What to improve", "What did they suggest you improve?")
        self.advice = _labelled("Advice for next time", "Any advice for future interviews?")
        self.save = w.Button(description="Save my self-audit", button_style="primary", icon="save")
        self.result = w.HTML()
        self.save.on_click(self._on_save)
        questions = [
            w.VBox(
                [w.HTML(f"<b>{n}. {esc(q)}</b>"), self.answers[k], self.reasons[k]],
                layout=w.Layout(margin="0 0 10px 0"),
            )
            for n, (k, q) in enumerate(guide().audit.items(), 1)
        ]
        self.widget = w.VBox(
            [
                self.interview,
                w.HTML("<h4>The four questions</h4>"),
                *questions,
                self.verdict,
                w.HTML(
                    "<h4>In my control, or not?</h4><p class='nr-hint'>Sort the factors below, "
                    "and add any others you can think of in your own words.</p>"
                ),
                self.factor_rows,
                w.HBox([self.new_factor, self.add_factor], layout=_wrap()),
                self.factor_message,
                self.sort,
                self.sorted,
                w.HTML("<h4>The feedback you did get</h4>"),
                self.went_well,
                self.improve,
                self.advice,
                self.save,
                self.result,
            ]
        )
        self._load()

    def _add_factor_row(self, text: str) -> None:
        toggle = w.ToggleButtons(
            options=CONTROL_OPTIONS, value=None, style={"button_width": "140px"}
        )
        self.factors[text] = toggle
        row = w.VBox([w.HTML(esc(text)), toggle], layout=w.Layout(margin="0 0 6px 0"))
        self.factor_rows.children = (*self.factor_rows.children, row)

    def _on_add_factor(self, _button: object = None) -> None:
        problem = factor_problem(self.new_factor.value, list(self.factors))
        if problem is not None:
            self.factor_message.value = notice(problem, kind="warning")
            return
        text = " ".join(self.new_factor.value.split())
        self.own_factors.append(text)
        self._add_factor_row(text)
        self.new_factor.value = ""
        self.factor_message.value = notice(
            f"Added: {text}. Now choose whether it was in your control.", kind="success"
        )

    def current(self) -> SelfAudit:
        """The self-audit the controls describe."""
        entry_id = self.interview.value or None
        titles = {v: k for k, v in self.interview.options}
        return SelfAudit(
            answers={k: t.value for k, t in self.answers.items() if t.value},
            reasons={k: box.value for k, box in self.reasons.items() if box.value.strip()},
            factors=tuple((t, b.value) for t, b in self.factors.items() if b.value),
            own_factors=tuple(self.own_factors),
            feedback={
                "went_well": self.went_well.value,
                "improve": self.improve.value,
                "advice": self.advice.value,
            },
            entry_id=entry_id,
            entry_title=titles.get(entry_id, "") if entry_id is not None else "",
        )

    def _load(self) -> None:
        saved = items.latest(self.store, SELF_AUDIT)
        if saved is None:
            return
        audit = SelfAudit.from_dict(saved.body)
        for text in audit.own_factors:
            if text not in self.factors:
                self.own_factors.append(text)
                self._add_factor_row(text)
        for key, toggle in self.answers.items():
            toggle.value = audit.answers.get(key)
        for key, box in self.reasons.items():
            box.value = audit.reasons.get(key, "")
        for text, choice in audit.factors:
            if text in self.factors:
                self.factors[text].value = choice
        self.went_well.value = audit.feedback.get("went_well", "")
        self.improve.value = audit.feedback.get("improve", "")
        self.advice.value = audit.feedback.get("advice", "")
        if audit.entry_id in {v for _, v in self.interview.options}:
            self.interview.value = audit.entry_id
        self.result.value = notice(
            f"Your self-audit from {saved.updated_at.astimezone():%d %b %Y} is filled in below "
            "the questions. Change anything and save again."
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

    def _on_save(self, _button: object = None) -> None:
        audit = self.current()
        if audit.empty:
            self.result.value = notice(
                "There is nothing to save yet. Answer a question, sort a factor or note "
                "some feedback first.",
                kind="warning",
            )
            return
        items.put(self.store, SELF_AUDIT, audit.title, audit.to_dict())
        linked = ""
        if audit.entry_id is not None and len(audit.answers) == len(guide().audit):
            entry = self.journal.get(audit.entry_id)
            answers = cast(dict[str, AuditAnswer], dict(audit.answers))
            self.journal.update(replace(entry, audit=answers))
            linked = f" Your answers are also in the debrief for {entry.title}."
        self.result.value = notice(
            "Saved. Your action plan in Module 7 will use your answers and any feedback."
            + linked
            + " It is listed under Everything you saved, in Start here.",
            kind="success",
        )


def _labelled(label: str, placeholder: str) -> Any:
    return w.Textarea(
        description=label,
        placeholder=placeholder,
        layout=w.Layout(width="100%", max_width="720px", height="60px"),
        style={"description_width": "initial"},
    )


def _wrap() -> w.Layout:
    return w.Layout(flex_flow="row wrap", align_items="center")


class ThoughtMatchWidget:
    """Match each unhelpful thought with the fairer thought that answers it, then check."""

    def __init__(self) -> None:
        matches = reflection_guide().matches
        fairer = sorted((m[1] for m in matches), key=lambda text: text[::-1])  # a fixed shuffle
        self.choices = {
            thought: w.Dropdown(
                description="The fairer thought",
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
