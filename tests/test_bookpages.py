"""Traceability: every atom of advice is taught somewhere real, and generated pages are current."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nextround.bookpages import ATOMS, advice_map, generated, headings, map_problems

ROOT = Path(__file__).resolve().parents[1]
CURRICULUM = ROOT.parent / "shared" / "curriculum" / "advice_atoms.md"


def test_there_are_59_atoms_all_mapped() -> None:
    """All 59 atoms (F1-F16, K1-K12, L1-L8, R1-R10, I1-I13) are in the map."""
    assert len(ATOMS) == 59
    assert {atom.id for atom in advice_map()} == set(ATOMS)


def test_every_place_is_a_real_page_and_heading() -> None:
    """No atom points at a missing page or a heading that was renamed."""
    assert map_problems(ROOT) == []


def test_atom_ids_match_the_curriculum_when_it_is_beside_the_repo() -> None:
    """The ids come from the curriculum's list (checked against it where shared/ is present)."""
    if not CURRICULUM.exists():
        assert len(ATOMS) == 59  # the ids above are the curriculum's, copied when it was read
        return
    listed = {
        line[2:].split(" ", 1)[0]
        for line in CURRICULUM.read_text().splitlines()
        if line.startswith("- ") and line[2:3] in "FKLRI" and line[3:4].isdigit()
    }
    assert listed == set(ATOMS)


def test_a_renamed_heading_is_caught(tmp_path: Path) -> None:
    """The check has teeth: rename a heading in a copy and the map reports it."""
    for folder in ("notebooks", "book"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    first = advice_map()[0].taught_in[0]
    page = tmp_path / first.page
    page.write_text(
        page.read_text(encoding="utf-8").replace(first.heading, "Renamed heading"), encoding="utf-8"
    )
    problems = map_problems(tmp_path)
    assert any(f"has no heading '{first.heading}'" in p for p in problems)
    (tmp_path / first.page).unlink()
    assert any("does not exist" in p for p in map_problems(tmp_path))


def test_headings_reads_notebooks_and_markdown() -> None:
    """Headings come from notebook markdown cells and from .md pages alike."""
    assert "Your notes stay with you" in headings(ROOT / "notebooks" / "00_start_here.ipynb")
    assert headings(ROOT / "book" / "glossary.md")[0]


@pytest.mark.parametrize("path", sorted(generated(ROOT)), ids=lambda p: p.name)
def test_generated_pages_are_current(path: Path) -> None:
    """The committed page is what the generator writes (run `nextround book-pages`)."""
    assert path.read_text(encoding="utf-8") == generated(ROOT)[path]


def test_key_points_cover_every_module() -> None:
    """Every module's key points are gathered, in order."""
    text = generated(ROOT)[ROOT / "book" / "key-points.md"]
    positions = [text.index(f"notebooks/0{n}_") for n in range(9)]
    assert positions == sorted(positions)


def test_book_pages_command_refuses_with_a_broken_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`nextround book-pages` stops and says why when a mapped heading is missing."""
    from nextround.cli import main

    for folder in ("notebooks", "book"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    first = advice_map()[0].taught_in[0]
    page = tmp_path / first.page
    page.write_text(
        page.read_text(encoding="utf-8").replace(first.heading, "Gone"), encoding="utf-8"
    )
    before = (tmp_path / "book" / "advice-map.md").read_text(encoding="utf-8")
    monkeypatch.setenv("NEXTROUND_COURSE", str(tmp_path))
    assert main(["book-pages"]) == 1
    assert "Fix these first" in capsys.readouterr().out
    assert (tmp_path / "book" / "advice-map.md").read_text(encoding="utf-8") == before


def test_the_sample_invitation_matches_the_full_day_run_sheet() -> None:
    """The invitation's start and finish are the full-day run sheet's, from its default start."""
    from nextround.course import modules, practice_sessions
    from nextround.runsheet import build

    page = (ROOT / "book" / "facilitator" / "before.md").read_text(encoding="utf-8")
    when = re.search(r"When: .*?(\d{1,2}:\d{2}) start; we will finish by (\d{1,2}:\d{2})", page)
    assert when is not None
    (session,) = build(modules(ROOT), "day", practices=practice_sessions(ROOT)).sessions
    start, end = session.slots[0].start, session.slots[-1].end
    assert when.group(1).zfill(5) == f"{start:%H:%M}"
    assert when.group(2).zfill(5) == f"{end:%H:%M}"


def test_the_facilitator_index_names_all_three_formats() -> None:
    """The front page offers the formats the run sheets are built for; no "one day" claim."""
    page = (ROOT / "book" / "facilitator" / "index.md").read_text(encoding="utf-8")
    for name in ("three-hour core session", "two sessions of 90 minutes", "a full day"):
        assert name in page
    assert "Most groups do the whole course in one day" not in page
