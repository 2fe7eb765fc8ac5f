"""The book's content builds strictly and offline: no warnings, broken links, unknown directives."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = Path(__file__).with_name("offline-template")
# myst prints problems with these markers; --strict alone does not fail on all of them.
PROBLEM = re.compile(r"⛔️|⚠️|\berror\b", re.IGNORECASE)


def offline_copy(tmp_path: Path) -> Path:
    """Copy the book (and the notebooks it includes) with a config that uses the local template."""
    for folder in ("book", "notebooks", "exercises"):
        source = ROOT / folder
        if source.exists():
            shutil.copytree(
                source, tmp_path / folder, ignore=shutil.ignore_patterns("_build", ".ipynb_*")
            )
    config_path = tmp_path / "book" / "myst.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["site"]["template"] = str(TEMPLATE)
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return tmp_path / "book"


def build(book: Path) -> subprocess.CompletedProcess[str]:
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book)] if jupyter_book.exists() else ["jupyter-book"]
    return subprocess.run(
        [*command, "build", "--site", "--strict", "--ci"],
        cwd=book,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def test_book_builds_strictly_offline(tmp_path: Path) -> None:
    """Every page in the table of contents builds, with nothing for the strict build to flag."""
    book = offline_copy(tmp_path)
    result = build(book)
    output = result.stdout + result.stderr
    problems = [line for line in output.splitlines() if PROBLEM.search(line)]
    assert result.returncode == 0, output
    assert problems == [], output
    pages = {p.stem for p in (book / "_build" / "site" / "content").glob("*.json")}
    config = yaml.safe_load((ROOT / "book" / "myst.yml").read_text(encoding="utf-8"))
    assert len(pages) >= len(_toc_files(config["project"]["toc"])), output


def test_strict_check_catches_broken_content(tmp_path: Path) -> None:
    """The check is not toothless: a broken reference and an unknown directive are reported."""
    book = offline_copy(tmp_path)
    index = book / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + "\n\nSee {ref}`no-such-label`.\n\n"
        ":::{no-such-directive}\nx\n:::\n",
        encoding="utf-8",
    )
    result = build(book)
    output = result.stdout + result.stderr
    assert "no-such-label" in output
    assert "no-such-directive" in output
    assert any(PROBLEM.search(line) for line in output.splitlines())


def _toc_files(entries: list[dict[str, object]]) -> list[str]:
    files: list[str] = []
    for entry in entries:
        if "file" in entry:
            files.append(str(entry["file"]))
        children = entry.get("children")
        if isinstance(children, list):
            files.extend(_toc_files(children))
    return files
