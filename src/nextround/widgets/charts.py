"""Charts for "what your interviews say", as plain HTML bars.

HTML rather than a plotting library because it is drawn in about a millisecond (a
matplotlib figure took half a second for 1,000 entries), screen readers can read it,
and every label in it is escaped like the rest of the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from nextround.insights import KIND_LABELS, Insights
from nextround.journal import guide
from nextround.widgets._html import esc

BLUE, GREEN, AMBER, RED, GREY = "#3b7dd8", "#2e8b57", "#d4a017", "#c0392b", "#8c8c8c"
OUTCOME_COLOURS = {"waiting": GREY, "rejected": AMBER, "offer": GREEN, "withdrew": BLUE}
RECENT_NERVES = 24


def _bar(value: float, most: float, colour: str, label: str) -> str:
    width = 0 if most <= 0 else max(2.0, 100 * value / most)
    return (
        f'<div role="listitem" style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<div style="width:260px;font-size:90%">{esc(label)}</div>'
        f'<div style="flex:1;max-width:320px;background:#f0f0f0;border-radius:3px">'
        f'<div style="width:{width:.0f}%;background:{colour};height:14px;border-radius:3px">'
        f"</div></div><div style='width:56px;font-size:90%'>{esc(f'{value:g}')}</div></div>"
    )


def _panel(title: str, body: str) -> str:
    # A list only when the body is one (bars); a table or columns keep their own roles.
    role = ' role="list"' if 'role="listitem"' in body else ""
    return (
        f'<div class="nr-chart" style="margin:10px 0"><b>{esc(title)}</b>'
        f"<div{role}>{body}</div></div>"
    )


def ratings_chart(by_kind: dict[str, tuple[float, int]]) -> str:
    """Average self-rating (1-5) by question kind, lowest first."""
    rows = sorted(by_kind.items(), key=lambda item: item[1][0])
    body = "".join(
        _bar(mean, 5, BLUE, f"{KIND_LABELS.get(kind, kind)} ({count})")
        for kind, (mean, count) in rows
    )
    return _panel("How your answers went (average of your 1-5 ratings)", body or "–")


def nerves_chart(series: Sequence[tuple[object, int]]) -> str:
    """Nerves (1-5) in the most recent interviews, oldest on the left."""
    recent = list(series)[-RECENT_NERVES:]
    columns = "".join(
        f'<div role="img" aria-label="{esc(str(day))}: {level} out of 5" '
        f'title="{esc(str(day))}: {level}/5" style="width:14px;height:{level * 12}px;'
        f'background:{RED if level >= 4 else AMBER if level == 3 else GREEN};border-radius:2px">'
        "</div>"
        for day, level in recent
    )
    body = (
        f'<div style="display:flex;align-items:flex-end;gap:3px;height:64px">{columns}</div>'
        f"<small>last {len(recent)} interviews with a nerves rating, oldest first</small>"
    )
    return _panel("Nerves over time (1 = calm, 5 = very nervous)", body if recent else "–")


def themes_chart(
    went_well: Sequence[tuple[str, int]], to_improve: Sequence[tuple[str, int]]
) -> str:
    """The most common themes that went well and that need work, by number of interviews."""
    most = max([n for _, n in [*went_well, *to_improve]] or [1])
    body = "".join(_bar(n, most, GREEN, f"went well: {label}") for label, n in went_well)
    body += "".join(_bar(n, most, AMBER, f"to work on: {label}") for label, n in to_improve)
    return _panel("Themes that keep coming up (number of interviews)", body or "–")


def outcomes_chart(found: Insights) -> str:
    """Outcomes by stage, as a small table."""
    names = guide()
    stages = [s for s in names.stages if s in found.outcomes_by_stage]
    head = "".join(
        f"<th style='padding:0 8px'>{esc(names.outcomes[o])}</th>" for o in names.outcomes
    )
    rows = "".join(
        f"<tr><td>{esc(names.stages[s])}</td>"
        + "".join(
            f"<td style='text-align:center;color:{OUTCOME_COLOURS[o]}'>"
            f"{found.outcomes_by_stage[s][o] or ''}</td>"
            for o in names.outcomes
        )
        + "</tr>"
        for s in stages
    )
    table = f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return _panel("Outcomes by stage", table)


def insights_html(found: Insights) -> str:
    """All four charts."""
    return (
        ratings_chart(found.rating_by_kind)
        + nerves_chart(found.nerves_over_time)
        + themes_chart(found.went_well, found.to_improve)
        + outcomes_chart(found)
    )
