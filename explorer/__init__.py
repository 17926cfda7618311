"""Claimscope's terminal explorer (Textual).  Reads the database through ``db``."""
from .responsive import prefer_prompt_frames

prefer_prompt_frames()  # read by Textual when it is first imported, below this package
