"""How fast the answer critic runs: answers per second at 100 and 300 words, and one 1 MB answer.

Run with ``python benchmarks/bench_critique.py``. The budget is at least 2,000 critiques a
second for 100-word answers on one core (issue #10), with a job description, on a machine
that is not busy with other work: the script prints the load average so a slow figure on a
busy machine can be told apart from a slow critic. Each figure is given twice: by the wall
clock, and by the CPU time this process used (``time.process_time()``), which other programs
sharing the machine slow down far less, so it is the better estimate for one idle core.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass

from nextround.critique import critique

QUESTION = "Tell me about a time you turned round a difficult situation at work."
JOB_DESCRIPTION = """Shift Supervisor, Harbourline Logistics
- Plan and run the night shift rota
- Coach new starters on warehouse safety
- Report weekly figures to the operations manager
- Keep stock records accurate in the warehouse system
"""

# An invented, ordinary answer of about 100 words; repeated for longer ones.
BASE = (
    "Last spring, as a shift supervisor at Harbourline Logistics, our biggest client was "
    "about to leave because deliveries kept arriving late. I called the client to hear "
    "exactly what was going wrong, and I mapped every late route with the drivers. "
    "Um, to be honest the old rota was kind of a mess. I rebuilt the rota around the two "
    "busiest depots and I trained three new starters on the loading checks. As a result, "
    "late deliveries fell by 40% in six weeks and the client renewed for another year. "
    "I learned that asking the people doing the work is the quickest way to the answer. "
)


def answer_of(n_words: int) -> str:
    """An answer of roughly ``n_words`` words built from the base answer."""
    base_words = BASE.split()
    out: list[str] = []
    while len(out) < n_words:
        out.extend(base_words)
    return " ".join(out[:n_words])


@dataclass(frozen=True)
class Rate:
    """Critiques per second for one answer, by the wall clock and by CPU time."""

    best: float  # the fastest round by the wall clock
    median: float  # the median round by the wall clock
    cpu: float  # the fastest round by CPU time


def rate(answer: str, rounds: int = 9, seconds: float = 0.3) -> Rate:
    """Critiques per second for one answer.

    The best round is the figure to compare with the budget: other programs sharing the
    machine can only slow a round down, never speed it up.
    """
    critique(answer, question=QUESTION, job_description=JOB_DESCRIPTION)  # warm the caches
    rates: list[float] = []
    cpu_rates: list[float] = []
    for _ in range(rounds):
        count = 0
        start, cpu_start = time.perf_counter(), time.process_time()
        while (elapsed := time.perf_counter() - start) < seconds:
            for _ in range(20):
                critique(answer, question=QUESTION, job_description=JOB_DESCRIPTION)
            count += 20
        cpu = time.process_time() - cpu_start
        rates.append(count / elapsed)
        cpu_rates.append(count / cpu if cpu > 0 else 0.0)
    return Rate(max(rates), statistics.median(rates), max(cpu_rates))


TARGET = 2_000


def main() -> None:
    """Print the three figures, and whether the 100-word figure meets the target."""
    if hasattr(os, "getloadavg"):
        print(f"load average over the last minute: {os.getloadavg()[0]:.1f}")
    start = time.perf_counter()
    critique("Warm up.")
    print(f"first call (loads the rules): {1000 * (time.perf_counter() - start):.1f} ms")
    best_100 = 0.0
    for n in (100, 300):
        found = rate(answer_of(n))
        best_100 = best_100 or found.cpu
        print(
            f"{n}-word answers: {found.best:,.0f} critiques per second by the clock "
            f"(median round {found.median:,.0f}), {found.cpu:,.0f} by CPU time"
        )
    big = (BASE * (1_000_000 // len(BASE) + 1))[:1_000_000]
    times, cpu_times = [], []
    for _ in range(3):
        start, cpu_start = time.perf_counter(), time.process_time()
        critique(big, question=QUESTION, job_description=JOB_DESCRIPTION)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    print(f"1 MB answer: {min(times):.3f} s by the clock, {min(cpu_times):.3f} s CPU (best of 3)")
    verdict = "met" if best_100 >= TARGET else "NOT met"
    print(f"Target of {TARGET:,} critiques a second (100 words, by CPU time): {verdict}.")


if __name__ == "__main__":
    main()
