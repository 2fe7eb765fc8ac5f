"""Exercises: one source (the solution notebooks) for the exercise notebooks and book pages."""

from __future__ import annotations

import ast
import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import nextround.widgets
from nextround.critique import critique
from nextround.exercises import (
    ACTIVITY_NOTE,
    LATER_PLACEHOLDER,
    PLACEHOLDER,
    PLACEHOLDER_TAG,
    book_page,
    cell_source,
    exercise_version,
    generated,
    is_solution,
    main,
    notebook_name,
    problems,
    prompts,
    solution_notebooks,
    structure_problems,
)
from nextround.journal import example_journal, guide
from nextround.letters import check_letter
from nextround.questions import question_bank
from nextround.reflection import reflection_guide
from tests.strategies import any_text

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = solution_notebooks(ROOT)
EXERCISE_NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
ALL_NOTEBOOKS = [path for path, _ in SOLUTIONS] + EXERCISE_NOTEBOOKS
# A blockquote in a model answer: the rewritten answer or the repaired letter.
_QUOTE = re.compile(r"(?:^>.*(?:\n|$))+", re.M)


def _load(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _by_number(number: int) -> dict[str, Any]:
    return next(nb for _, nb in SOLUTIONS if nb["metadata"]["nextround"]["exercise"] == number)


def _md(text: str, *, solution: bool = False) -> dict[str, Any]:
    return {
        "cell_type": "markdown",
        "metadata": {"tags": ["solution"]} if solution else {},
        "source": text,
    }


def _code(line: str) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {"jupyter": {"source_hidden": True}, "tags": ["remove-input"]},
        "outputs": [],
        "source": line,
    }


def _tiny(*cells: dict[str, Any]) -> dict[str, Any]:
    """A small solution notebook in the house layout, with the given cells in the middle."""
    return {
        "cells": [
            _md("# Exercise 9: Tiny test\n\nIntro.\n\n## What to do\n\nDo it."),
            *cells,
            _md("## Key points\n\n- One."),
        ],
        "metadata": {"nextround": {"exercise": 9, "title": "Tiny test"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _first_quote(markdown: str) -> str:
    """The first blockquote's text, paragraphs joined by blank lines."""
    match = _QUOTE.search(markdown)
    assert match, markdown
    lines = [line[1:].removeprefix(" ") for line in match.group(0).splitlines()]
    return "\n".join(lines).strip()


def _widget_call(source: str) -> tuple[str, list[Any], dict[str, Any]]:
    """The widget function a one-line cell calls, with its literal arguments."""
    tree = ast.parse(source)
    calls = [
        n.value for n in tree.body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)
    ]
    assert len(calls) == 1, source
    call = calls[0]
    assert isinstance(call.func, ast.Name), source
    args = [ast.literal_eval(a) for a in call.args]
    kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    return call.func.id, args, kwargs


def _panels_with_answers(function: str) -> list[Any]:
    """(exercise, call arguments, model answer) for each panel of one kind in the solutions."""
    found = []
    for path, nb in SOLUTIONS:
        cells = nb["cells"]
        for index, cell in enumerate(cells):
            if cell["cell_type"] != "code":
                continue
            name, args, kwargs = _widget_call(cell_source(cell))
            if name != function:
                continue
            answer = next(c for c in cells[index + 1 :] if is_solution(c))
            found.append(pytest.param(args, kwargs, cell_source(answer), id=f"{path.stem}-{index}"))
    return found


# --- the committed files -----------------------------------------------------------------


def test_there_are_five_exercises_numbered_in_order() -> None:
    """The five exercises of the course are all there, numbered 1 to 5."""
    numbers = [nb["metadata"]["nextround"]["exercise"] for _, nb in SOLUTIONS]
    assert numbers == [1, 2, 3, 4, 5]


def test_solution_notebooks_are_well_formed() -> None:
    """Every solution notebook follows the layout and is named after its metadata."""
    assert problems(ROOT) == []


@pytest.mark.parametrize("path", sorted(generated(ROOT)), ids=lambda p: p.name)
def test_generated_files_are_current(path: Path) -> None:
    """Each exercise notebook and book page is exactly what the generator writes.

    If this fails, run ``python -m nextround.exercises`` and commit what it changes.
    """
    assert path.read_text(encoding="utf-8") == generated(ROOT)[path]


def test_nothing_generated_is_left_over() -> None:
    """No exercise notebook or book page exists without a solution notebook behind it."""
    made = set(generated(ROOT))
    on_disk = set(EXERCISE_NOTEBOOKS) | set((ROOT / "book" / "exercises").glob("*.md"))
    assert on_disk - made == set()


@pytest.mark.parametrize(("path", "nb"), SOLUTIONS, ids=[p.stem for p, _ in SOLUTIONS])
def test_no_model_answer_leaks_into_the_exercise(path: Path, nb: dict[str, Any]) -> None:
    """No paragraph of a model answer appears in the exercise notebook learners open."""
    exercise = (ROOT / "exercises" / path.name).read_text(encoding="utf-8")
    exercise_text = "\n".join(cell_source(c) for c in json.loads(exercise)["cells"])
    shared = "\n".join(cell_source(c) for c in nb["cells"] if not is_solution(c))
    paragraphs = [
        p.strip()
        for cell in nb["cells"]
        if is_solution(cell)
        for p in cell_source(cell).split("\n\n")
        if len(p.strip()) > 30 and p.strip() not in shared
    ]
    assert paragraphs
    leaked = [p for p in paragraphs if p in exercise_text]
    assert leaked == []


@pytest.mark.parametrize(("path", "nb"), SOLUTIONS, ids=[p.stem for p, _ in SOLUTIONS])
def test_each_exercise_has_model_answers_and_matching_placeholders(
    path: Path, nb: dict[str, Any]
) -> None:
    """At least one model answer, and the exercise has one placeholder in each one's place."""
    exercise = _load(ROOT / "exercises" / path.name)
    solution_at = [i for i, c in enumerate(nb["cells"]) if is_solution(c)]
    placeholder_at = [
        i
        for i, c in enumerate(exercise["cells"])
        if PLACEHOLDER_TAG in c["metadata"].get("tags", [])
    ]
    assert solution_at
    assert placeholder_at == solution_at
    assert exercise["metadata"]["nextround"]["variant"] == "exercise"
    # The "Your turn" line is said once, with a link to a solution notebook that exists.
    text = json.dumps(exercise)
    assert text.count("Your turn") == 1
    first = "".join(exercise["cells"][placeholder_at[0]]["source"])
    link = re.search(r"\]\((solutions/[^)]+)\)", first)
    assert link is not None
    assert (ROOT / "exercises" / link.group(1)).is_file()
    for later in placeholder_at[1:]:
        assert exercise["cells"][later]["source"] == [LATER_PLACEHOLDER]


@pytest.mark.parametrize(("path", "nb"), SOLUTIONS, ids=[p.stem for p, _ in SOLUTIONS])
def test_every_activity_panel_is_followed_by_its_model_answer(
    path: Path, nb: dict[str, Any]
) -> None:
    """Straight after each panel comes a model answer, so none is left untagged and visible."""
    cells = nb["cells"]
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            assert is_solution(cells[index + 1]), f"{path.name}: cell {index + 1}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_widget_calls_name_functions_the_package_exports(path: Path) -> None:
    """Every code cell is one line importing and calling a widget in nextround.widgets.__all__."""
    code = [c for c in _load(path)["cells"] if c["cell_type"] == "code"]
    assert code
    for cell in code:
        source = cell_source(cell)
        assert len(source.strip().splitlines()) == 1, source
        tree = ast.parse(source)
        imports = [n for n in tree.body if isinstance(n, ast.ImportFrom)]
        assert [i.module for i in imports] == ["nextround.widgets"], source
        imported = {alias.name for i in imports for alias in i.names}
        assert imported <= set(nextround.widgets.__all__), source
        called, _, _ = _widget_call(source)
        assert called in imported, source


# --- the model answers hold up -----------------------------------------------------------


@pytest.mark.parametrize(("args", "kwargs", "answer"), _panels_with_answers("critic_app"))
def test_rewritten_answers_pass_every_check_the_weak_ones_fail(
    args: list[Any], kwargs: dict[str, Any], answer: str
) -> None:
    """Each model rewrite passes every applicable critic check; the weak answer fails several."""
    questions = {q.id: q.text for q in question_bank()}
    question = questions[kwargs["question_id"]]
    weak = critique(args[0], question=question)
    strong = critique(_first_quote(answer), question=question)
    assert [f.criterion for f in strong.findings if f.passed is False] == []
    assert len([f for f in weak.findings if f.passed is False]) >= 3
    assert kwargs["examples"] is False


@pytest.mark.parametrize(("args", "kwargs", "answer"), _panels_with_answers("letter_studio_app"))
def test_repaired_letters_pass_every_check_the_drafts_fail(
    args: list[Any], kwargs: dict[str, Any], answer: str
) -> None:
    """Each repaired letter passes every applicable letter check; the draft fails several."""
    kind = args[0]
    draft = check_letter(kwargs["text"], kind)
    repaired = check_letter(_first_quote(answer), kind)
    assert [c.check for c in repaired.checks if c.passed is False] == []
    assert len([c for c in draft.checks if c.passed is False]) >= 3


def test_there_are_three_answers_and_two_letters_to_repair() -> None:
    """Exercise 1 has three weak answers and exercise 2 two flawed letters, one per cell."""
    assert len(_panels_with_answers("critic_app")) == 3
    letters = _panels_with_answers("letter_studio_app")
    assert sorted(p.values[0][0] for p in letters) == ["feedback_request", "thank_you"]
    thank_you = next(p.values[1]["text"] for p in letters if p.values[0][0] == "thank_you")
    assert "[Name]" in thank_you


def test_the_transcript_is_short_enough_to_read_twice() -> None:
    """Exercise 3's transcript is 250 to 400 words of dialogue."""
    cells = _by_number(3)["cells"]
    transcript = next(
        cell_source(c) for c in cells if cell_source(c).startswith("## The transcript")
    )
    count = len(transcript.removeprefix("## The transcript").split())
    assert 250 <= count <= 400, count


def test_the_debrief_uses_a_practice_journal_that_is_never_saved() -> None:
    """Exercise 3 opens the in-memory journal, never the learner's own."""
    calls = [
        _widget_call(cell_source(c)) for c in _by_number(3)["cells"] if c["cell_type"] == "code"
    ]
    assert calls == [("journal_app", [], {"practice": True})]


def test_the_matching_model_answer_follows_the_course_data() -> None:
    """Exercise 4's model answer quotes every thought and fairer thought the panel offers."""
    answers = "\n".join(cell_source(c) for c in _by_number(4)["cells"] if is_solution(c))
    for thought, fairer, _trap in reflection_guide().matches:
        assert thought in answers
        assert fairer in answers


def test_the_plan_for_dana_covers_every_interview_in_her_journal() -> None:
    """Exercise 5 names each of Dana's employers, and looks at her patterns before planning."""
    nb = _by_number(5)
    text = "\n".join(cell_source(c) for c in nb["cells"])
    for entry in example_journal().entries():
        assert entry.company in text
    calls = [_widget_call(cell_source(c))[0] for c in nb["cells"] if c["cell_type"] == "code"]
    assert calls == ["journal_insights_app", "action_plan_app"]


# --- how the generator works -------------------------------------------------------------


def test_exercise_version_swaps_answers_for_placeholders_and_leaves_the_source_alone() -> None:
    """Model answers become tagged placeholders; everything else, and the input, is unchanged."""
    nb = _tiny(_md("### Task\n\nDo the task."), _code("x()"), _md("Secret answer.", solution=True))
    before = copy.deepcopy(nb)
    exercise = exercise_version(nb)
    assert nb == before
    assert exercise["cells"][:3] == nb["cells"][:3]
    assert exercise["cells"][3] == {
        "cell_type": "markdown",
        "metadata": {"tags": [PLACEHOLDER_TAG]},
        "source": [PLACEHOLDER.format(link="solutions/09_tiny_test.ipynb")],
    }
    assert "Secret answer" not in json.dumps(exercise)
    assert exercise["metadata"]["nextround"] == {
        "exercise": 9,
        "title": "Tiny test",
        "variant": "exercise",
    }


def test_a_placeholder_keeps_the_cell_id() -> None:
    """Cell ids stay unique and stable, so diffs of the exercise notebooks stay small."""
    answer = {**_md("Answer.", solution=True), "id": "abc-1"}
    exercise = exercise_version(_tiny(_md("Task."), answer))
    assert exercise["cells"][2]["id"] == "abc-1"


def test_book_page_pairs_each_task_with_its_folded_solution() -> None:
    """The task before a model answer becomes an exercise, the answer a dropdown solution."""
    nb = _tiny(
        _md("### First\n\nDo one."),
        _code("from nextround.widgets import critic_app; critic_app()"),
        _md("Answer one.", solution=True),
        _md("Do two."),
        _md("Answer two.", solution=True),
    )
    page = book_page(nb)
    assert "### First\n\n:::{exercise}\n:label: ex9-1\n\nDo one.\n:::" in page
    assert ":::{solution} ex9-1\n:class: dropdown\n\nAnswer one.\n:::" in page
    assert ":::{exercise}\n:label: ex9-2\n\nDo two.\n:::" in page
    assert ":::{solution} ex9-2\n:class: dropdown\n\nAnswer two.\n:::" in page
    assert page.index("Do one.") < page.index(ACTIVITY_NOTE) < page.index("Answer one.")
    assert "critic_app" not in page
    assert f"(../../exercises/{notebook_name(nb)}.ipynb)" in page
    assert page.splitlines()[2] == "# Exercise 9: Tiny test"


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        pytest.param(
            "[M1](../notebooks/01_after_the_no.ipynb)",
            "[M1](../../notebooks/01_after_the_no.ipynb)",
            id="relative",
        ),
        pytest.param("![pic](img/a.png)", "![pic](../img/a.png)", id="image"),
        pytest.param("[site](https://example.org/a)", "[site](https://example.org/a)", id="web"),
        pytest.param("[mail](mailto:a@example.org)", "[mail](mailto:a@example.org)", id="mailto"),
        pytest.param("[up](#key-points)", "[up](#key-points)", id="anchor"),
    ],
)
def test_book_page_moves_relative_links_one_folder_deeper(link: str, expected: str) -> None:
    """Links written for exercises/ still work from book/exercises/; others are untouched."""
    assert expected in book_page(_tiny(_md(f"See {link}.")))


def test_a_task_with_a_directive_inside_gets_a_longer_fence() -> None:
    """A tip inside a task stays inside the exercise block."""
    page = book_page(_tiny(_md("Do it.\n\n:::{tip}\nA tip.\n:::"), _md("A.", solution=True)))
    assert "::::{exercise}\n:label: ex9-1\n\nDo it.\n\n:::{tip}\nA tip.\n:::\n::::" in page


@given(body=any_text)
def test_fences_are_always_longer_than_any_fence_inside(body: str) -> None:
    """Whatever a task says, its closing fence cannot be mistaken for one inside it."""
    page = book_page(_tiny(_md(f"Task: {body}"), _md("Answer.", solution=True)))
    opening = re.search(r"^(:{3,})\{exercise\}", page, re.M)
    assert opening
    lines = re.split(r"\r\n|\r|\n", f"Task: {body}")
    inner = [len(m.group(1)) for line in lines if (m := re.match(r"\s*(:{3,})", line))]
    assert all(len(opening.group(1)) > n for n in inner)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        pytest.param([_md("A.", solution=True)], "needs a markdown cell", id="no-task"),
        pytest.param(
            [_md("Task."), _md("A.", solution=True), _md("B.", solution=True)],
            "needs a markdown cell",
            id="two-answers-one-task",
        ),
        pytest.param(
            [{"cell_type": "raw", "source": "x"}, _md("A.", solution=True)],
            "needs a markdown cell",
            id="raw-above",
        ),
        pytest.param(
            [{**_code("x()"), "metadata": {"tags": ["solution"]}}],
            "not a markdown cell",
            id="code-answer",
        ),
    ],
)
def test_a_model_answer_without_its_own_task_is_refused(
    cells: list[dict[str, Any]], message: str
) -> None:
    """The rule 'the markdown cell above is the task' is enforced, not guessed around."""
    nb = {"cells": cells, "metadata": {"nextround": {"exercise": 9, "title": "T"}}}
    with pytest.raises(ValueError, match=message):
        prompts(nb)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param(lambda nb: nb["cells"].pop(), "Key points", id="no-key-points"),
        pytest.param(
            lambda nb: nb["cells"][0].update(source="# Exercise 9: Other\n\n## What to do"),
            "should start with",
            id="title-differs",
        ),
        pytest.param(
            lambda nb: nb["cells"][1].update(source="x = 1\ny = 2"), "exactly one line", id="long"
        ),
        pytest.param(lambda nb: nb["cells"][1].update(metadata={}), "hidden", id="not-hidden"),
        pytest.param(lambda nb: nb["cells"].pop(3), "no model answer", id="no-answer"),
    ],
)
def test_layout_problems_are_reported(change: Any, problem: str) -> None:
    """Each break from the house layout is named, so the generator can refuse it."""
    # Cells: 0 title and what to do, 1 an activity, 2 a task, 3 its answer, 4 key points.
    nb = _tiny(_code("x()"), _md("Task."), _md("Answer.", solution=True))
    assert structure_problems(nb) == []
    change(nb)
    assert any(problem in p for p in structure_problems(nb))


def test_main_rewrites_the_files_from_the_solutions(tmp_path: Path) -> None:
    """Run on a copy with the generated files deleted, the generator makes them again."""
    shutil.copytree(ROOT / "exercises" / "solutions", tmp_path / "exercises" / "solutions")
    assert main([str(tmp_path)]) == 0
    for path, text in generated(ROOT).items():
        assert (tmp_path / path.relative_to(ROOT)).read_text(encoding="utf-8") == text


def test_main_refuses_to_write_when_a_solution_is_broken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A solution notebook without its key points stops the generator, with the reason."""
    folder = tmp_path / "exercises" / "solutions"
    shutil.copytree(ROOT / "exercises" / "solutions", folder)
    path = sorted(folder.glob("*.ipynb"))[0]
    nb = _load(path)
    nb["cells"].pop()
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    assert "Key points" in capsys.readouterr().err
    assert not (tmp_path / "book").exists()


def test_danas_table_matches_her_example_journal() -> None:
    """Exercise 5's table gives each interview the outcome the example data holds (Copperleaf
    froze the role and she is still waiting, not offered the job)."""
    path = ROOT / "exercises" / "solutions" / "05_plan_for_dana.ipynb"
    text = "".join(
        "".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
    )
    rows = [r for r in text.splitlines() if re.match(r"\| \d+ [A-Z][a-z]+ \|", r)]
    entries = example_journal().entries()
    assert len(rows) == len(entries) == 6
    said = {"I withdrew": "She withdrew"}
    for entry in entries:
        (row,) = [r for r in rows if f"| {entry.company}, " in r]
        outcome = guide().outcomes[entry.outcome]
        assert row.split(" | ")[4] == said.get(outcome, outcome), entry.company
    assert "Offered the job" not in text
    assert "reopened the role" not in text
