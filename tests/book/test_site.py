"""The published site, as a reader meets it: built with the real theme, served, clicked through.

The real book theme is downloaded where there is internet. Machines without it keep a packed
copy beside the project (``../shared/book-theme``, or the folder named by
``NEXTROUND_BOOK_THEME``); the build uses that copy when it is there. This test never skips:
with neither, the build fails and says why.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin, urlparse
from urllib.request import urlopen

import pytest
import yaml
from playwright.sync_api import Browser, Page, sync_playwright
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

from nextround.site import OFFLINE_MESSAGE, THEME_ENV, build_html, explain_failure

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[2]
SHARED_THEME = ROOT.parent / "shared" / "book-theme"
CONFIG = yaml.safe_load((ROOT / "book" / "myst.yml").read_text(encoding="utf-8"))
TITLE = "Next Round"
#: Requests the book theme itself makes to public CDNs (stylesheets for maths, icons and
#: matplotlib widgets, built into the theme's page shell). The project does not control them;
#: anything else leaving the machine fails the test.
THEME_REQUESTS = (
    "https://cdn.jsdelivr.net/npm/katex@",
    "https://cdn.jsdelivr.net/npm/jupyter-matplotlib@",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/",
)
MODULES = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb"))


def theme_folder() -> Path | None:
    """The folder with a packed theme: NEXTROUND_BOOK_THEME, else the shared copy, else none."""
    named = os.environ.get(THEME_ENV)
    if named:
        return Path(named)
    return SHARED_THEME if SHARED_THEME.is_dir() else None


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site without logging every request to the test output."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 -- stdlib's name
        """Say nothing."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the site from a copy of the book and serve it on 127.0.0.1."""
    work = tmp_path_factory.mktemp("site")
    for folder in ("book", "notebooks", "exercises"):
        shutil.copytree(
            ROOT / folder, work / folder, ignore=shutil.ignore_patterns("_build", ".ipynb_*")
        )
    result = build_html(work / "book", theme_folder())
    problems = [line for line in result.log.splitlines() if "⛔" in line]
    assert problems == [], result.log
    handler = functools.partial(QuietHandler, directory=str(result.html))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def status(url: str) -> int:
    """The HTTP status a GET of ``url`` ends with (after redirects); 0 if nothing answered."""
    try:
        with urlopen(url, timeout=10) as response:  # noqa: S310 -- loopback only
            return int(response.status)
    except HTTPError as error:
        return int(error.code)
    except URLError:
        return 0


def page_paths(site: str) -> list[str]:
    """Every page the site has, from its own sitemap."""
    with urlopen(site + "/myst.xref.json", timeout=10) as response:  # noqa: S310
        xref = json.load(response)
    return sorted({ref["url"] for ref in xref["references"] if ref["kind"] == "page"})


def test_every_page_loads_and_every_internal_link_resolves(site: str, page: Page) -> None:
    """Open every page: each link inside the site answers 200, and none goes to another repo."""
    requested: set[str] = set()
    page.on("request", lambda request: requested.add(request.url))
    paths = page_paths(site)
    assert len(paths) >= 29, paths
    configured = CONFIG["project"].get("github")
    checked: dict[str, int] = {}
    for path in paths:
        response = page.goto(site + path, wait_until="load")
        assert response is not None, path
        assert response.ok, path
        assert page.locator("h1").first.is_visible(), f"{path} shows no title"
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        foreign = [
            href
            for href in hrefs
            if urlparse(href).hostname in {"github.com", "gitlab.com", "mybinder.org"}
            and not (configured and href.startswith(configured))
        ]
        assert foreign == [], f"{path} links to a repository that is not this one"
        for href in hrefs:
            url = href.split("#")[0]
            if urlparse(url).netloc == urlparse(site).netloc and url not in checked:
                checked[url] = status(url)
    broken = {url: code for url, code in checked.items() if code != 200}
    assert broken == {}
    exercise_downloads = [url for url in checked if url.endswith(".ipynb")]
    assert len(exercise_downloads) >= 5, "each exercise page offers its notebook"
    leaving = sorted(
        url
        for url in requested
        if urlparse(url).hostname not in {"127.0.0.1", None}
        and not url.startswith(("data:", "blob:"))
        and not url.startswith(THEME_REQUESTS)
    )
    assert leaving == []


def test_every_module_offers_its_notebook_to_download(site: str) -> None:
    """Each module page's download menu names the notebook, and the file is there."""
    for notebook in MODULES:
        with urlopen(f"{site}/{_slug(notebook)}.json", timeout=10) as response:  # noqa: S310
            exports = json.load(response)["frontmatter"].get("exports", [])
        urls = [e["url"] for e in exports if e.get("format") == "ipynb"]
        assert urls, f"{notebook.name} has no download"
        assert status(site + urls[0]) == 200, notebook.name


@pytest.mark.parametrize("notebook", MODULES, ids=lambda p: p.stem)
def test_every_module_page_shows_its_activity_pictures(
    site: str, page: Page, notebook: Path
) -> None:
    """Where a live panel would be, a reader sees its picture, with alt text saying what it does."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    alts = [c["metadata"]["alt"] for c in cells if c["cell_type"] == "code"]
    assert alts, f"{notebook.name} has no activity"
    page.goto(f"{site}/{_slug(notebook)}", wait_until="networkidle")
    for alt in alts:
        image = page.locator(f'img[alt="{alt}"]')
        assert image.count() == 1, f"{notebook.name}: no picture for {alt!r}"
        image.scroll_into_view_if_needed()
        loaded = image.evaluate("img => img.complete && img.naturalWidth > 100")
        assert loaded, f"{notebook.name}: the picture for {alt!r} did not load"
    how = page.get_by_text("on the course website", exact=False)
    assert how.count() >= 1, f"{notebook.name}: no line saying how to do the activity"


def _slug(notebook: Path) -> str:
    """The page name mystmd gives a notebook: its file name without the leading number."""
    stem = notebook.stem.split("_", 1)[1] if notebook.stem[:2].isdigit() else notebook.stem
    return stem.replace("_", "-")


def test_header_names_the_course_and_has_its_icon(site: str, page: Page) -> None:
    """The top of every page says Next Round (not "Made with MyST"), with a favicon."""
    page.goto(site + "/", wait_until="networkidle")
    header = page.locator("header, nav").first.inner_text()
    assert TITLE in header
    assert "Made with MyST" not in page.content()
    icon = page.locator('link[rel="icon"]').first.get_attribute("href")
    assert icon is not None
    assert status(urljoin(site + "/", icon)) == 200
    description = page.locator('meta[name="description"]').first.get_attribute("content")
    assert description is not None
    assert "job seekers" in description


def test_search_finds_a_module(site: str, page: Page) -> None:
    """A reader who searches for 'debrief' is offered Module 2."""
    page.goto(site + "/", wait_until="networkidle")
    page.get_by_role("button", name="Search").first.click()
    page.keyboard.type("debrief")
    results = page.get_by_role("listbox").first
    results.wait_for()
    assert "Debrief straight after" in results.inner_text()


def test_offline_build_says_what_to_do() -> None:
    """With no theme and no internet, the build ends in one plain sentence, not a DNS error."""
    # The lines Jupyter Book 2 prints when the theme service cannot be reached.
    log = (
        "🔍 Querying template metadata from https://api.mystmd.org/templates/site/myst/book-theme\n"
        "request to https://api.mystmd.org/templates/site/myst/book-theme failed, reason: "
        "getaddrinfo ENOTFOUND api.mystmd.org\n"
        'To list valid templates, try the command "myst templates list"\n'
    )
    assert explain_failure(log, theme_installed=False) == OFFLINE_MESSAGE
    assert "myst templates list" not in OFFLINE_MESSAGE
    other = explain_failure("⛔️ index.md Cannot find image x.png\n", theme_installed=True)
    assert other.startswith("The site did not build.")
    assert "Cannot find image x.png" in other


def test_publishing_workflow_builds_and_deploys_this_site() -> None:
    """The ready GitHub Pages workflow builds with the same builder and publishes its output."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text("utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["build"]["steps"]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "python -m nextround.site book" in runs
    build = next(step for step in steps if "nextround.site" in step.get("run", ""))
    assert build["env"]["BASE_URL"] == "/${{ github.event.repository.name }}"
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "book/_build/html"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["steps"])
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
