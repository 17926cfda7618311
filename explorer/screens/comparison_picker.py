"""Choosing the document to compare with: the others, those on the same story
first (shared actors and figure units), in a picker; the compare screen opens
on the one chosen.  The screen to open is the caller's to say (``open_chosen``):
the compare screen itself picks too, and this module stays below it."""
from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode

from ..labels import untitled
from ..widgets.picker import Choice, PickerScreen


def pick_comparison(node: DOMNode, doc_id: int, span: tuple[int, int] | None = None,
                    open_chosen: Callable[[int], None] | None = None) -> None:
    """Offer the documents to compare ``doc_id`` with.  Ranking them reads the
    database, so it runs in a thread worker of ``node`` (cancelled with it);
    ``open_chosen`` is given the id of the one chosen (by default a compare
    screen opens on the two, at ``span``)."""
    app = node.app

    def rank() -> None:
        related = app.store.related_documents(doc_id)
        app.call_from_thread(_offer, app, doc_id, related, span, open_chosen)

    node.run_worker(rank, thread=True, exclusive=True, group="pick", name="related documents")


def _offer(app, doc_id: int, related, span, open_chosen) -> None:
    if not related:
        app.notify("There is no other document to compare with.", markup=False)
        return
    choices = []
    for r in related:
        d = r.document
        label = " · ".join(x for x in (d.title or untitled(), d.outlet, d.published) if x)
        choices.append(Choice(d.id, label, f"{r.shared_actors} actors, {r.shared_units} units in common"))

    def chosen(right_id: int | None) -> None:
        if right_id is None:
            return
        if open_chosen is not None:
            open_chosen(right_id)
        else:
            app.compare(doc_id, right_id, span)

    app.push_screen(PickerScreen("Compare with…", choices), chosen)
