"""Ingest: takes files and folders (.txt, .md, .html, .pdf, .docx) and gives
each article's cleaned text, its blocks (paragraphs, headings) and its
metadata; a file that cannot be read becomes a ``Skipped`` with the reason, one
of another type a ``NotRead``, and the rest goes on.  PDF and Word files are
read by ``pdf`` and ``word`` into text with one paragraph per line, which the
cleaner then treats as any text file's."""
from .clean import clean
from .files import InputError, NotRead, Skipped, Source, load
from .metadata import infer

__all__ = ["load", "clean", "infer", "Source", "Skipped", "NotRead", "InputError"]
