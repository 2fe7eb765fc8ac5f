"""Build the course's HTML site (``make book``), and say plainly what to do when it can't.

``jupyter book build --html`` downloads its site theme the first time it runs. Offline, that
download fails with a DNS error and a hint about ``myst templates list`` that does not help.
This module builds the site, uses a local copy of the theme where one is given (a packed
``book-theme`` template, as kept beside this project on machines without internet), and turns
a failed download into one sentence that says what happened and what to do.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: Where Jupyter Book keeps the downloaded theme, relative to the book folder.
THEME_CACHE = Path("_build", "templates", "site", "myst", "book-theme")
#: The packed theme's file name pattern and the folder it unpacks to.
THEME_ARCHIVE_GLOB = "book-theme-*-template.tar.gz"
THEME_ARCHIVE_FOLDER = "book-template"
#: Set this to a folder holding a packed theme to build without internet.
THEME_ENV = "NEXTROUND_BOOK_THEME"
_OFFLINE = re.compile(r"ENOTFOUND|EAI_AGAIN|getaddrinfo|ECONNREFUSED|ETIMEDOUT|fetch failed")

OFFLINE_MESSAGE = (
    "The site could not be built because Jupyter Book could not download its theme "
    "(this computer seems to be offline): connect to the internet once and run `make book` "
    f"again, or set {THEME_ENV} to a folder holding a packed copy of the theme."
)


class SiteBuildError(RuntimeError):
    """The site did not build; the message says why in one sentence."""


@dataclass(frozen=True)
class BuildResult:
    """Where the site was written, and everything the builder printed."""

    html: Path
    log: str


def packed_theme(folder: Path | None) -> Path | None:
    """The packed theme archive in ``folder`` (newest version first), if there is one."""
    if folder is None or not folder.is_dir():
        return None
    archives = sorted(folder.glob(THEME_ARCHIVE_GLOB), reverse=True)
    return archives[0] if archives else None


def install_theme(book: Path, archive: Path) -> Path:
    """Unpack a packed theme into the book's theme cache, where the build looks first."""
    target = book / THEME_CACHE
    if (target / "template.yml").exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch, tarfile.open(archive) as tar:
        tar.extractall(scratch, filter="data")
        unpacked = Path(scratch) / THEME_ARCHIVE_FOLDER
        if not (unpacked / "template.yml").exists():
            raise SiteBuildError(f"{archive} does not hold a site theme (no template.yml in it).")
        unpacked.rename(target)
    return target


def _jupyter_book() -> list[str]:
    beside = Path(sys.executable).with_name("jupyter-book")
    return [str(beside)] if beside.exists() else ["jupyter-book"]


def explain_failure(log: str, *, theme_installed: bool) -> str:
    """What to tell the publisher when a build failed, from what Jupyter Book printed."""
    if _OFFLINE.search(log) and not theme_installed:
        return OFFLINE_MESSAGE
    last = [line for line in log.splitlines() if line.strip()][-5:]
    return "The site did not build. The last lines Jupyter Book printed were:\n" + "\n".join(last)


def build_html(book: Path, theme_folder: Path | None = None, timeout: float = 600) -> BuildResult:
    """Build ``book`` into ``book/_build/html``, using a packed theme from ``theme_folder``."""
    archive = packed_theme(theme_folder)
    if archive is not None:
        install_theme(book, archive)
    result = subprocess.run(  # noqa: S603 -- our own build tool, fixed arguments
        [*_jupyter_book(), "build", "--html"],
        cwd=book,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise SiteBuildError(
            explain_failure(log, theme_installed=(book / THEME_CACHE / "template.yml").exists())
        )
    return BuildResult(book / "_build" / "html", log)


def main(argv: list[str] | None = None) -> int:
    """``python -m nextround.site [BOOK]``: build the HTML site, or say why not."""
    parser = argparse.ArgumentParser(
        prog="python -m nextround.site", description="Build the course's HTML site."
    )
    parser.add_argument("book", nargs="?", default="book", help="the book folder (default: book)")
    args = parser.parse_args(argv)
    theme = os.environ.get(THEME_ENV)
    try:
        result = build_html(Path(args.book), Path(theme).expanduser() if theme else None)
    except SiteBuildError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"The site is in {result.html}. Open {result.html / 'index.html'} to look at it.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
