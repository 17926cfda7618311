"""``ctrl+p``: the actions of the screen in focus, by name ("Claim: open the
document at this passage"), from the same bindings as the keys and help."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .keys import key_label, screen_actions


class ScreenCommands(Provider):
    def _commands(self):
        screen = self.screen
        name = getattr(screen, "PALETTE_NAME", None)
        if name is None:
            return
        for action in screen_actions(screen):
            if action.node is self.app:
                continue
            title = f"{name}: {action.title}"
            run = partial(self.app.run_action, action.action, action.node)
            yield title, run, f"{key_label(self.app, action)}   {action.id}"

    async def discover(self) -> Hits:
        for title, run, help_text in self._commands():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
