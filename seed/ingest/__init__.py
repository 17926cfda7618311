"""Ingest: takes files and folders and gives each article's cleaned text, its
blocks (paragraphs, headings) and its metadata; a file that cannot be read
becomes a ``Skipped`` with the reason, and the rest goes on."""
from .clean import clean
from .files import InputError, Skipped, Source, load
from .metadata import infer

__all__ = ["load", "clean", "infer", "Source", "Skipped", "InputError"]
