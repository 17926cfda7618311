"""Claimscope's terminal explorer (Textual).  Reads the database through ``db``."""
