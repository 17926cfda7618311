"""Figures across sources: the groups of figures that count the same thing,
conflicts first, each with its spread; on a group, every source's value
plotted against its publication date and the passages behind them."""
from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from db.links import FigureGroupDetail, FigureGroupSummary, FigureSource

from ..export import save_list
from ..safe import inert, plain
from ..widgets.lists import refill
from ..workers import db_work

PALETTE = ["cyan", "orange", "green", "magenta", "yellow", "blue", "red", "white"]


def number(v: float | None) -> str:
    if v is None:
        return "?"
    return f"{v:,.0f}" if v == int(v) else f"{v:,.1f}"


def spread(g: FigureGroupSummary) -> str:
    if g.low is None:
        return "—"
    return number(g.low) if g.high in (None, g.low) else f"{number(g.low)}–{number(g.high)}"


def group_line(g: FigureGroupSummary) -> Text:
    out = Text()
    out.append("CONFLICT " if g.status == "conflict" else "agree    ",
               style="bold red" if g.status == "conflict" else "green")
    out.append_text(plain(g.label, "bold"))
    out.append(f"  {spread(g)} · {g.documents} sources, {g.figures} figures", style="dim")
    return out


def day(published: str | None) -> date | None:
    """A date to plot at: a month alone stands at its first day."""
    if not published:
        return None
    parts = (published.split("-") + ["1", "1"])[:3]
    try:
        return date(int(parts[0]), int(parts[1] or 1), int(parts[2] or 1))
    except ValueError:
        return None


def source_line(s: FigureSource) -> Text:
    out = Text()
    out.append("✗ " if s.conflicts else "✓ ", style="bold red" if s.conflicts else "green")
    out.append_text(plain(" · ".join(x for x in (s.outlet or s.title or "(unknown source)", s.published) if x), "bold"))
    out.append_text(plain(f"  {' '.join(s.text.split())}"))
    if s.claimant:
        out.append_text(plain(f"  — {s.claimant}", "italic"))
    out.append("\n  ")
    out.append_text(plain(" ".join(s.sentence.split()), "dim"))
    return out


RICH = {"orange": "orange1"}  # plotext's colour names that Rich spells otherwise
MARKERS = ["●", "■", "▲", "◆", "✚", "✖"]  # shape as well as colour: NO_COLOR still tells sources apart


def outlet_of(s: FigureSource) -> str:
    return s.outlet or s.title or "(unknown)"


def styles(detail: FigureGroupDetail) -> dict[str, tuple[str, str]]:
    """Each outlet's (marker, colour), in the order the outlets first appear."""
    out: dict[str, tuple[str, str]] = {}
    for s in detail.sources:
        n = len(out)
        out.setdefault(outlet_of(s), (MARKERS[n % len(MARKERS)], PALETTE[n % len(PALETTE)]))
    return out


def y_ticks(values: list[float], rows: int = 8) -> list[float]:
    """The members' own values, dropping any too close to a kept one to get a row of its own."""
    lo, hi = min(values), max(values)
    gap = (hi - lo) / rows
    kept: list[float] = []
    for v in sorted(set(values)):
        if not kept or v - kept[-1] > gap:
            kept.append(v)
    return kept


def _top(s: FigureSource) -> float:
    """The value a source is drawn up to: the top of its range, or its value."""
    return s.high if s.high is not None else s.low or 0.0


def legend(detail: FigureGroupDetail, bars: bool = False) -> Text:
    """One line per source: its marker in its colour, outlet, value (a bar when nothing is dated)."""
    marks = styles(detail)
    top = max(_top(s) for s in detail.sources) or 1.0
    out = Text()
    for s in detail.sources:
        marker, colour = marks[outlet_of(s)]
        rich_colour = RICH.get(colour, colour)
        out.append(f"{marker} ", style=rich_colour)
        out.append(inert(outlet_of(s))[:24].ljust(25))
        if bars:  # no dates: a bar list stands in for the time axis
            out.append("█" * max(1, round(30 * _top(s) / top)) + " ", style=rich_colour)
        value = number(s.low) if s.high in (None, s.low) else f"{number(s.low)}–{number(s.high)}"
        out.append(f"{value}  {inert(s.published) or 'no date'}\n")
    out.rstrip()
    return out


def plot_sources(plt, detail: FigureGroupDetail) -> Text:
    """Each source's value (a line for a range) against its publication date,
    undated ones in a "no date" column; returns the legend for below the plot,
    or, with nothing dated, a bar list to show instead of it."""
    plt.clear_data()
    plt.clear_figure()
    days = [d for d in (day(s.published) for s in detail.sources) if d]
    if not days:
        return legend(detail, bars=True)
    origin = min(days)
    nodate = (max(days) - origin).days + max(30, (max(days) - origin).days // 5)
    marks = styles(detail)
    values: list[float] = []
    for s in detail.sources:
        d = day(s.published)
        x = (d - origin).days if d else nodate
        low, high = s.low or 0.0, _top(s)
        marker, colour = marks[outlet_of(s)]
        plt.plot([x, x], [low, high], color=colour, marker=marker)  # no label: the legend is below
        values += [low, high]
    undated = len(days) < len(detail.sources)
    _axes(plt, origin, sorted({(d - origin).days for d in days}), nodate if undated else None, values)
    plt.title(inert(detail.group.label))
    return legend(detail)


def _axes(plt, origin: date, ticks: list[int], nodate: int | None, values: list[float]) -> None:
    labels = [date.fromordinal(origin.toordinal() + t).isoformat()[:7] for t in ticks]
    if nodate is not None:  # a column of its own for the undated
        ticks, labels = ticks + [nodate], labels + ["no date"]
    plt.xticks(ticks, labels)
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or max(1.0, abs(hi) * 0.1)
    plt.ylim(lo - pad, hi + pad)  # so the extremes are not drawn on the frame
    yt = y_ticks(values)
    plt.yticks(yt, [f"{v:,.0f}" for v in yt])  # placed at the very values they label
    plt.xlabel("published")


class FiguresScreen(Screen):
    """The figure groups, conflicts first."""
    PALETTE_NAME = "Figures"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="figures.back", tooltip="back"),
        Binding("enter", "open", "Open", id="figures.open", tooltip="open the highlighted figure group"),
        Binding("j", "cursor(1)", "Down", show=False, id="figures.down", tooltip="next group"),
        Binding("k", "cursor(-1)", "Up", show=False, id="figures.up", tooltip="previous group"),
        Binding("ctrl+s", "save", "Save", show=False, id="figures.save",
                tooltip="save every group's figures to a CSV file in the current directory"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[FigureGroupSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="figures-status")
        yield OptionList(id="figure-groups")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Figures across sources"
        self.query_one(OptionList).focus()
        self.load()

    @db_work(group="figures", name="figure groups")
    def load(self) -> None:
        groups = self.app.store.figure_groups()
        self.app.call_from_thread(self._show, groups)

    def refresh_data(self) -> None:
        self.load()

    def _show(self, groups: list[FigureGroupSummary]) -> None:
        self.groups = groups
        refill(self.query_one(OptionList), [Option(group_line(g), id=str(g.id)) for g in groups])
        conflicts = sum(g.status == "conflict" for g in groups)
        status = (f"{len(groups)} groups of figures counting the same thing, {conflicts} in conflict"
                  if groups else "No figures compared yet: seed at least two documents with figures.")
        self.query_one("#figures-status", Static).update(Text(status, style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.push_screen(FigureGroupScreen(int(event.option.id)))

    def action_save(self) -> None:
        save_list(self, "figure-groups", "figure-groups", [("figure-group", g.id) for g in self.groups])

    def action_open(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and self.groups:
            self.app.push_screen(FigureGroupScreen(self.groups[options.highlighted].id))

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()


class FigureGroupScreen(Screen):
    """One figure group: the plot, then each source's passage."""
    PALETTE_NAME = "Figure group"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="figure_group.back", tooltip="back"),
        Binding("enter", "open", "Open", id="figure_group.open",
                tooltip="open the highlighted passage (its claim, else the document)"),
        Binding("j", "cursor(1)", "Down", show=False, id="figure_group.down", tooltip="next source"),
        Binding("k", "cursor(-1)", "Up", show=False, id="figure_group.up", tooltip="previous source"),
        Binding("ctrl+s", "save", "Save", show=False, id="figure_group.save",
                tooltip="save this group's figures to a CSV file in the current directory"),
    ]

    def __init__(self, group_id: int):
        super().__init__()
        self.group_id = group_id
        self.detail: FigureGroupDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield PlotextPlot(id="figure-plot")
        yield Static(id="figure-legend")
        yield OptionList(id="figure-sources")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Figure group"
        self.query_one(OptionList).focus()
        self.load()

    @db_work(group="figure-group", name="figure group")
    def load(self) -> None:
        detail = self.app.store.figure_group(self.group_id)
        self.app.call_from_thread(self._show, detail)

    def refresh_data(self) -> None:
        self.load()

    def _show(self, detail: FigureGroupDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.notify("This figure group is no longer in the database.", markup=False)
            return
        self.sub_title = inert(f"{detail.group.label} · {spread(detail.group)}")
        refill(self.query_one(OptionList), [Option(source_line(s), id=str(s.figure_id)) for s in detail.sources])
        widget = self.query_one(PlotextPlot)
        self.query_one("#figure-legend", Static).update(plot_sources(widget.plt, detail))
        widget.display = any(day(s.published) for s in detail.sources)  # else the legend is a bar list
        widget.refresh()

    def _current(self) -> FigureSource | None:
        options = self.query_one(OptionList)
        if self.detail is None or options.highlighted is None:
            return None
        return self.detail.sources[options.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_save(self) -> None:
        if self.detail is not None:
            save_list(self, f"figure-group-{self.group_id}", "figure-groups", [("figure-group", self.group_id)])

    def action_open(self) -> None:
        s = self._current()
        if s is None:
            return
        if s.claim_id is not None:
            self.app.open("claim", s.claim_id)
        else:
            self.app.open("doc", s.document_id, span=(s.start, s.end))

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()
