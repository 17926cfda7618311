"""The figures screen: `f` from search lists figure groups, conflicts first;
a group shows a plot and every source's passage; a claim lists other sources."""
from __future__ import annotations

import pytest
from explorer_helpers import row_id, screen_text, settle
from linked_corpus import write_linked_corpus
from textual_plotext import PlotextPlot

from explorer.app import ClaimscopeApp
from explorer.screens.compare import CompareScreen
from explorer.screens.figures import FigureGroupScreen, FiguresScreen
from explorer.screens.item import ItemScreen
from explorer.widgets.document_view import DocumentView
from seed.pipeline import seed


@pytest.fixture(scope="module")
def linked_db(tmp_path_factory):
    root = tmp_path_factory.mktemp("linked_explorer")
    db = root / "linked.db"
    seed([write_linked_corpus(root / "corpus")], db)
    return db


async def test_f_from_the_results_opens_the_figure_groups_with_the_conflict_marked(linked_db):
    app = ClaimscopeApp(linked_db, keymap={})
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "f")
        await settle(pilot)
        assert isinstance(app.screen, FiguresScreen)
        text = screen_text(app)
        assert "CONFLICT" in text and "troops" in text and "2,000–6,000" in text


async def test_a_figure_group_plots_each_source_and_lists_their_passages(linked_db):
    app = ClaimscopeApp(linked_db, keymap={})
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.push_screen(FiguresScreen())
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FigureGroupScreen)
        assert app.screen.query_one(PlotextPlot) is not None
        outlets = [s.outlet for s in app.screen.detail.sources]
        assert outlets == ["Harbour Daily", "Valley Post", "Coast Ledger"]
        assert "6,000 Tarsian troops are now stationed" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)


async def test_a_claim_lists_the_same_claim_in_another_source(linked_db):
    claim = row_id(linked_db, "SELECT id FROM claims WHERE text LIKE '%about 2,000%'")
    app = ClaimscopeApp(linked_db, keymap={})
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.open("claim", claim)
        await settle(pilot)
        assert "The same claim in other sources" in screen_text(app)
        assert [o.outlet for o in app.screen.others] == ["Valley Post"]


async def test_compare_marks_the_figures_the_other_source_contradicts_in_both_panes(linked_db):
    harbour = row_id(linked_db, "SELECT id FROM documents WHERE outlet = 'Harbour Daily'")
    coast = row_id(linked_db, "SELECT id FROM documents WHERE outlet = 'Coast Ledger'")
    valley = row_id(linked_db, "SELECT id FROM documents WHERE outlet = 'Valley Post'")
    app = ClaimscopeApp(linked_db, keymap={})
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        app.compare(harbour, coast)
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        marked = {}
        for side in ("left", "right"):
            view = app.screen.query_one(f"#{side}-view", DocumentView)
            marks = [m for m in view.marks if m.kind == "conflict"]
            marked[side] = [view.text[m.start:m.end] for m in marks]
            # Reverse video tells the mark apart without colour (NO_COLOR, 256 colours).
            assert view._style("conflict").reverse and view._style("conflict").bold
            line = view._lines[view.line_of(marks[0].start)]
            assert any(s.style and "reverse" in str(s.style) for s in line.render(app.console))
        assert marked == {"left": ["about 2,000"], "right": ["6,000"]}
        app.pop_screen()
        app.compare(harbour, valley)
        await settle(pilot)
        for side in ("left", "right"):
            view = app.screen.query_one(f"#{side}-view", DocumentView)
            assert not [m for m in view.marks if m.kind == "conflict"]


def _group(*members):
    import plotext as plt

    from db.links import FigureGroupDetail, FigureGroupSummary, FigureSource
    from explorer.screens.figures import plot_sources
    sources = tuple(FigureSource(i, i, o, None, p, "t", v, None, None, None, False, 0, 1, None, "s")
                    for i, (o, p, v) in enumerate(members))
    legend = plot_sources(plt, FigureGroupDetail(FigureGroupSummary(1, "troops", "", "", "conflict", 3, 3, 0, 0), sources))
    plt.plotsize(80, 20)
    return plt.uncolorize(plt.build()), legend.plain


def test_the_plot_puts_each_point_on_its_tick_row_and_the_legend_below():
    plot, legend = _group(("Harbour Daily", "2024-01-05", 6000.0), ("Valley Post", "2024-03-01", 11000.0),
                          ("Coast Ledger", None, 12000.0))
    row = next(line for line in plot.splitlines() if "6,000" in line)
    assert "●" in row
    assert "." not in "".join(line.split("┤")[0] for line in plot.splitlines() if "┤" in line)
    assert "Harbour Daily" not in plot and "● Harbour Daily" in legend and "■ Valley Post" in legend
    assert "no date" in plot.splitlines()[-2]


def test_a_group_with_nothing_dated_is_a_bar_list_not_a_time_axis():
    plot, legend = _group(("Harbour Daily", None, 6000.0), ("Valley Post", None, 12000.0))
    assert "published" not in plot
    assert "█" in legend and "● Harbour Daily" in legend and "12,000" in legend
