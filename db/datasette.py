"""Metadata for Datasette (0.65): every table, view and column titled and
described (``db.descriptions``), labels and facets where they help, the
derived tables hidden from the index page (still there by URL), and canned
queries for what an analyst asks first.

    claimscope datasette-metadata --out metadata.json
    datasette "$(claimscope locate)" --metadata metadata.json
"""
from __future__ import annotations

from .descriptions import TABLES

# Asked of the file as it is: each reads the public views and tables only.
QUERIES = {
    "conflicting_figures": {
        "title": "Conflicting figures",
        "description": "Figure groups whose sources disagree, each source's figure side by side with its "
                       "outlet, date, claimant and sentence (verdict: does this figure's range miss another's).",
        "sql": "select group_id, label, outlet, published, figure, qualifier, claimant, verdict, passage, title\n"
               "from figure_comparison where status = 'conflict'\n"
               "order by group_id, published is null, published, outlet",
    },
    "claims_several_sources_make": {
        "title": "Claims several sources make",
        "description": "Claims grouped across documents, with who made them first and where.",
        "sql": "select group_id, group_label, outlet, published, claimant, stance, claim, title\n"
               "from claim_sources where group_id is not null\n"
               "order by group_id, published is null, published, outlet",
    },
    "quote_reuse": {
        "title": "Quote reuse",
        "description": "Quoted words a later article took from an earlier one.",
        "sql": "select origin_outlet, origin_published, origin_speaker, origin_text, reuse_outlet, reuse_published,\n"
               "       reuse_speaker, reuse_text, score\n"
               "from quote_reuse order by origin_published, reuse_published, id",
    },
    "actor_claims": {
        "title": "Everything an actor claimed",
        "description": "Every claim and quote attributed to an actor whose name or any written form contains "
                       "the text given (case aside), newest first, with your verdicts.",
        "sql": "with who as (\n"
               "  select id from actors where name like '%' || :actor || '%'\n"
               "  union select actor_id from aliases where alias like '%' || :actor || '%')\n"
               "select 'claim' as kind, a.name as actor, c.text, c.stance, c.cue, d.outlet, d.published, d.title,\n"
               "       n.verdict, n.note, c.id\n"
               "from claims c join who on who.id = c.claimant_id join actors a on a.id = c.claimant_id\n"
               "join documents d on d.id = c.document_id\n"
               "left join annotations n on n.kind = 'claim' and n.document_path = d.path and n.text_key = c.text_key\n"
               "union all\n"
               "select 'quote', a.name, q.text, null, q.cue, d.outlet, d.published, d.title, n.verdict, n.note, q.id\n"
               "from quotes q join who on who.id = q.speaker_id join actors a on a.id = q.speaker_id\n"
               "join documents d on d.id = q.document_id\n"
               "left join annotations n on n.kind = 'quote' and n.document_path = d.path and n.text_key = q.text_key\n"
               "order by published desc, outlet, kind",  # undated last: NULL sorts first, so last when desc
        "params": ["actor"],
    },
    "your_verdicts": {
        "title": "Your verdicts and notes",
        "description": "What you marked in the explorer (v, e), newest first; orphaned: its claim or quote is "
                       "no longer in the file, the note is kept.",
        "sql": "select s.verdict, s.note, s.kind, s.text, d.outlet, d.published, d.title, s.updated_at,\n"
               "       s.item_id is null as orphaned, s.document_path\n"
               "from annotation_status s left join documents d on d.path = s.document_path\n"
               "order by s.updated_at desc",
    },
}

LABELS = {"documents": "title", "actors": "name", "claim_groups": "label", "figure_groups": "label"}
FACETS = {"documents": ["outlet", "format"], "claims": ["stance"], "figures": ["unit"], "actors": ["kind"],
          "passages": ["kind"], "figure_groups": ["status", "unit", "scope"], "annotations": ["verdict", "kind"],
          "figure_comparison": ["status", "outlet"], "claim_sources": ["outlet"]}
HIDDEN_PREFIXES = ("search_", "link_", "claimscope_meta")


def metadata(database: str = "claimscope") -> dict:
    """Datasette's metadata for a Claimscope file that Datasette names
    ``database`` (the file's name without its suffix)."""
    tables = {}
    for name, (title, description, columns) in TABLES.items():
        entry: dict = {"title": title, "description": description, "columns": dict(columns)}
        if name in LABELS:
            entry["label_column"] = LABELS[name]
        if name in FACETS:
            entry["facets"] = FACETS[name]
        if name.startswith(HIDDEN_PREFIXES):
            entry["hidden"] = True
        tables[name] = entry
    return {
        "title": "Claimscope",
        "description": "Who claims what across news sources: documents, passages, actors, quotes, claims and "
                       "figures, each at its exact words (start and end are code point offsets into "
                       "documents.text), the groups linking them across sources, and your verdicts.",
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }
