"""Claimscope's data layer: the schema, connections, every query, and search.

Nothing here imports Textual or the seeding pipeline: both the seeder and the
explorer go through this package, and it depends on neither.
"""
