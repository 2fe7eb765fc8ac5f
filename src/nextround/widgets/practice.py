"""Pair and trio practice: the rubric comparison (module 6) and the facilitator's mock interview."""

from __future__ import annotations

import ipywidgets as w

from nextround.critique import critique
from nextround.practice import agreement_summary, compare_ratings, draw_card, rotate, rubric
from nextround.questions import KIND_NAMES
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

    def __init__(self, partner_label: str = "Your partner") -> None:
        self.question = w.Text(
            placeholder="The question that was asked",
            layout=w.Layout(width="100%", max_width="720px"),
        )
        self.answer = w.Textarea(
            placeholder="The answer, written down (or the observer's notes of it)",
            layout=w.Layout(width="100%", max_width="720px", height="110px"),
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
                w.HTML("<b>Point</b>", layout=w.Layout(width="330px")),
                w.HTML("<b>You</b>", layout=w.Layout(width="200px")),
                w.HTML(f"<b>{esc(partner_label)}</b>"),
            ]
        )
        rows = [
            w.HBox(
                [
                    w.HTML(esc(i.label), layout=w.Layout(width="330px")),
                    self.own[i.id],
                    self.partner[i.id],
                ]
            )
            for i in rubric()
        ]
        self.widget = w.VBox([self.question, self.answer, header, *rows, self.compare, self.result])

    def clear(self) -> None:
        """Empty the answer and every rating, for the next round."""
        self.answer.value = ""
        for toggle in [*self.own.values(), *self.partner.values()]:
            toggle.value = None
        self.result.value = ""

    def _on_compare(self, _button: object = None) -> None:
        report = (
            critique(self.answer.value, question=self.question.value or None)
            if self.answer.value.strip()
            else None
        )
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
        self.result.value = notice(agreement_summary(rows)) + table


class MockInterviewWidget:
    """A timed mock interview for two or three people: rotating roles, question cards, a rubric."""

    def __init__(self) -> None:
        self.round = 0
        self.seen: list[str] = []
        self.names = w.Text(
            placeholder="Two or three first names, separated by commas",
            layout=w.Layout(width="420px"),
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
        self.pair = PairPracticeWidget(partner_label="The observer")
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
