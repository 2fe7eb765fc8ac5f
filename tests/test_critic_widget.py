"""The critic's practice widget, driven without a kernel."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from nextround import items
from nextround.store import Store
from nextround.widgets.critic import OWN_QUESTION, CriticWidget, answer_key, worked_examples_html
from tests.samples import STRONG, WEAK
from tests.strategies import any_text


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "s.sqlite3") as opened:
        yield opened


def test_feedback_appears_as_you_type(store: Store) -> None:
    """Typing an answer updates the findings and highlights the words behind them."""
    app = CriticWidget(store)
    assert "Write your answer" in app.summary.value or "answer" in app.summary.value
    app.answer.value = WEAK
    assert 'data-criterion="negativity" data-passed="False"' in app.findings.value
    assert '<mark class="nr-evidence"' in app.marked.value
    assert "useless" in app.marked.value
    assert ("No negativity", "negativity") in app.dismiss_pick.options
    assert app.dismiss_pick.options[0] == ("Pick a point…", "")


def test_own_question_changes_the_kind(store: Store) -> None:
    """Typing your own 'why us' question makes the critic judge enthusiasm."""
    app = CriticWidget(store)
    app.pick.value = OWN_QUESTION
    app.own.value = "Why do you want to work for us?"
    app.answer.value = "It pays well and it is near my house, so it would suit me fine really."
    assert "Read as a why-this-job question" in app.read_as.value
    assert 'data-criterion="enthusiasm" data-passed="False"' in app.findings.value


def test_dismissed_finding_is_kept_and_shown_not_hidden(store: Store) -> None:
    """'I disagree' stores the reason and marks the finding, for that answer only."""
    app = CriticWidget(store)
    app.answer.value = WEAK
    app.dismiss_pick.value = "negativity"
    app.dismiss_reason.value = "He really was <i>useless</i>"
    app.dismiss.click()
    assert "You disagreed: He really was &lt;i&gt;useless&lt;/i&gt;" in app.findings.value
    assert 'data-criterion="negativity"' in app.findings.value
    (saved,) = items.of_kind(store, "dismissal")
    assert saved.body["answer_key"] == answer_key(WEAK)
    fresh = CriticWidget(store)
    fresh.answer.value = WEAK
    assert "You disagreed" in fresh.findings.value
    fresh.answer.value = WEAK + " Another sentence."
    assert "You disagreed" not in fresh.findings.value


def test_rewrite_and_compare_side_by_side(store: Store) -> None:
    """Keep a first attempt, rewrite, compare: before and after with what improved."""
    app = CriticWidget(store)
    app.compare.click()
    assert "Keep a first attempt" in app.comparison.value
    app.answer.value = WEAK
    app.keep.click()
    app.answer.value = STRONG
    app.compare.click()
    assert "improved" in app.comparison.value
    assert app.comparison.value.count('class="nr-findings"') == 2
    (practice,) = items.of_kind(store, "practice")
    assert "negativity" not in practice.body["failed"]


def test_worked_examples_render_both_answers() -> None:
    """Every worked example shows a weak and a strong answer, critiqued."""
    html = worked_examples_html()
    assert html.count("A weak answer") == html.count("A strong answer") >= 4
    assert "What changed" in html


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text)
def test_any_text_never_breaks_the_widget(text: str) -> None:
    """Emoji, RTL, control characters, HTML: the widget answers and escapes everything."""
    app = CriticWidget(Store(":memory:"))
    app.answer.value = text
    app.job.value = text
    assert "<script>" not in app.marked.value + app.findings.value
    assert app.findings.value.count('class="nr-finding"') == 13


def test_a_megabyte_answer_is_handled(store: Store) -> None:
    """A huge paste gets feedback (too long) rather than a crash."""
    app = CriticWidget(store)
    app.answer.value = "I led the team and we shipped it. " * 30_000
    assert 'data-criterion="length" data-passed="False"' in app.findings.value


def test_own_question_box_hides_alone(store: Store) -> None:
    """Hiding the own-question box leaves the question picker and job box visible."""
    app = CriticWidget(store)
    assert app.own.layout.display == "none"
    assert app.pick.layout.display != "none"
    assert app.job.layout.display != "none"
    assert app.pick.layout is not app.own.layout


def test_exercise_practice_is_not_recorded(store: Store) -> None:
    """Rewriting someone else's answer in an exercise does not feed your action plan."""
    app = CriticWidget(store, record=False)
    app.answer.value = WEAK
    app.keep.click()
    app.answer.value = STRONG
    app.compare.click()
    assert "improved" in app.comparison.value
    assert items.of_kind(store, "practice") == []


def test_the_question_kind_is_shown_and_can_be_changed(store: Store) -> None:
    """The critic says how it read the question; choosing another kind re-reads the answer."""
    app = CriticWidget(store)
    app.pick.value = OWN_QUESTION
    app.own.value = "Tell me about a time you faced a difficult challenge."
    app.answer.value = "It pays well and it is near my house, so it would suit me fine really."
    assert "Read as a story question about a challenge" in app.read_as.value
    assert 'data-criterion="enthusiasm" data-passed="None"' in app.findings.value
    app.kind_pick.value = "motivation"
    assert "(your choice)" in app.read_as.value
    assert 'data-criterion="enthusiasm" data-passed="False"' in app.findings.value


def test_a_dismissal_is_confirmed_listed_and_left_out_of_the_choices(store: Store) -> None:
    """After dismissing, a message says so, the point leaves the list and is listed as yours."""
    app = CriticWidget(store)
    app.dismiss.click()
    app.answer.value = WEAK
    app.dismiss.click()
    assert "Pick a point the critic marked first" in app.dismiss_message.value
    app.dismiss_pick.value = "negativity"
    app.dismiss_reason.value = "Fair <comment>"
    app.dismiss.click()
    assert "Kept: you disagreed with “No negativity”" in app.dismiss_message.value
    assert "negativity" not in [v for _, v in app.dismiss_pick.options]
    assert "Fair &lt;comment&gt;" in app.dismissed_list.value
    fresh = CriticWidget(store)
    assert "Points you disagreed with for this question" in fresh.dismissed_list.value


def test_a_dismissed_point_does_not_count_against_the_plan(store: Store) -> None:
    """A point the learner disagreed with is not recorded as a practice failure."""
    app = CriticWidget(store)
    app.answer.value = WEAK
    app.dismiss_pick.value = "negativity"
    app.dismiss.click()
    app.keep.click()
    (attempt,) = items.of_kind(store, "practice")
    assert "negativity" not in attempt.body["failed"]


SALARY_ANSWER = (
    "Thank you for asking. I have looked at similar roles in the area and at what the job "
    "involves, and I am looking for a salary of around 28,000 pounds a year. That reflects my "
    "three years of experience running a busy office and the training I have completed since. "
    "I am also interested in the whole package, such as training and flexible hours, so I am "
    "happy to talk about how we can find something that works for both of us."
)


def test_keeping_an_attempt_again_updates_it(store: Store) -> None:
    """Pressing Keep three times leaves one practice answer for the question, the latest."""
    app = CriticWidget(store)
    app.answer.value = WEAK
    app.keep.click()
    app.keep.click()
    app.answer.value = STRONG
    app.keep.click()
    (practice,) = items.of_kind(store, "practice")
    assert practice.body["question"] == app.question_text
    assert "negativity" not in practice.body["failed"]
    app.pick.value = OWN_QUESTION
    app.own.value = "What salary are you expecting?"
    app.answer.value = SALARY_ANSWER
    app.keep.click()
    assert len(items.of_kind(store, "practice")) == 2


def test_a_salary_answer_with_nothing_failed_is_not_styled_ready(store: Store) -> None:
    """The critic cannot judge a salary answer's content: no success styling, say so."""
    app = CriticWidget(store)
    app.pick.value = OWN_QUESTION
    app.own.value = "What salary are you expecting?"
    app.answer.value = SALARY_ANSWER
    assert app.report().next_step is None
    assert "nr-success" not in app.summary.value
    assert "cannot judge the content" in app.summary.value
    app.pick.value = "difficult-customer"
    app.answer.value = STRONG
    assert app.report().ready
    assert "nr-success" in app.summary.value


def test_the_next_step_never_names_a_dismissed_point(store: Store) -> None:
    """Dismissing the point the summary names moves the next step on to another point."""
    app = CriticWidget(store)
    app.answer.value = WEAK
    step = app.report().next_step
    assert step is not None
    assert step.message in app.summary.value.replace("&#x27;", "'").replace("&quot;", '"')
    app.dismiss_pick.value = step.criterion
    app.dismiss.click()
    summary = app.summary.value.replace("&#x27;", "'").replace("&quot;", '"')
    assert step.message not in summary
    assert "Next step:" in summary
