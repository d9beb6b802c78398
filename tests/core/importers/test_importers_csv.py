"""Text exports: encodings, delimiters, quoted multi-line cells, US dates kept as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from importer_fixtures import health_csv, month_first_csv, sample

from scrchron.importers import SubmissionError, parse_submission
from scrchron.importers.csv_reader import decode_text, read_text_table, sniff_delimiter


def test_windows_1252_health_export_with_multiline_cells(tmp_path: Path) -> None:
    path = health_csv(tmp_path)
    parsed = parse_submission(path)
    assert parsed.importer == "csv" and parsed.tables_used == ["health"]
    assert parsed.mapping == {
        "start_date": "Date of contact", "start_time": "Time", "event": "What happened",
        "action": "Outcome / Action", "practitioner_role": "Staff member (role)", "contact_type": "Contact type",
    }
    first, second, third = parsed.rows
    assert first.fields["event"] == "Mother’s partner present.\nBaby seen and weighed."
    assert second.fields["event"] == 'Mother said she owed £200 rent; "worried".'
    assert third.fields["start_date"] == "Jul-15"
    assert [r.row for r in parsed.rows] == [2, 3, 5]
    assert third.origin == "Sheet 'health' row 5"
    assert parsed.skipped == {"empty row": 1}
    assert read_text_table(path).encoding == "cp1252"


def test_month_first_semicolon_export_keeps_dates_as_text(tmp_path: Path) -> None:
    parsed = parse_submission(month_first_csv(tmp_path))
    assert [r.fields["start_date"] for r in parsed.rows] == ["08/28/2014", "09/15/2014"]
    assert parsed.mapping["contact_type"] == "Event type" and parsed.mapping["event"] == "Summary"
    assert read_text_table(month_first_csv(tmp_path)).delimiter == ";"


def test_us_open_data_csv_needs_a_mapping() -> None:
    path = sample("textract/csv__raw_text.csv")
    with pytest.raises(SubmissionError) as caught:
        parse_submission(path)
    message = str(caught.value)
    assert "No event column recognised in 'csv__raw_text.csv'" in message
    assert '"CREATION DATE", "STATUS", "COMPLETION DATE"' in message
    assert '--map start_date="Header" --map event="Header"' in message
    parsed = parse_submission(path, mapping_overrides={"event": "TYPE OF SERVICE REQUEST"})
    assert parsed.mapping["start_date"] == "CREATION DATE" and parsed.mapping["end_date"] == "COMPLETION DATE"
    assert parsed.rows[0].fields["start_date"] == "08/28/2014"  # not interpreted here
    assert parsed.rows[0].fields["event"] == "Pothole in Street"
    assert parsed.rows[0].extra["LOCATION"] == "(41.89259322553828, -87.6243340479495)"
    assert len(parsed.rows) == 55


def test_csv_with_no_date_column(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Name,Role,Notes\nA,B,C\n", encoding="utf-8")
    with pytest.raises(SubmissionError, match=r'No date column recognised .*"Name", "Role", "Notes"'):
        parse_submission(path)


def test_utf16_tab_separated_excel_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes("Date\tDetails\r\n01/02/2015\tVisit – child seen\r\n".encode("utf-16"))
    parsed = parse_submission(path)
    assert parsed.rows[0].fields == {"start_date": "01/02/2015", "event": "Visit – child seen"}


def test_utf8_bom_and_sep_line(tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("sep=|\nDate|Event|Outcome\n01/02/2015|Visit, child seen|None\n", encoding="utf-8-sig")
    parsed = parse_submission(path)
    assert parsed.rows[0].fields["event"] == "Visit, child seen"


def test_decoding_order() -> None:
    assert decode_text("é".encode()) == ("é", "utf-8-sig")
    assert decode_text("’£".encode("cp1252")) == ("’£", "cp1252")
    assert decode_text(b"\x81\xe9") == ("\x81é", "latin-1")


def test_sniffing_prefers_consistent_splits() -> None:
    sample_text = 'Date,Details\n01/02/2015,"Visit; child seen; mother present"\n02/02/2015,Call; no answer\n'
    assert sniff_delimiter(sample_text) == ","
    assert sniff_delimiter("Date;Details\n01/02/2015;A, B\n") == ";"
    assert sniff_delimiter("a\tb\n", ".tsv") == "\t"
    assert sniff_delimiter("just one column\n") == ","


def test_unclosed_quote_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text('Date,Event\n01/01/2014,"never closed\n' + "x" * 140_000 + "\n", encoding="utf-8")
    with pytest.raises(SubmissionError, match="unclosed quote"):
        parse_submission(path)


def test_period_in_date_cell_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "cin.csv"
    path.write_text("Start Date,Event\n14/07/2014 - 30/10/2014,Child in need plan\n", encoding="utf-8")
    assert parse_submission(path).rows[0].fields["start_date"] == "14/07/2014 - 30/10/2014"


def test_nul_bytes_after_the_sample_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    lines = "".join(f"0{1 + i % 9}/03/2015,Home visit {i}\n" for i in range(5000))
    path.write_bytes(("Date,Event\n" + lines).encode() + b"02/03/2015,Vis\x00it\x00\n")
    with pytest.raises(SubmissionError, match=r"contains binary data \(a NUL byte at byte [\d,]+\)"):
        parse_submission(path)


def test_mixed_utf8_and_windows_1252_lines_are_each_decoded(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    utf8 = "01/03/2015,Visit to Zoë and Chloé; café meeting\n".encode()
    cp1252 = "02/03/2015,Visit to Zoë – Chloé’s nursery\n".encode("cp1252")
    path.write_bytes(b"Date,Event\n" + utf8 * 3 + cp1252 * 2)
    parsed = parse_submission(path)
    assert [row.fields["event"] for row in parsed.rows] == (
        ["Visit to Zoë and Chloé; café meeting"] * 3 + ["Visit to Zoë – Chloé’s nursery"] * 2)
    assert any("mixes text encodings (3 line(s) in UTF-8, 2 in Windows-1252)" in w for w in parsed.warnings)

