"""Applying cross-document actor resolution to the database.

``seed.actors.resolve`` decides, purely, which local actor is which known one; this
registry feeds it the actors already stored, writes what it decides, and keeps
its picture of the known actors in step for the next document of the run.
"""
from __future__ import annotations

from db.writer import SeedWriter

from ..records import DocActors, unnamed_identity
from .names import fold
from .resolve import BlockIndex, KnownActor, resolve


class ActorRegistry:
    def __init__(self, writer: SeedWriter):
        self.writer = writer
        self.reload()

    def reload(self) -> None:
        """Re-read the stored actors (after a document's transaction rolled back)."""
        self.known = [KnownActor(r["id"], r["name"], r["kind"], set(r["aliases"]), r["description"])
                      for r in self.writer.known_actors()]
        self.by_id = {a.id: a for a in self.known}
        self.index = BlockIndex(self.known)

    def write(self, doc_actors: DocActors, document: str) -> dict[str, int]:
        """Store one document's actors (``document`` its path); returns local key ->
        database actor id."""
        local = [a for a in doc_actors.actors.values() if a.named]
        res = resolve(self.known, local, self.index)
        w = self.writer
        new_ids = []
        for a in res.new_actors:
            actor_id = w.insert_actor(fold(a.name) or a.name, a.name, a.kind, a.description)
            w.add_aliases(actor_id, a.aliases | {a.name})
            stored = KnownActor(actor_id, a.name, a.kind, a.aliases | {a.name}, a.description)
            self.known.append(stored)
            self.by_id[actor_id] = stored
            new_ids.append(actor_id)
        ids = {key: new_ids[i] for key, i in res.created.items()}
        ids.update(res.existing)
        ids.update(self._write_unnamed(doc_actors, document))
        for actor_id, name in res.renames.items():
            w.update_actor(actor_id, name=name)
            self.by_id[actor_id].name = name
        for actor_id, aliases in res.new_aliases.items():
            w.add_aliases(actor_id, aliases)
            self.by_id[actor_id].aliases |= aliases
        for actor_id, kind in res.kind_changes.items():
            w.update_actor(actor_id, kind=kind)
            self.by_id[actor_id].kind = kind
        for a in local:
            known = self.by_id.get(ids.get(a.key))
            if known is not None and known.description is None and a.description:
                w.update_actor(known.id, description=a.description)
                known.description = a.description
        return ids

    def _write_unnamed(self, doc_actors: DocActors, document: str) -> dict[str, int]:
        """Unnamed sources are never matched to anyone: each is its document's,
        keyed by the document and the description, its name saying what it is."""
        ids = {}
        for a in doc_actors.actors.values():
            if not a.named:
                key = f"unnamed:{document}:{unnamed_identity(a.name)}"
                ids[a.key] = self.writer.unnamed_actor(key, f"{a.name} (unnamed)", a.kind, "unnamed source")
                self.writer.add_aliases(ids[a.key], {a.name})
        return ids
