"""What keys a screen answers to, as help and the command palette list them:
the screen's own bindings, those of its widgets, then the app's, each once,
with the keys the user's keymap gives it."""
from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen


@dataclass(frozen=True)
class BoundAction:
    id: str
    keys: tuple[str, ...]
    description: str
    tooltip: str
    action: str
    node: DOMNode  # where the action runs

    @property
    def title(self) -> str:
        return self.tooltip or self.description


def _collect(node: DOMNode, seen: dict[str, BoundAction]) -> None:
    for key, binding in node._bindings:
        if not binding.id:
            continue
        found = seen.get(binding.id)
        if found is None:
            seen[binding.id] = BoundAction(binding.id, (key,), binding.description, binding.tooltip,
                                           binding.action, node)
        elif found.node is node and key not in found.keys:
            seen[binding.id] = BoundAction(found.id, (*found.keys, key), found.description,
                                           found.tooltip, found.action, node)


def screen_actions(screen: Screen) -> list[BoundAction]:
    seen: dict[str, BoundAction] = {}
    _collect(screen, seen)
    classes = set()
    for widget in screen.query("*"):
        if type(widget) not in classes:
            classes.add(type(widget))
            _collect(widget, seen)
    _collect(screen.app, seen)
    keymap = screen.app._keymap
    return [BoundAction(a.id, tuple(keymap[a.id].split(",")) if a.id in keymap else a.keys,
                        a.description, a.tooltip, a.action, a.node) for a in seen.values()]


def key_label(app: App, action: BoundAction) -> str:
    return " ".join(app.get_key_display(Binding(k.strip(), action.action)) for k in action.keys)
