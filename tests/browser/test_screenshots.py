"""A picture of every activity, taken in the app as a learner uses it.

Each widget cell in ``notebooks/`` names its picture in its metadata (``placeholder``, with
``alt`` text saying what the panel does): the course site shows that picture where the live
panel would be, and the README shows some of them. This test opens every notebook in Voilà,
types a little into each panel as a learner would, and photographs each panel.

``make screenshots`` runs it with ``NEXTROUND_SCREENSHOTS=1``, which writes the pictures to
the paths the notebooks name (small palette PNGs). Without it, the pictures go to a temporary
folder, and the test still checks that every activity renders as a real, non-empty panel.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page

from tests.browser.conftest import ROOT, open_notebook

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
#: Width of the page the pictures are taken in, and the widest picture kept.
VIEWPORT = {"width": 960, "height": 900}
MAX_WIDTH = 800
#: A few words a learner might type, so the pictures show a panel in use.
SAMPLE_WORDS = (
    "The second interview was mostly about working with tenants, and I had prepared "
    "examples about budgets instead."
)


def widget_cells(notebook: Path) -> list[dict[str, object]]:
    """The code cells of a notebook, in order (each one shows one activity panel)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [cell for cell in cells if cell["cell_type"] == "code"]


def picture_path(notebook: Path, cell: dict[str, object]) -> Path:
    """Where the picture named in a cell's metadata lives in the checkout."""
    metadata = cell["metadata"]
    assert isinstance(metadata, dict)
    placeholder = metadata.get("placeholder")
    assert isinstance(placeholder, str), f"{notebook.name}: a widget cell names no picture"
    return (notebook.parent / placeholder).resolve()


def small_png(raw: bytes) -> bytes:
    """Shrink a screenshot to at most MAX_WIDTH wide and 128 colours: a few tens of KB."""
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    if image.width > MAX_WIDTH:
        height = round(image.height * MAX_WIDTH / image.width)
        image = image.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def use_panel(panel: Locator) -> None:
    """Type into the panel's first empty text area, as a learner starting the activity would."""
    boxes = panel.locator("textarea")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        if box.is_visible() and box.is_editable() and not box.input_value():
            box.click()
            box.press_sequentially(SAMPLE_WORDS[:60])
            box.fill(SAMPLE_WORDS)
            box.press("Tab")
            return


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_activity_is_pictured(
    browser_page_for_pictures: Page, voila_url: str, name: str, tmp_path: Path
) -> None:
    """Every panel renders in the app, in use, and its picture is a real image of it."""
    page = browser_page_for_pictures
    notebook = ROOT / "notebooks" / name
    write_in_place = os.environ.get("NEXTROUND_SCREENSHOTS") == "1"
    open_notebook(page, voila_url, name)
    page.wait_for_load_state("networkidle")
    note = page.locator(".celltag_site-note")
    assert note.count() == 1, f"{name}: one line for readers of the website"
    assert not note.is_visible(), f"{name}: the website's line shows in the app"
    outputs = page.locator(".jp-CodeCell .jp-OutputArea-output")
    cells = widget_cells(notebook)
    assert outputs.count() == len(cells), f"{name}: one panel per widget cell"
    for index, cell in enumerate(cells):
        panel = outputs.nth(index)
        panel.scroll_into_view_if_needed()
        use_panel(panel)
        page.wait_for_timeout(300)
        picture = small_png(panel.screenshot(animations="disabled"))
        image = Image.open(io.BytesIO(picture))
        assert image.width >= 300, f"{name}: panel {index + 1} is too narrow to be a panel"
        assert image.height >= 60, f"{name}: panel {index + 1} is nearly empty"
        assert len(image.getcolors(256) or []) > 4, f"{name}: panel {index + 1} is blank"
        target = picture_path(notebook, cell) if write_in_place else tmp_path / f"{index}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(picture)


@pytest.fixture
def browser_page_for_pictures(page: Page) -> Page:
    """The usual test page, at the width the pictures are taken at."""
    page.set_viewport_size(VIEWPORT)
    return page
