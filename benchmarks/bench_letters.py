"""How fast the letter engine checks and drafts letters (the target: 1,000+ checks a second).

Run with ``python benchmarks/bench_letters.py``. It prints checks per second for a
150-word letter (with and without the drafting details), drafts per second, and the
time to check a 1 MB paste. Single process, single core.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from nextround.letters import KINDS, TONES, LetterDetails, check_letter, draft_letter

DETAILS = LetterDetails(
    your_name="Marcus Bell",
    contact_name="Ms Okafor",
    contact_role="Head of Operations",
    company="Harbourline Logistics",
    role="Warehouse Team Leader",
    impressed_by="the tour of the cross-dock",
    heard_how="by email",
)

# An invented 150-word thank-you email of the kind a learner would write.
LETTER = """Dear Ms Okafor,

Thank you for letting me know your decision about the warehouse team leader role at
Harbourline Logistics, and for the time you and Daniel gave me over the two interviews. I was
disappointed, of course, but I really valued learning how the cross-dock runs and meeting the
people who keep it moving through the night.

The tour on Tuesday stayed with me, especially hearing how your team cut loading times over the
winter by changing the order the bays are filled. It was a pleasure to see a site where people
clearly look out for each other.

I'm glad you found the person you were looking for, and the process taught me a lot about how I
talk through my experience. I remain very interested in Harbourline Logistics, so please keep me
in mind for similar roles in future.

Thank you again, and best wishes to you and the team.

Kind regards,
Marcus Bell"""


def rate(label: str, action: Callable[[], object], seconds: float = 2.0) -> float:
    """Run ``action`` repeatedly for about ``seconds`` and print how many runs a second."""
    action()  # warm the caches (rules, templates, compiled patterns)
    runs = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        action()
        runs += 1
    per_second = runs / elapsed
    print(f"{label:<46} {per_second:>9,.0f} /s   ({1000 / per_second:.3f} ms each)")
    return per_second


def main() -> None:
    """Print the figures."""
    words = len(LETTER.split())
    print(f"Letter under test: {words} words, {len(LETTER)} characters\n")
    checks = rate("check_letter (150 words)", lambda: check_letter(LETTER, "thank_you"))
    rate(
        "check_letter (150 words, with details=)",
        lambda: check_letter(LETTER, "thank_you", details=DETAILS),
    )
    rate(
        "check_letter (feedback request)",
        lambda: check_letter(LETTER, "feedback_request"),
    )
    combos = [(k, t) for k in KINDS for t in TONES]
    index = 0

    def draft_next() -> str:
        nonlocal index
        kind, tone = combos[index % len(combos)]
        index += 1
        return draft_letter(kind, DETAILS, tone=tone)

    rate("draft_letter (all 12 kinds and tones in turn)", draft_next)
    big = (LETTER + "\n\n") * (1_000_000 // (len(LETTER) + 2))
    started = time.perf_counter()
    check_letter(big, "thank_you")
    print(f"{'check_letter (1 MB paste), one run':<46} {time.perf_counter() - started:>9.3f} s")
    print(f"\nTarget of 1,000 checks a second: {'met' if checks >= 1000 else 'NOT met'}.")


if __name__ == "__main__":
    main()
