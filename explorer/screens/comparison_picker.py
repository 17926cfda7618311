"""Choosing the document to compare with: the others, those on the same story
first (shared actors and figure units), in a picker; the compare screen opens
on the one chosen."""
from __future__ import annotations

from textual.dom import DOMNode

from ..widgets.picker import Choice, PickerScreen


def pick_comparison(node: DOMNode, doc_id: int, span: tuple[int, int] | None = None, replace=None) -> None:
    """Offer the documents to compare ``doc_id`` with.  Ranking them reads the
    database, so it runs in a thread worker of ``node`` (cancelled with it);
    ``replace``, a compare screen, is swapped for the new one."""
    app = node.app

    def rank() -> None:
        related = app.store.related_documents(doc_id)
        app.call_from_thread(_offer, app, doc_id, related, span, replace)

    node.run_worker(rank, thread=True, exclusive=True, group="pick", name="related documents")


def _offer(app, doc_id: int, related, span, replace) -> None:
    from .compare import CompareScreen
    from .reader import untitled

    if not related:
        app.notify("There is no other document to compare with.", markup=False)
        return
    choices = []
    for r in related:
        d = r.document
        label = " · ".join(x for x in (d.title or untitled(d.lead), d.outlet, d.published) if x)
        choices.append(Choice(d.id, label, f"{r.shared_actors} actors, {r.shared_units} units in common"))

    def chosen(right_id: int | None) -> None:
        if right_id is None:
            return
        if replace is not None and replace is app.screen:
            app.switch_screen(CompareScreen(doc_id, right_id, span=span))
        else:
            app.compare(doc_id, right_id, span)

    app.push_screen(PickerScreen("Compare with…", choices), chosen)
