"""Text: takes cleaned text and gives the parsed spaCy Doc (long texts in pieces,
offsets intact), the passages rows, and the per-Doc caches and sentence spans
every later stage reads."""
from .chunks import pipe
from .model import load_model
from .passages import block_locator, passages

__all__ = ["load_model", "pipe", "passages", "block_locator"]
