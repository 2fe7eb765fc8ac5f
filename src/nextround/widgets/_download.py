"""Download links: the file is built in the kernel and handed to the browser, nothing is sent."""

from __future__ import annotations

import base64
import re

from nextround.widgets._html import esc

BUTTON_STYLE = (
    "display:inline-block;padding:4px 12px;margin:2px 6px 2px 0;border:1px solid #1c4f82;"
    "border-radius:4px;color:#1c4f82;text-decoration:none"
)


def safe_filename(name: str, fallback: str = "next-round") -> str:
    """A file name made of letters, digits, dots, dashes and underscores only."""
    cleaned = re.sub(r"[^\w.-]+", "-", name, flags=re.ASCII).strip("-.")[:80]
    return cleaned or fallback


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """An HTML link that saves ``data`` as ``filename`` when clicked (a data: URL)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="nr-download" download="{esc(safe_filename(filename))}" '
        f'href="data:{esc(mime)};base64,{encoded}" style="{BUTTON_STYLE}">{esc(label)}</a>'
    )
