"""The analyst's verdict and note on the claim or quote a screen shows: the one
write the explorer makes, by the item's stable key, kept until it is stored."""
from __future__ import annotations

import time

from textual import work

from db.notes import Annotation, ItemKey, NotesBusy, NotesError
from db.records import Item

from ..widgets.annotate import NoteEditor, VerdictPicker

SAVE_PATIENCE = 60.0  # seconds a save keeps trying while a seed run writes


class Annotating:
    """Mixed into the item screen, which shows ``item`` under ``key`` and redraws
    what it says of it, the verdict included, with ``show_meta``."""

    item: Item | None
    key: ItemKey | None
    annotation: Annotation | None

    def action_verdict(self) -> None:
        if self.item is None or self.key is None:
            return
        current = self.annotation.verdict if self.annotation else None
        self.app.push_screen(VerdictPicker(current), lambda v: v and self.save_annotation(verdict=v))

    def action_edit_note(self) -> None:
        if self.item is None or self.key is None:
            return
        note = self.annotation.note if self.annotation else None
        # The editor stays open with the text until the save succeeds.
        self.app.push_screen(NoteEditor(note, lambda text, editor: self.save_annotation(note=text, editor=editor)))

    @work(thread=True, exclusive=True, group="annotate", name="save annotation")
    def save_annotation(self, *, verdict: str | None = None, note: str | None = None,
                        editor: NoteEditor | None = None) -> None:
        """Save on the notes connection, by the key the screen showed.  A seed run
        holds the write lock a document at a time: while it does, wait and retry."""
        call = self.app.call_from_thread
        deadline = time.monotonic() + SAVE_PATIENCE
        while True:
            try:
                saved = self.app.store.notes().set(self.key, verdict=verdict, note=note)
                break
            except NotesBusy as e:
                if time.monotonic() > deadline:
                    call(self._not_saved, f"{e}; try again in a moment", editor)
                    return
                if editor is not None:
                    call(editor.status, "Waiting for a seed run to finish writing…")
            except Exception as e:  # noqa: BLE001 - report, never crash on a locked or damaged file
                call(self._not_saved, str(e) if isinstance(e, NotesError) else f"Not saved: {e}", editor)
                return
        call(self._annotated, saved, editor)

    def _not_saved(self, message: str, editor: NoteEditor | None) -> None:
        if editor is not None and editor.is_attached:
            editor.status(message, error=True)  # the text stays in the editor
        else:
            self.notify(message, severity="error", timeout=15, markup=False)

    def _annotated(self, saved: Annotation, editor: NoteEditor | None = None) -> None:
        if editor is not None and editor.is_attached:
            editor.dismiss(None)
        self.annotation = saved
        if self.item is not None and self.is_attached:
            self.show_meta()
        self.notify(f"Saved: {saved.verdict}" + (" and your note" if saved.note and editor else ""),
                    markup=False)
