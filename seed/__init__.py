"""Seeding: turn a folder of articles into the Claimscope SQLite database."""
