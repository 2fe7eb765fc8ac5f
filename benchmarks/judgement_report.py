"""How the answer critic and the letter checker agree with people: per criterion, per set.

Run with ``python benchmarks/judgement_report.py``. For every labelled set in
``tests/data`` it prints, per criterion (or letter check):

* agreement: the share of labels the engine matches (``"n/a"`` is matched by ``None``);
* recall of real problems: of the labels that say *fails*, the share the engine fails;
* precision of fail flags: of the engine's *fails* on labelled cases, the share the label
  agrees with;

and, for the question-kind set, the share of wordings read as the labelled kind. The same
figures are asserted in ``tests/test_critique_quality.py`` and ``tests/test_letters_quality.py``.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"

ANSWER_SETS = (
    "critic_labelled.toml",
    "critic_blind.toml",
    "critic_holdout.toml",
    "critic_fresh.toml",
    "critic_later.toml",
)
LETTER_SETS = (
    "letters_labelled.toml",
    "letters_blind.toml",
    "letters_holdout.toml",
    "letters_fresh.toml",
    "letters_later.toml",
)
KIND_SETS = ("question_kinds.toml", "question_kinds_fresh.toml", "question_kinds_later.toml")


@dataclass
class Tally:
    """Agreement, recall and precision on one criterion over one set."""

    name: str
    agreed: int = 0
    total: int = 0
    problems: int = 0  # labels that say fails
    caught: int = 0  # ... that the engine also fails
    flags: int = 0  # engine fails on labelled cases
    right_flags: int = 0  # ... that the label agrees with
    misses: list[str] = field(default_factory=list)

    def add(self, case_id: str, want: bool | None, got: bool | None) -> None:
        """Count one labelled case."""
        self.total += 1
        if want == got:
            self.agreed += 1
        else:
            self.misses.append(f"{case_id} (label {_show(want)}, engine {_show(got)})")
        if want is False:
            self.problems += 1
            self.caught += got is False
        if got is False:
            self.flags += 1
            self.right_flags += want is False

    @property
    def agreement(self) -> float:
        """The share of labels matched (1.0 when nothing is labelled)."""
        return self.agreed / self.total if self.total else 1.0

    @property
    def recall(self) -> float:
        """The share of real problems caught (1.0 when there are none)."""
        return self.caught / self.problems if self.problems else 1.0

    @property
    def precision(self) -> float:
        """The share of fail flags that were right (1.0 when the engine raised none)."""
        return self.right_flags / self.flags if self.flags else 1.0


def _show(value: bool | None) -> str:
    return "n/a" if value is None else ("pass" if value else "fail")


def label_value(label: Any) -> bool | None:
    """A label as the engines report it: ``"n/a"`` is None."""
    if label == "n/a":
        return None
    if not isinstance(label, bool):
        raise TypeError(f"unexpected label {label!r}")
    return label


def load(name: str, table: str) -> list[dict[str, Any]]:
    """The cases of one labelled set (empty when the file is not there yet)."""
    path = DATA / name
    if not path.exists():
        return []
    with path.open("rb") as handle:
        return list(tomllib.load(handle).get(table, []))


def _tally(
    cases: Iterable[Mapping[str, Any]],
    names: Iterable[str],
    verdicts: Callable[[Mapping[str, Any]], Mapping[str, bool | None]],
) -> dict[str, Tally]:
    tallies = {n: Tally(n) for n in names}
    for case in cases:
        got = verdicts(case)
        for name, label in case.get("labels", {}).items():
            if name in tallies:
                tallies[name].add(str(case["id"]), label_value(label), got[name])
    return tallies


def answer_tallies(name: str) -> dict[str, Tally]:
    """Per-criterion tallies of the critic over one answer set."""
    from nextround.critique import CRITERIA, critique  # noqa: PLC0415

    def verdicts(case: Mapping[str, Any]) -> dict[str, bool | None]:
        report = critique(
            case["answer"],
            question=case.get("question"),
            job_description=case.get("job_description"),
        )
        return {f.criterion: f.passed for f in report.findings}

    return _tally(load(name, "answer"), CRITERIA, verdicts)


def letter_tallies(name: str) -> dict[str, Tally]:
    """Per-check tallies of the letter checker over one letter set."""
    from nextround.letters import CHECKS, check_letter  # noqa: PLC0415

    def verdicts(case: Mapping[str, Any]) -> dict[str, bool | None]:
        report = check_letter(case["text"], case["kind"])
        return {r.check: r.passed for r in report.checks}

    return _tally(load(name, "letter"), CHECKS, verdicts)


def _wording(case: Mapping[str, Any]) -> str:
    return str(case.get("question") or case.get("text") or case.get("wording") or "")


def kind_tally(name: str) -> Tally:
    """How often the classifier reads each labelled wording (or answer's question) right."""
    from nextround.critique import classify_question  # noqa: PLC0415

    tally = Tally("question kind")
    for table in ("question", "wording", "item", "answer"):
        for case in load(name, table):
            if "kind" not in case:
                continue
            got = classify_question(_wording(case))
            tally.total += 1
            if got == case["kind"]:
                tally.agreed += 1
            else:
                tally.misses.append(f"{_wording(case)!r}: label {case['kind']}, engine {got}")
    return tally


def gamed_versus_strong(name: str) -> tuple[float, float, int, int]:
    """Mean share of checks passed by gamed answers and by strong ones in one set."""
    from nextround.critique import critique  # noqa: PLC0415

    shares: dict[str, list[float]] = {"gamed": [], "strong": []}
    for case in load(name, "answer"):
        category = str(case.get("category", ""))
        group = "gamed" if case.get("gamed") is True or category == "gamed" else category
        if group not in shares:
            continue
        report = critique(
            case["answer"],
            question=case.get("question"),
            job_description=case.get("job_description"),
        )
        applicable = len(report.applicable)
        if applicable:
            shares[group].append(report.passed_count / applicable)

    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    return (
        mean(shares["gamed"]),
        mean(shares["strong"]),
        len(shares["gamed"]),
        len(shares["strong"]),
    )


def _print_table(title: str, tallies: Mapping[str, Tally], *, verbose: bool) -> None:
    print(f"\n{title}")
    print(f"  {'criterion':<18}{'labels':>7}{'agree':>8}{'recall':>9}{'precision':>11}")
    for tally in tallies.values():
        if not tally.total:
            continue
        print(
            f"  {tally.name:<18}{tally.total:>7}{tally.agreement:>8.1%}"
            f"{tally.recall:>9.1%}{tally.precision:>11.1%}"
            f"   ({tally.caught}/{tally.problems} caught,"
            f" {tally.right_flags}/{tally.flags} flags right)"
        )
        if verbose:
            for miss in tally.misses:
                print(f"      differs: {miss}")


def _print_kinds(title: str, tally: Tally, *, verbose: bool) -> None:
    if not tally.total:
        return
    print(f"{title}: {tally.agreed}/{tally.total} = {tally.agreement:.1%}")
    if verbose:
        for miss in tally.misses:
            print(f"      differs: {miss}")


def main(argv: list[str]) -> None:
    """Print every table; ``-v`` lists each disagreement too."""
    verbose = "-v" in argv
    for name in ANSWER_SETS:
        if not load(name, "answer"):
            continue
        _print_table(f"Answer critic: {name}", answer_tallies(name), verbose=verbose)
        _print_kinds("  question kind", kind_tally(name), verbose=verbose)
        gamed, strong, n_gamed, n_strong = gamed_versus_strong(name)
        if n_gamed and n_strong:
            print(
                f"  checks passed: gamed {gamed:.1%} (n={n_gamed})"
                f" vs strong {strong:.1%} (n={n_strong})"
            )
    for name in KIND_SETS:
        _print_kinds(f"\nQuestion kinds: {name}", kind_tally(name), verbose=verbose)
    for name in LETTER_SETS:
        if load(name, "letter"):
            _print_table(f"Letter checker: {name}", letter_tallies(name), verbose=verbose)


if __name__ == "__main__":
    main(sys.argv[1:])
