import csv

import pytest
from django.core.management import CommandError, call_command

from analysis.themes.tagger import ThemeTagger

FIXTURES = "tests/themes/fixtures"
CODEBOOK = f"{FIXTURES}/transport_codebook.csv"


def write(path, header, rows, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def files(tmp_path, transport_rows):
    coded = [r for r in transport_rows if r["themes"]][:45]
    rest = [r for r in transport_rows if r not in coded]
    examples = write(tmp_path / "coded.csv", ["id", "text", "themes"],
                     [[r["id"], r["text"], r["themes"]] for r in coded])  # fmt: skip
    texts = write(tmp_path / "texts.csv", ["id", "text"], [[r["id"], r["text"]] for r in rest])
    return {"examples": examples, "input": texts, "rest": rest, "dir": tmp_path}


def tag(files, **extra):
    output = str(files["dir"] / "tagged.csv")
    options = {"codebook": CODEBOOK, "examples": files["examples"], "input": files["input"]}
    call_command("tag_themes", **{**options, **extra}, output=output)
    return read(output)


def test_tag_themes_output_format(files):
    rows = tag(files)
    assert list(rows[0]) == ["id", "themes", "scores", "flag"]
    assert [r["id"] for r in rows] == [r["id"] for r in files["rest"]]
    names = {r["theme"] for r in read(CODEBOOK)}
    for row in rows:
        if row["flag"] == "non-answer":
            assert row["themes"] == "" and row["scores"] == ""
            continue
        scores = dict(item.split("=") for item in row["scores"].split(";"))
        assert set(scores) == names
        assert all(0 <= float(v) <= 1 for v in scores.values())
        assert set(filter(None, row["themes"].split(";"))) <= names
    flags = {r["id"]: r["flag"] for r in rows}
    assert flags["t60"] == "non-answer" and flags["t61"] == ""


def test_tag_themes_without_examples(files):
    rows = tag(files, examples=None)
    themes = {r["id"]: r["themes"].split(";") for r in rows}
    assert themes["t65"][0] == "Overcrowding"  # "The trams are so full at rush hour"


def test_outputs_and_saved_model_hold_no_personal_details(tmp_path):
    texts = write(tmp_path / "texts.csv", ["id", "text"], [
        ["a1", "driver Dave Jones was rude, call me on 07700 900123"],
        ["a2", "email me at jo@example.com, the 42 is always late"],
        ["a3", "=HYPERLINK(\"http://evil.example\") the bus is packed"],
    ])  # fmt: skip
    output, model = tmp_path / "tagged.csv", tmp_path / "model.joblib"
    call_command("tag_themes", codebook=CODEBOOK, input=texts, output=str(output),
                 save_model=str(model))  # fmt: skip
    written = output.read_text(encoding="utf-8")
    for secret in ["Dave", "Jones", "07700", "jo@example.com", "evil"]:
        assert secret not in written
    tagger = ThemeTagger.load(model)
    kept = " ".join(tagger.unlabelled) + " ".join(tagger.features.word.vocabulary_)
    for secret in ["dave", "jones", "07700", "jo@example", "evil.example"]:
        assert secret not in kept.lower()


def test_discover_themes_output(tmp_path, transport_rows, workplace_rows):
    rows = transport_rows + workplace_rows
    texts = write(tmp_path / "texts.csv", ["id", "text"], [[r["id"], r["text"]] for r in rows])
    output = tmp_path / "themes.csv"
    call_command("discover_themes", input=texts, output=str(output), themes=5)
    themes = read(output)
    assert list(themes[0]) == ["theme", "label", "top_terms", "size", "example_ids"]
    assert [t["theme"] for t in themes] == ["1", "2", "3", "4", "5"]
    ids = {r["id"] for r in rows}
    for theme in themes:
        assert int(theme["size"]) > 0
        assert set(theme["example_ids"].split(";")) <= ids
        assert len(theme["top_terms"].split(";")) == 10
    assert "Dave" not in output.read_text(encoding="utf-8")


def test_formula_cells_are_neutralised(tmp_path):
    texts = write(tmp_path / "texts.csv", ["id", "text"],
                  [["=1+1", "the bus was late"], ["@sum", "so crowded"], ["-2", "dark stop"]])  # fmt: skip
    output = tmp_path / "out.csv"
    call_command("tag_themes", codebook=CODEBOOK, input=texts, output=str(output))
    assert [r["id"] for r in read(output)] == ["'=1+1", "'@sum", "'-2"]


def test_missing_column_names_file(files):
    bad = write(files["dir"] / "bad.csv", ["id", "answer"], [["1", "late bus"]])
    with pytest.raises(CommandError, match=r"bad\.csv: missing column\(s\) text \(found: id, answer\)"):
        tag(files, input=bad)


def test_empty_file(files):
    empty = files["dir"] / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(CommandError, match=r"empty\.csv: the file is empty"):
        tag(files, input=str(empty))
    header_only = write(files["dir"] / "header.csv", ["id", "text"], [])
    with pytest.raises(CommandError, match=r"header\.csv: the file has a header but no data rows"):
        tag(files, input=header_only)


def test_empty_rows_are_skipped_with_a_warning(files, capsys):
    texts = write(files["dir"] / "gaps.csv", ["id", "text"],
                  [["1", "late bus"], ["", ""], ["2", "rude driver"]])  # fmt: skip
    rows = tag(files, input=texts)
    assert [r["id"] for r in rows] == ["1", "2"]
    assert "gaps.csv row 3: empty row skipped" in capsys.readouterr().err


def test_missing_id_and_duplicate_ids(files):
    missing = write(files["dir"] / "noid.csv", ["id", "text"], [["1", "a"], ["", "late bus"]])
    with pytest.raises(CommandError, match=r"noid\.csv row 3: the id is empty"):
        tag(files, input=missing)
    dupes = write(files["dir"] / "dupes.csv", ["id", "text"], [["1", "a"], ["2", "b"], ["1", "c"]])
    with pytest.raises(CommandError, match=r"dupes\.csv row 4: duplicate id '1' \(first on row 2\)"):
        tag(files, input=dupes)


def test_unknown_theme_in_examples(files):
    coded = write(files["dir"] / "coded2.csv", ["id", "text", "themes"],
                  [["1", "late", "Reliability"], ["2", "no parking", "Parking;Reliability"]])  # fmt: skip
    with pytest.raises(CommandError, match=r"coded2\.csv row 3: theme\(s\) 'Parking' not in the codebook"):
        tag(files, examples=coded)


def test_windows_1252_is_read_with_a_warning(files, capsys):
    texts = write(files["dir"] / "excel.csv", ["id", "text"],
                  [["1", "the café bus was late – again"]], encoding="cp1252")  # fmt: skip
    rows = tag(files, input=texts)
    assert [r["id"] for r in rows] == ["1"]
    assert "excel.csv: not UTF-8; read as Windows-1252" in capsys.readouterr().err


def test_undecodable_or_binary_file(files):
    path = files["dir"] / "binary.csv"
    path.write_bytes(b"id,text\n1,\x81\x8d late\n")
    with pytest.raises(CommandError, match=r"binary\.csv: not UTF-8 or Windows-1252 text"):
        tag(files, input=str(path))
    path.write_bytes(b"PK\x03\x04\x00\x00 zipped spreadsheet")
    with pytest.raises(CommandError, match=r"binary\.csv: this is not a text CSV file"):
        tag(files, input=str(path))


def test_missing_file(files):
    with pytest.raises(CommandError, match=r"nope\.csv: file not found"):
        tag(files, input=str(files["dir"] / "nope.csv"))
