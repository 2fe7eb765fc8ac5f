"""Journal speed: saving, loading 10,000 entries into a frame, and the summary for 1,000.

Run: python benchmarks/bench_journal.py   (uses a temporary directory, never your data)
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from statistics import median

os.environ["NEXTROUND_HOME"] = tempfile.mkdtemp(prefix="nextround-bench-")

from nextround.insights import analyse
from nextround.journal import Journal, example_entries, open_journal
from nextround.store import MEMORY, Store
from nextround.widgets.charts import insights_html
from nextround.widgets.journal import InsightsWidget, JournalWidget


def timed(label: str, action: Callable[[], object], repeat: int = 5) -> float:
    """Run ``action`` ``repeat`` times and print the median in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    result = median(times) * 1000
    print(f"{label:<58} {result:9.1f} ms (median of {repeat})")
    return result


def filled(path: Path, count: int) -> Journal:
    """A journal of ``count`` entries cycled from the example data, on successive days."""
    journal = open_journal(path)
    base = example_entries()
    start = date(1990, 1, 1)
    batch = [
        replace(base[n % len(base)], interview_date=start + timedelta(days=n)) for n in range(count)
    ]
    journal.import_entries(batch)
    return journal


def main() -> None:
    """Print every figure the journal issue asks for."""
    folder = Path(tempfile.mkdtemp(prefix="nextround-bench-"))
    journal = open_journal(folder / "save.sqlite3")
    one = example_entries()[0]
    timed("save one entry (3 questions, fsync'd transaction)", lambda: journal.add(one), 50)
    big = filled(folder / "big.sqlite3", 10_000)
    timed("load 10,000 entries into a DataFrame", big.to_dataframe, 3)
    # Opening checks the whole file (PRAGMA quick_check), so damage is found at once.
    timed("open a 10,000-entry store (checks included)", lambda: Store(big.store.path).close(), 3)
    thousand = filled(folder / "thousand.sqlite3", 1_000)
    entries = thousand.entries()
    timed("read 1,000 entries", thousand.entries)
    as_json, as_csv = thousand.export_json(), thousand.export_csv()
    timed("export 1,000 entries as JSON", thousand.export_json, 3)
    timed("export 1,000 entries as CSV", thousand.export_csv, 3)

    def restore(text: str, csv: bool) -> None:
        with Store(MEMORY) as store:
            target = Journal(store)
            (target.import_csv if csv else target.import_json)(text)

    timed(
        "restore 1,000 entries from JSON into an empty journal", lambda: restore(as_json, False), 3
    )
    timed("restore 1,000 entries from CSV into an empty journal", lambda: restore(as_csv, True), 3)
    timed("import the same 1,000 again (all skipped)", lambda: thousand.import_json(as_json), 3)
    timed("analyse + written summary for 1,000 entries", lambda: analyse(entries).summary())
    found = analyse(entries)
    timed("draw the summary charts for 1,000 entries", lambda: insights_html(found))
    app = JournalWidget(thousand)
    timed("widget: refresh the past-interviews table (1,000)", app.refresh_table)

    def save_edit() -> None:
        app.fill(entries[0])
        app.outcome.value = "rejected" if app.outcome.value != "rejected" else "waiting"
        app.save.click()

    panel = InsightsWidget(thousand)
    timed("widget: insights panel refresh, text + charts (1,000)", panel.refresh)
    timed("widget: edit + save + table + insights refresh (1,000)", save_edit)


if __name__ == "__main__":
    main()
