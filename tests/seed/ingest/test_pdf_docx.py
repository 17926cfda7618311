"""PDF (the text layer) and Word files seed like the text formats: the text
stored is what the reader and the cleaner make of them, page furniture and
line-end hyphens gone; a scan is named; files of other types are counted."""
from __future__ import annotations

import subprocess

import pytest
from made_files import DOCX_TEXT, PDF_TEXT, make_docx, make_pdf, make_scanned_pdf

from conftest import query
from processes import tool
from seed.ingest import pdf, word
from seed.ingest.files import InputError, discover


def test_a_pdf_is_stored_as_its_paragraphs_without_headers_footers_or_line_end_hyphens(pdf_docx_db):
    ((text, fmt, outlet),) = query(pdf_docx_db, "select text, format, outlet from documents where path like '%.pdf'")
    assert (fmt, outlet) == ("pdf", "Coastal Times")
    assert text == PDF_TEXT
    paragraphs = [t for (t,) in query(pdf_docx_db, "select p.text from passages p join documents d "
                                                   "on d.id = p.document_id where d.format = 'pdf' "
                                                   "and p.kind != 'sentence' order by p.start")]
    assert paragraphs == PDF_TEXT.split("\n\n")


def test_a_word_file_is_stored_as_its_body_paragraphs(pdf_docx_db):
    ((text, fmt),) = query(pdf_docx_db, "select text, format from documents where path like '%.docx'")
    assert (fmt, text) == ("docx", DOCX_TEXT)
    kinds = query(pdf_docx_db, "select p.kind, p.text from passages p join documents d on d.id = p.document_id "
                               "where d.format = 'docx' and p.kind != 'sentence' order by p.start")
    assert kinds[0] == ("heading", "Ferry operator cuts three routes")
    assert ("heading", "Passengers") in kinds


def test_quotes_and_figures_read_from_a_pdf_and_a_word_file_point_at_their_words(pdf_docx_db):
    quotes = dict(query(pdf_docx_db, "select d.format, q.text from quotes q join documents d on d.id = q.document_id"))
    assert quotes["pdf"] == "We will not return until the contract is signed,"
    assert quotes["docx"] == "We cannot run half-empty boats all winter,"
    figures = {t for (t,) in query(pdf_docx_db, "select f.text from figures f join documents d "
                                                "on d.id = f.document_id where d.format = 'pdf'")}
    assert {"about 2,000", "300"} <= figures, figures  # the number phrase; the unit is a column


def test_a_scan_is_skipped_by_name_and_other_types_are_counted_and_named(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    make_pdf(folder / "harbour.pdf")
    make_scanned_pdf(folder / "scan.pdf")
    (folder / "figures.xlsx").write_bytes(b"PK\x03\x04")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    db = tmp_path / "mixed.db"
    for quiet in (["--quiet"], []):
        done = subprocess.run([tool("claimscope"), "seed", str(folder), "--db", str(db), "--rebuild", *quiet],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 3, done.stderr  # seeded, one file skipped
        said = done.stdout + done.stderr
        assert said.count(f"skipped {folder / 'scan.pdf'}: no text layer") == 1, said
        assert f"2 files of other types not read: {folder / 'figures.xlsx'}, {folder / 'photo.jpg'}" in done.stdout
        assert "1 seeded, 0 unchanged, 0 moved, 1 skipped" in done.stdout
    assert query(db, "select count(*) from documents") == [(1,)]


def test_a_folder_of_other_types_only_is_an_error_that_counts_them(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"x")
    (tmp_path / "b.doc").write_bytes(b"x")
    with pytest.raises(InputError, match=r"holds no \.txt, \.md, \.html, \.pdf or \.docx files \(2 files of other"):
        discover([tmp_path])


def test_a_broken_pdf_or_word_file_gets_a_reason():
    with pytest.raises(ValueError, match="not a readable PDF"):
        pdf.read(b"%PDF-1.4\nthis is not the rest of a PDF")
    with pytest.raises(ValueError, match="not a readable Word file"):
        word.read(b"PK\x03\x04 truncated")


def test_a_hyphen_at_a_line_end_stays_where_the_document_writes_the_word_with_it(tmp_path):
    pages = [["The long-term plan was ready, and the minis-", "ter said the long-", "term costs were known.",
              "Talks between the Franco-", "German partners went on."]]
    text = pdf.read(make_pdf(tmp_path / "h.pdf", pages, header="").read_bytes())
    assert "the minister said the long-term costs were known." in text
    assert "Talks between the Franco-German partners went on." in text


def test_a_scan_says_it_has_no_text_layer(tmp_path):
    with pytest.raises(ValueError, match="no text layer"):
        pdf.read(make_scanned_pdf(tmp_path / "scan.pdf").read_bytes())
