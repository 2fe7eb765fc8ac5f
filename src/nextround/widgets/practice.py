"""Pair and trio practice: the rubric comparison (module 6) and the facilitator's mock interview."""

from __future__ import annotations

import ipywidgets as w

from nextround.critique import critique
from nextround.practice import (
    agreement_summary,
    compare_ratings,
    critic_skip_reason,
    draw_card,
    rotate,
    rubric,
)
from nextround.questions import KIND_NAMES, question_bank
from nextround.widgets._html import esc, notice

RATINGS = [("yes", "yes"), ("partly", "partly"), ("no", "no")]
TIMES = [
    ("30 seconds", 30),
    ("1 minute", 60),
    ("2 minutes", 120),
    ("3 minutes", 180),
    ("5 minutes", 300),
]


class PairPracticeWidget:
    """The candidate and a partner rate the same answer; see where they and the critic agree."""

    def __init__(
        self, partner_label: str = "Your partner", *, offer_questions: bool = True
    ) -> None:
        self.bank = w.Dropdown(
            description="Pick a question",
            options=[("Choose one from the question bank…", "")]
            + [(f"{KIND_NAMES[q.kind]}: {q.text}", q.text) for q in question_bank()],
            value="",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%", max_width="720px"),
        )
        self.draw = w.Button(description="Give me a random question", icon="random")
        self.bank.observe(self._on_bank, names="value")
        self.draw.on_click(self._on_draw)
        self.question = w.Text(
            description="The question asked",
            placeholder="e.g. Tell me about a time you solved a problem at work",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%", max_width="720px"),
        )
        self.mode = w.ToggleButtons(
            description="The box holds",
            options=[("Notes on the answer", "notes"), ("The full answer", "answer")],
            value="notes",
            style={"description_width": "initial", "button_width": "180px"},
        )
        self.answer = w.Textarea(
            description="Answer or notes",
            placeholder="e.g. Clear example about the rota; no result at the end",
            layout=w.Layout(width="100%", max_width="720px", height="110px"),
            style={"description_width": "initial"},
        )
        self.own = {
            i.id: w.ToggleButtons(options=RATINGS, value=None, style={"button_width": "60px"})
            for i in rubric()
        }
        self.partner = {
            i.id: w.ToggleButtons(options=RATINGS, value=None, style={"button_width": "60px"})
            for i in rubric()
        }
        self.compare = w.Button(
            description="Compare our ratings", button_style="info", icon="balance-scale"
        )
        self.result = w.HTML()
        self.compare.on_click(self._on_compare)
        header = w.HBox(
            [
                w.HTML("<b>Point</b>", layout=w.Layout(width="100%", max_width="330px")),
                w.HTML("<b>You</b>", layout=w.Layout(width="100%", max_width="200px")),
                w.HTML(f"<b>{esc(partner_label)}</b>"),
            ],
            layout=w.Layout(flex_flow="row wrap"),
        )
        rows = [
            w.HBox(
                [
                    w.HTML(esc(i.label), layout=w.Layout(width="100%", max_width="330px")),
                    self.own[i.id],
                    self.partner[i.id],
                ],
                layout=w.Layout(flex_flow="row wrap", align_items="center"),
            )
            for i in rubric()
        ]
        offered = [self.bank, self.draw] if offer_questions else []
        self.widget = w.VBox(
            [
                *offered,
                self.question,
                self.mode,
                self.answer,
                header,
                *rows,
                self.compare,
                self.result,
            ]
        )

    def _on_bank(self, change: dict[str, object]) -> None:
        if change["new"]:
            self.question.value = str(change["new"])

    def _on_draw(self, _button: object = None) -> None:
        card = draw_card(seen=[q.id for q in question_bank() if q.text == self.question.value])
        self.question.value = card.text

    def clear(self) -> None:
        """Empty the answer and every rating, for the next round."""
        self.answer.value = ""
        for toggle in [*self.own.values(), *self.partner.values()]:
            toggle.value = None
        self.result.value = ""

    def _on_compare(self, _button: object = None) -> None:
        skip = critic_skip_reason(self.answer.value, self.mode.value)
        report = None if skip else critique(self.answer.value, question=self.question.value or None)
        rows = compare_ratings(
            {k: t.value for k, t in self.own.items()},
            {k: t.value for k, t in self.partner.items()},
            report,
        )
        body = "".join(
            f"<tr><td>{esc(r.item.label)}</td><td>{r.own or '–'}</td><td>{r.partner or '–'}</td>"
            f"<td>{r.critic or '–'}</td><td><i>{esc(r.agreement)}</i></td></tr>"
            for r in rows
        )
        table = (
            '<table class="nr-pair"><thead><tr><th>Point</th><th>You</th><th>Partner</th>'
            f"<th>Critic</th><th></th></tr></thead><tbody>{body}</tbody></table>"
        )
        self.result.value = notice(agreement_summary(rows)) + (notice(skip) if skip else "") + table


class MockInterviewWidget:
    """A timed mock interview for two or three people: rotating roles, question cards, a rubric."""

    def __init__(self) -> None:
        self.round = 0
        self.seen: list[str] = []
        self.names = w.Text(
            description="First names",
            placeholder="e.g. Asha, Ben, Cleo (two or three, with commas)",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%", max_width="420px"),
        )
        self.start = w.Button(
            description="Start / next round", button_style="primary", icon="refresh"
        )
        self.roles = w.HTML()
        self.kinds = w.SelectMultiple(
            options=[(v, k) for k, v in KIND_NAMES.items()],
            value=(),
            rows=5,
            description="Card types",
        )
        self.draw = w.Button(description="Draw a question card", icon="question")
        self.card = w.HTML()
        self.length = w.Dropdown(options=TIMES, value=120, description="Time")
        self.timer = w.Play(value=0, min=0, max=120, step=1, interval=1000, show_repeat=False)
        self.clock = w.HTML()
        self.pair = PairPracticeWidget(partner_label="The observer", offer_questions=False)
        self.start.on_click(self._on_start)
        self.draw.on_click(self._on_draw)
        self.length.observe(self._on_length, names="value")
        self.timer.observe(lambda _c: self._show_clock(), names="value")
        self.widget = w.VBox(
            [
                w.HTML("<h4>Who is practising?</h4>"),
                w.HBox([self.names, self.start]),
                self.roles,
                w.HTML("<h4>Question card</h4>"),
                w.HBox([self.kinds, self.draw]),
                self.card,
                w.HTML("<h4>Timer</h4>"),
                w.HBox([self.length, self.timer]),
                self.clock,
                w.HTML("<h4>The observer's rubric</h4>"),
                self.pair.widget,
            ]
        )
        self._show_clock()

    def _on_start(self, _button: object = None) -> None:
        try:
            cast = rotate(self.names.value.split(","), self.round)
        except ValueError as exc:
            self.roles.value = notice(str(exc), kind="warning")
            return
        self.round += 1
        lines = "".join(f"<li><b>{esc(name)}</b>: {esc(role)}</li>" for name, role in cast.items())
        self.roles.value = f"<p>Round {self.round}</p><ul class='nr-roles'>{lines}</ul>"
        self.pair.clear()
        self.timer.value = 0

    def _on_draw(self, _button: object = None) -> None:
        card = draw_card(self.kinds.value, seen=self.seen)
        self.seen.append(card.id)
        self.pair.question.value = card.text
        self.card.value = (
            '<div class="nr-card" style="border:1px solid #999;border-radius:8px;'
            'padding:10px;max-width:520px">'
            f"<b>{esc(card.text)}</b><br><small>For the interviewer: they are really asking: "
            f"{esc(card.really_asking)}</small></div>"
        )

    def _on_length(self, change: dict[str, object]) -> None:
        self.timer.value = 0
        self.timer.max = int(str(change["new"]))
        self._show_clock()

    def _show_clock(self) -> None:
        left = max(0, self.timer.max - self.timer.value)
        if left == 0:
            self.clock.value = notice(
                "Time's up. Finish your sentence, then swap to feedback.", kind="warning"
            )
            return
        self.clock.value = (
            f'<span class="nr-clock" style="font-size:2em">{left // 60}:{left % 60:02d}</span> left'
        )


def pair_practice_app() -> w.VBox:
    """Module 6's pair practice: self, partner and critic side by side."""
    return PairPracticeWidget().widget


def mock_interview_app() -> w.VBox:
    """The facilitator's timed mock interview with rotating roles."""
    return MockInterviewWidget().widget
