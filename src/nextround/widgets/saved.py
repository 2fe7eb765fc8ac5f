"""Everything you saved: one list by module, one export, one import, one delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import ipywidgets as w

from nextround import backup
from nextround.store import Store
from nextround.widgets._download import download_link
from nextround.widgets._html import esc, notice
from nextround.widgets._session import get_store, on_any_click


def saved_table(things: Sequence[backup.SavedThing]) -> str:
    """The saved things as one table per module, each in a box that scrolls sideways."""
    if not things:
        return (
            "<p class='nr-saved-empty'>Nothing is saved yet. What you save in any module "
            "will be listed here, with the date.</p>"
        )
    parts: list[str] = []
    module = ""
    rows: list[str] = []

    def close() -> None:
        if rows:
            parts.append(
                f"<h4>{esc(module)}</h4><div style='overflow-x:auto'>"
                "<table class='nr-saved-table'><thead><tr>"
                "<th style='text-align:left;padding-right:12px'>What</th>"
                "<th style='text-align:left;padding-right:12px'>Title</th>"
                "<th style='text-align:left'>Saved on</th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table></div>"
            )

    for thing in things:
        if thing.module != module:
            close()
            module, rows = thing.module, []
        rows.append(
            f"<tr><td style='padding-right:12px'>{esc(thing.what)}</td>"
            f"<td style='padding-right:12px'>{esc(thing.title)}</td>"
            f"<td>{thing.saved_at.astimezone():%d %b %Y, %H:%M}</td></tr>"
        )
    close()
    return "".join(parts)


class SavedWidget:
    """List everything saved, take it all away in one go, bring it back, or delete it all."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store if store is not None else get_store()
        self.listing = w.HTML()
        self.show = w.Button(description="Show the latest list", icon="refresh")
        self.prepare = w.Button(description="Prepare my files", icon="download")
        self.files = w.HTML()
        # ipywidgets always adds the number of files chosen, as "(0)" or "(1)", after this.
        self.upload = w.FileUpload(
            accept=".json", multiple=False, description="Choose your .json file. Files chosen:"
        )
        self.upload.layout.width = "auto"
        self.do_import = w.Button(description="Import this file", icon="upload")
        self.import_result = w.HTML()
        self.delete = w.Button(description="Delete everything…", button_style="danger")
        self.confirm_yes = w.Button(description="Yes, delete everything", button_style="danger")
        self.confirm_no = w.Button(description="No, keep it")
        self.confirm_text = w.HTML()
        self.confirm = w.VBox(
            [self.confirm_text, w.HBox([self.confirm_yes, self.confirm_no], layout=_wrap())]
        )
        self.confirm.layout.display = "none"
        self.delete_result = w.HTML()
        self.show.on_click(lambda _b: self.refresh())
        self.prepare.on_click(self._on_prepare)
        self.do_import.on_click(self._on_import)
        self.delete.on_click(self._on_delete)
        self.confirm_yes.on_click(self._on_confirm)
        self.confirm_no.on_click(self._on_cancel)
        self.widget = w.VBox(
            [
                w.HTML("<h3>Everything you saved</h3>"),
                self.listing,
                self.show,
                w.HTML(
                    "<h4>Take it all away</h4><p>Two files: a document to read or print, and "
                    "a .json file that brings everything back on this or another computer.</p>"
                ),
                self.prepare,
                self.files,
                w.HTML(
                    "<h4>Bring it back</h4><p>Choose a .json file you took away before. "
                    "Anything you already have is not added twice.</p>"
                ),
                w.HBox([self.upload, self.do_import], layout=_wrap()),
                self.import_result,
                w.HTML("<h4>Delete all of it</h4>"),
                self.delete,
                self.confirm,
                self.delete_result,
            ],
            layout=w.Layout(max_width="760px"),
        )
        self.widget.add_class("nr-saved")
        self._seen = -1
        self.refresh()
        on_any_click(self.refresh_if_changed)

    def _changes(self) -> int:
        """How many rows this store's connection has changed so far (a cheap, locked read)."""
        with self.store.read() as conn:
            return conn.total_changes

    def refresh(self) -> None:
        """Redraw the list of saved things."""
        self._seen = self._changes()
        self.listing.value = saved_table(backup.overview(self.store))

    def refresh_if_changed(self) -> None:
        """Redraw only if something was saved or deleted since the list was drawn (say, by
        another panel on the same page)."""
        if self._changes() != self._seen:
            self.refresh()

    def _on_prepare(self, _button: object = None) -> None:
        if not backup.counts(self.store):
            self.files.value = notice("There is nothing saved yet to take away.", kind="info")
            return
        stamp = f"{date.today():%Y-%m-%d}"
        links = download_link(
            backup.readable_text(self.store).encode("utf-8"),
            f"next-round-everything-{stamp}.txt",
            "text/plain",
            "Download the document (.txt)",
        ) + download_link(
            backup.export_json(self.store).encode("utf-8"),
            f"next-round-everything-{stamp}.json",
            "application/json",
            "Download the .json file",
        )
        self.files.value = f"<div>{links}</div>" + notice(
            "Your files are ready. They hold private notes: keep them somewhere safe.",
            kind="success",
        )

    def _uploaded_text(self) -> str | None:
        value: Any = self.upload.value
        if not value:
            return None
        first = value[0] if isinstance(value, list | tuple) else next(iter(value.values()))
        return bytes(first["content"]).decode("utf-8", errors="replace")

    def _on_import(self, _button: object = None) -> None:
        text = self._uploaded_text()
        if text is None:
            self.import_result.value = notice(
                "Choose the .json file first, then press Import this file.", kind="warning"
            )
            return
        try:
            result = backup.import_json(self.store, text)
        except backup.BackupError as exc:
            self.import_result.value = notice(str(exc), kind="error")
            return
        self.import_result.value = notice(result.sentence(), kind="success")
        self.upload.value = ()
        self.refresh()

    def _on_delete(self, _button: object = None) -> None:
        total = backup.counts(self.store)
        if not total:
            self.delete_result.value = notice("There is nothing saved to delete.", kind="info")
            return
        self.delete_result.value = ""
        self.confirm_text.value = notice(
            f"This deletes all {total:,} things you saved in this course: check-ins, "
            "debriefs, letters, plans and notes. It cannot be undone. Take your files away "
            "first if you might want them.",
            kind="error",
        )
        self.confirm.layout.display = None

    def _on_cancel(self, _button: object = None) -> None:
        self.confirm.layout.display = "none"
        self.delete_result.value = notice("Nothing was deleted.", kind="info")

    def _on_confirm(self, _button: object = None) -> None:
        deleted = backup.delete_everything(self.store)
        self.confirm.layout.display = "none"
        self.files.value = ""
        self.delete_result.value = notice(
            f"Deleted {deleted:,} saved thing{'s' if deleted != 1 else ''}. Nothing is saved now.",
            kind="success",
        )
        self.refresh()


def _wrap() -> w.Layout:
    return w.Layout(flex_flow="row wrap", align_items="center")


def saved_app() -> w.VBox:
    """The "everything you saved" panel (Start here and Module 8)."""
    return SavedWidget().widget


__all__ = ["SavedWidget", "saved_app", "saved_table"]
