"""Committed notebooks carry no outputs, no execution counts and follow the course skeleton."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/**/*.ipynb")])


def _load(path: Path) -> dict[str, object]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _code_cells(path: Path) -> list[dict[str, object]]:
    cells = _load(path)["cells"]
    assert isinstance(cells, list)
    return [c for c in cells if c["cell_type"] == "code"]


def test_there_are_notebooks() -> None:
    """The globs below really find the course."""
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_outputs_or_execution_counts(path: Path) -> None:
    """Outputs and counts are personal and noisy in diffs; strip them before committing."""
    dirty = [c for c in _code_cells(path) if c.get("outputs") or c.get("execution_count")]
    assert dirty == [], f"{path.name}: strip outputs (e.g. `nbstripout` or Clear All Outputs)"


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.parent.name == "notebooks"], ids=lambda p: p.name
)
def test_module_code_cells_are_one_hidden_line(path: Path) -> None:
    """Learners see widgets, not code: each code cell is one hidden line importing the package."""
    for cell in _code_cells(path):
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        assert isinstance(source, str)
        assert len(source.strip().splitlines()) == 1, source
        assert source.startswith("from nextround"), source
        metadata = cell["metadata"]
        assert isinstance(metadata, dict)
        assert metadata.get("jupyter", {}).get("source_hidden") is True, source
        assert "remove-input" in metadata.get("tags", []), source
