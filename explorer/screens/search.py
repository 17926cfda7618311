"""The home screen: search as you type over claims, quotes, actors, documents
and figures; ``enter`` drills into the highlighted result."""
from __future__ import annotations

import sqlite3

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from db.connection import shown
from db.search import Results

from ..export import save_list
from ..safe import plain
from ..widgets.results import ResultList

LIMIT = 50
RETRIES = 2  # an interrupt aimed at a stale query can catch the next one too


def search(store, query: str, worker) -> Results | None:
    """The results of ``query`` (the home page for an empty one), or None when
    ``worker`` was cancelled meanwhile.  One query at a time on the search
    connection; a stale query interrupted by the next keystroke is retried."""
    with store.search_slot():
        if worker.is_cancelled:
            return None
        results = None
        for _ in range(RETRIES + 1):
            try:
                searcher = store.searcher()
                results = searcher.search(query, LIMIT) if query.strip() else searcher.home(LIMIT)
                break
            except sqlite3.OperationalError as e:
                if "interrupted" not in str(e):
                    results = Results(query, message=f"search failed: {e}")
                    break
                if worker.is_cancelled:
                    return None
            except Exception as e:  # a bug in search must not take the explorer down
                results = Results(query, message=f"search failed: {type(e).__name__}: {e}")
                break
    return results


def status(query: str, results: Results) -> Text:
    """The line under the search box: how many results, or why none."""
    if results.message:
        return plain(results.message, "italic")
    if not query.strip():
        return Text("Recent documents and most-cited actors", style="dim")
    n, total = len(results.hits), results.total
    if not n:
        return Text("No match", style="dim")
    shown = f"{n} of {total}" if total > n else f"{total}"
    if getattr(results, "total_capped", False):
        shown += "+"
    return Text(f"{shown} result{'s' if total != 1 else ''}", style="dim")


class _ResultActions:
    """Keys over the results: open one, move through them, back to the box, and
    the screens search leads to (figures, every document)."""

    def action_open(self) -> None:
        results = self.query_one(ResultList)
        hit = results.current()
        if hit is None:
            return
        # Coming back, the results keep focus, so `q` quits and j/k move.
        results.focus()
        self.app.open(hit.kind, hit.id, document_id=hit.document_id)

    def action_focus_search(self) -> None:
        self.query_one(Input).focus()

    def action_cursor(self, step: int) -> None:
        results = self.query_one(ResultList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def action_clear(self) -> None:
        box = self.query_one(Input)
        if not box.has_focus:
            box.focus()
        elif box.value:
            box.value = ""

    def action_figures(self) -> None:
        from .figures import FiguresScreen

        self.app.push_screen(FiguresScreen())

    def action_documents(self) -> None:
        self.app.open("documents", 0)

    def action_save(self) -> None:
        hits = self.query_one(ResultList).hits
        save_list(self, "results", None, [(h.kind, h.id) for h in hits])


class SearchScreen(_ResultActions, Screen):
    PALETTE_NAME = "Search"
    BINDINGS = [
        Binding("enter", "open", "Open", id="search.open", tooltip="open the highlighted result"),
        Binding("slash", "focus_search", "Search", id="search.focus", tooltip="type a new query"),
        Binding("down", "cursor(1)", "Next", show=False, id="search.next", tooltip="next result"),
        Binding("up", "cursor(-1)", "Previous", show=False, id="search.previous", tooltip="previous result"),
        Binding("escape", "clear", "Clear", show=False, id="search.clear",
                tooltip="back to the search box, then clear it"),
        Binding("ctrl+o", "documents", "Docs", id="search.documents", tooltip="list every document"),
        Binding("f", "figures", "Figures", id="search.figures",
                tooltip="figures across sources: agreements and conflicts"),
        Binding("q", "app.quit", "Quit", id="search.quit", tooltip="quit Claimscope"),
        Binding("ctrl+s", "save", "Save", show=False, id="search.save",
                tooltip="save these results to a CSV file in the current directory"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.results: Results | None = None
        self._keep: tuple[str, int] | None = None  # the hit to highlight again after a refresh
        self.shown: list[str] = []  # the query of each result set put on screen, in order

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder='search claims, quotes, actors…  by:NAME in:OUTLET kind:claim "exact"',
                    id="search-input", select_on_focus=False)
        yield Static(id="search-status")
        yield ResultList(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Search"
        self.sub_title = shown(self.app.store.path.name)
        self.query_one(Input).focus()
        self.run_search("")

    # -- searching -------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # The stale query may be deep in SQLite: stop it there, not just its worker.
        self.app.store.interrupt()
        self.run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def refresh_data(self) -> None:
        """Run the current query again over what the file holds now, keeping the
        highlighted result where it still is one."""
        hit = self.query_one(ResultList).current()
        self._keep = (hit.kind, hit.id) if hit else None
        self.run_search(self.query_one(Input).value)

    @work(thread=True, exclusive=True, group="search", name="search")
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        results = search(self.app.store, query, worker)
        if worker.is_cancelled or results is None:
            return
        self.app.call_from_thread(self._show, query, results)

    def _show(self, query: str, results: Results) -> None:
        if query != self.query_one(Input).value:
            return  # overtaken by a newer keystroke
        self.results = results
        self.shown.append(query)
        results_list = self.query_one(ResultList)
        results_list.show_hits(results.hits)
        keep, self._keep = self._keep, None
        at = next((i for i, h in enumerate(results.hits) if (h.kind, h.id) == keep), None)
        if at is not None:
            results_list.reveal(at)
        self.query_one("#search-status", Static).update(status(query, results))

    def on_option_list_option_selected(self, event: ResultList.OptionSelected) -> None:
        event.stop()
        self.action_open()
