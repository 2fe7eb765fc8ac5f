"""Hypothesis strategies shared by the tests: the awkward text people really type."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from hypothesis import strategies as st

from nextround.journal import Entry, QuestionNote, Signal, guide, visible

#: Text as typed, pasted or mangled: control characters, emoji, right-to-left scripts,
#: combining marks and HTML. Surrogates cannot be stored as UTF-8 and are not valid text.
AWKWARD = st.sampled_from(
    [
        "<script>alert('x')</script>",
        "<b>bold</b> & <i>it</i>",
        "שלום עולם",
        "مرحبا بالعالم",
        "e\u0301\u0301",
        "🙂👩🏽‍💻🏳️‍🌈",
        "\x00\x01\x1b[31m",
        "\r\n\t",
        "\u202eevil\u202c",
        '"quoted", comma',
        # What spreadsheets and mail programs trip over (issue 12).
        '=HYPERLINK("http://example.org","x")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "'=already",
        "''+twice",
        "\t=tab first",
        "\ufeffbom inside",
        "a;b;c",
        "\u200b\u2060",
        "$x$ and $5",
        "<https://example.org/a_b>",
        "None",
        "null",
        "3.0",
    ]
)
any_text = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200),
    AWKWARD,
    st.lists(st.one_of(AWKWARD, st.text(max_size=10)), max_size=5).map("".join),
)
#: Text with something a person can see (not only spaces, controls or zero-width marks).
non_blank = any_text.filter(visible)
rating = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    """Valid journal entries with awkward text in every free-text field."""
    themes = list(guide().themes)
    return Entry(
        company=draw(non_blank.filter(lambda s: len(s) <= 300)),
        role=draw(non_blank.filter(lambda s: len(s) <= 300)),
        interview_date=draw(st.dates(date(1990, 1, 1), date(2025, 12, 31))),
        stage=draw(st.sampled_from(list(guide().stages))),
        interviewers=tuple(draw(st.lists(any_text, max_size=3))),
        questions=tuple(
            draw(
                st.lists(st.builds(QuestionNote, non_blank, any_text, rating, any_text), max_size=4)
            )
        ),
        signals=tuple(
            draw(
                st.lists(
                    st.builds(
                        Signal,
                        st.sampled_from(list(guide().signal_kinds)),
                        st.sampled_from(list(guide().readings)),
                        any_text,
                    ),
                    max_size=3,
                )
            )
        ),
        liked=draw(any_text),
        nerves=draw(any_text),
        nerves_level=draw(rating),
        went_well=draw(any_text),
        went_well_themes=tuple(draw(st.lists(st.sampled_from(themes), unique=True, max_size=3))),
        to_improve_themes=tuple(draw(st.lists(st.sampled_from(themes), unique=True, max_size=3))),
        differently=draw(any_text),
        process_learned=draw(any_text),
        audit=draw(
            st.dictionaries(
                st.sampled_from(list(guide().audit)), st.sampled_from(["yes", "partly", "no"])
            )
        ),
        outcome=draw(st.sampled_from(list(guide().outcomes))),
        feedback=draw(any_text),
    )


#: Text that may hold lone surrogates, as a broken copy-paste produces.
broken_text = st.lists(
    st.one_of(any_text, st.sampled_from(["\ud800", "\udfff", "\udc80x", "a\ud83d"])),
    min_size=1,
    max_size=4,
).map("".join)


@st.composite
def saved_entries(draw: st.DrawFn) -> Entry:
    """Entries as a journal holds them: distinct numbers come from the caller; times here."""
    entry = draw(entries())
    created = draw(st.datetimes(datetime(2000, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC)))
    return replace(entry, created_at=created, updated_at=created)


#: Any JSON value, nested: what a hand-edited or foreign file may hold where we expect more.
json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)
