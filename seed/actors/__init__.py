"""Actors: takes a parsed Doc and gives who it names and where (``DocActors``:
local actors and their mentions); across documents, the registry resolves them
to the database's actors.

Below the two entry points: candidate spans (``entities``, ``patterns``) and
the name, place and chrome rules they share; ``grouping`` makes actors of the
candidates, ``resolve`` matches them across documents.
"""
from .document import extract_actors
from .registry import ActorRegistry

__all__ = ["extract_actors", "ActorRegistry"]
