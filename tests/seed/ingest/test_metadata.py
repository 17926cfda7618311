"""Metadata read from the article itself when no manifest gives it: the
dateline's agency, the page's markup, a URL's host, the headline, and a date of
publication only from a date line, a byline, a dateline or the markup."""
from __future__ import annotations

import json

import pytest

from seed.ingest import clean, infer
from seed.ingest.header import dateline, url_host
from seed.ingest.manifest import read_manifest


def meta_of(text: str, fmt: str = "txt", manifest: dict | None = None):
    return infer(clean(text, fmt), manifest or {})


WIRE = """\
Flood barrier fails on the Orrin as rain keeps falling

BRELLIN, March 4, 2031 (Meridian Press) - Water poured over the Orrin barrier on Tuesday, the river authority said.

Engineers had warned about the barrier in a report published on June 2, 2027, officials recalled.
"""


def test_the_agency_in_a_dateline_is_the_outlet_and_its_date_the_publication():
    meta = meta_of(WIRE)
    assert meta.outlet == "Meridian Press"
    assert meta.published == "2031-03-04"
    assert meta.title == "Flood barrier fails on the Orrin as rain keeps falling"
    assert {"outlet", "published", "title"} <= set(meta.inferred)


def test_a_date_in_a_body_sentence_is_never_the_publication_date():
    text = """\
Harbour board replaces its chair

The board met on Monday. In a meeting on October 3, 2019, eight years before this one, the members had first discussed the harbour.
"""
    assert meta_of(text).published is None


def test_a_dateline_without_a_year_gives_the_outlet_but_no_date():
    meta = meta_of("TARNOW, Feb 5 (Coastline Wire) - Ferries stopped on Monday, the port said. "
                   "The last stoppage was on May 1, 2024.\n")
    assert (meta.outlet, meta.published) == ("Coastline Wire", None)


@pytest.mark.parametrize("line, date", [
    ("Published: 12 April 2030", "2030-04-12"),
    ("Updated Thursday, April 13, 2030 09:15 CET", "2030-04-13"),
    ("By Oskar Lund | April 11, 2030", "2030-04-11"),
    ("Friday 11 April 2030", "2030-04-11"),
])
def test_a_date_line_or_a_byline_dates_the_article(line, date):
    text = f"Mill closes after ninety years\n\n{line}\n\nThe mill in Verrin closed on Friday, its owners said.\n"
    assert meta_of(text).published == date


def test_published_wins_over_updated():
    text = ("Mill closes\n\nUpdated: April 14, 2030\n\nPublished: April 11, 2030\n\n"
            "The mill in Verrin closed on Friday, its owners said.\n")
    assert meta_of(text).published == "2030-04-11"


def test_a_first_line_that_ends_in_a_full_stop_is_still_the_headline():
    text = "Ferry union rejects the new offer.\n\nThe ferry workers' union rejected the operator's offer on Monday, saying it fell short.\n"
    assert meta_of(text).title == "Ferry union rejects the new offer"


def test_an_article_that_opens_with_its_first_paragraph_has_no_headline():
    text = ("The ferry workers' union rejected the operator's offer on Monday, saying it fell short of what "
            "members had been promised in the spring.\n\nTalks resume next week.\n")
    assert meta_of(text).title is None


PAGE = """\
<html><head><title>Dam holds | Valley Courier</title>
<script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Valley Courier"}}</script>
</head><body><article><h1>Dam holds</h1>
<p>The Larnby dam held on Sunday, officials said, as water rose across the valley for a third day.</p>
<p>A similar crack was found on March 3, 2019 and repaired within weeks, engineers recalled at the time.</p>
</article></body></html>
"""


def test_html_gives_its_publisher_and_never_a_date_from_its_text():
    meta = meta_of(PAGE, "html")
    assert meta.outlet == "Valley Courier"
    assert meta.published is None


def test_a_url_names_its_site_when_nothing_else_names_the_outlet():
    meta = meta_of("Dam holds\n\nThe dam held on Sunday, officials said.\n",
                   manifest={"url": "https://www.valley-courier.example/news/dam"})
    assert meta.outlet == "valley-courier.example"
    assert url_host("https://proxy.example/https/news.valley.example/a") == "valley.example"


def test_a_dateline_with_no_agency_names_only_a_place():
    d = dateline("PORT ALDER -- The council voted on Monday.")
    assert (d.place, d.agency, d.month_day) == ("PORT ALDER", None, None)
    assert dateline("Port Alder voted on Monday - and then it rained.") is None


def test_a_manifest_may_be_json_or_csv_with_the_same_fields(tmp_path):
    json_folder, csv_folder = tmp_path / "j", tmp_path / "c"
    json_folder.mkdir()
    csv_folder.mkdir()
    (json_folder / "sources.json").write_text(json.dumps(
        [{"file": "a.txt", "outlet": "Valley Courier", "published": "2030-04-11", "authors": ["Oskar Lund"]}]))
    (csv_folder / "sources.csv").write_text(
        "file,outlet,published,authors\na.txt,Valley Courier,2030-04-11,Oskar Lund; Ida Berg\nb.txt,,2030-13-40,\n")
    from_json = read_manifest(json_folder)[0]
    from_csv = read_manifest(csv_folder)[0]
    assert from_json.entries["a.txt"] == {"outlet": "Valley Courier", "published": "2030-04-11",
                                          "authors": ["Oskar Lund"]}
    assert from_csv.entries["a.txt"]["authors"] == ["Oskar Lund", "Ida Berg"]
    assert from_csv.entries["b.txt"] == {} and "b.txt" in from_csv.problems[0]
