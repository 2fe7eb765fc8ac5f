"""Safe HTML for widgets: everything a person typed is escaped before it is shown."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from nextround._text import Span, merge_spans
from nextround.store import repair_text

MARK_STYLE = "background:#ffe08a;padding:0 2px;border-radius:3px"


def esc(text: str) -> str:
    """Escape text for an HTML widget (quotes included).

    A broken character (a lone surrogate from a bad paste) is shown as U+FFFD, since it
    cannot be sent to the browser as UTF-8.
    """
    return html.escape(repair_text(text), quote=True)


def prose(text: str) -> str:
    """Escaped text that keeps the writer's line breaks."""
    return f'<div style="white-space:pre-wrap">{esc(text)}</div>'


def highlight(text: str, spans: Sequence[Span], *, title: str = "") -> str:
    """Escaped ``text`` with each span wrapped in ``<mark>``; overlapping spans are merged."""
    out: list[str] = []
    pos = 0
    attr = f' title="{esc(title)}"' if title else ""
    for span in merge_spans(spans):
        if span.start < pos or span.end > len(text):
            continue
        out.append(esc(text[pos : span.start]))
        out.append(
            f'<mark class="nr-evidence" style="{MARK_STYLE}"{attr}>'
            f"{esc(text[span.start : span.end])}</mark>"
        )
        pos = span.end
    out.append(esc(text[pos:]))
    return f'<div class="nr-highlighted" style="white-space:pre-wrap">{"".join(out)}</div>'


def notice(message: str, *, kind: str = "info") -> str:
    """A coloured box around an (escaped) message: info, success, warning or error."""
    colours = {
        "info": ("#e8f1fb", "#1c4f82"),
        "success": ("#e7f6ec", "#1d6b36"),
        "warning": ("#fff4e0", "#7a4a00"),
        "error": ("#fdecea", "#8a1c13"),
    }
    background, foreground = colours.get(kind, colours["info"])
    return (
        f'<div class="nr-notice nr-{esc(kind)}" role="status" style="background:{background};'
        f'color:{foreground};padding:8px 12px;border-radius:6px;margin:4px 0">'
        f"{esc(message)}</div>"
    )


MARKS: dict[bool | None, tuple[str, str]] = {
    True: ("✓", "#1d6b36"),
    False: ("✗", "#8a1c13"),
    None: ("–", "#777"),
}


def verdict_row(
    row_class: str,
    attrs: dict[str, str],
    passed: bool | None,
    title: str,
    message: str,
    *,
    evidence: Sequence[Span] = (),
    evidence_label: str = "Based on",
    note: str = "",
    mark: tuple[str, str] | None = None,
) -> str:
    """One row of a findings table or checklist: mark, title, message, quoted evidence, note."""
    symbol, colour = mark or MARKS[passed]
    data = "".join(f' data-{esc(k)}="{esc(v)}"' for k, v in attrs.items())
    quotes = ", ".join(f"“{esc(s.text[:60])}”" for s in evidence[:4])
    shown = f"<br><small>{esc(evidence_label)}: {quotes}</small>" if quotes else ""
    extra = f"<br><i>{esc(note)}</i>" if note else ""
    return (
        f'<tr class="{esc(row_class)}"{data} data-passed="{esc(str(passed))}">'
        f'<td style="color:{colour};font-weight:bold;padding-right:8px">{symbol}</td>'
        f"<td style='padding-right:10px'><b>{esc(title)}</b></td>"
        f"<td>{esc(message)}{shown}{extra}</td></tr>"
    )


def side_by_side(columns: Sequence[tuple[str, str]], *, css_class: str = "") -> str:
    """A full-width table of columns, each an (escaped) label over ready-made HTML."""
    cells = "".join(
        f"<td style='vertical-align:top;width:50%;padding:4px'><b>{esc(label)}</b>{body}</td>"
        for label, body in columns
    )
    return f'<table class="{esc(css_class)}" style="width:100%"><tr>{cells}</tr></table>'


def bullet_list(items: Iterable[str]) -> str:
    """An HTML list of escaped items."""
    return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"
