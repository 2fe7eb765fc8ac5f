"""Hypothesis strategies shared by the tests: the awkward text people really type."""

from __future__ import annotations

from datetime import date

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
