import re

import pytest
from django.core.management import CommandError, call_command

from tests.themes.test_themes_commands import read, write


def test_redacts_each_row_and_lists_the_kinds(tmp_path):
    source = write(tmp_path / "in.csv", ["id", "text", "email"], [
        ["1", "staff no 448213, ring ext 4521 - Dave", "secret@example.com"],
        ["2", "I live at 14 Church Road, call 07700 900123", ""],
        ["3", "the stop on Bold Street is dark, I miss appointments", ""],
        ["4", "=HYPERLINK(\"http://evil\") thanks, Sarah", ""],
    ])  # fmt: skip
    out = tmp_path / "out.csv"
    call_command("redact", input=source, output=str(out))
    rows = read(out)
    assert list(rows[0]) == ["id", "text", "kinds"]
    assert rows[0] == {"id": "1", "text": "staff no [staff number], ring [extension] - [name]",
                       "kinds": "staff_number;extension;name"}  # fmt: skip
    assert rows[1]["text"] == "I live at [address], call [phone]"
    assert rows[1]["kinds"] == "address;phone"
    assert rows[2] == {"id": "3", "text": "the stop on Bold Street is dark, I miss appointments", "kinds": ""}
    assert rows[3]["text"].startswith("'=")  # formula-safe
    assert "Sarah" not in out.read_text(encoding="utf-8")
    assert "secret@example.com" not in out.read_text(encoding="utf-8")  # other columns are not copied


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["1", "a"], ["", "b"]], "row 3: the id is empty"),
        ([["1", "a"], ["1", "b"]], "row 3: duplicate id '1' (first on row 2)"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_written(tmp_path, rows, message):
    source = write(tmp_path / "in.csv", ["id", "text"], rows)
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("redact", input=source, output=str(out))
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "in.csv"]


def test_clear_errors_for_bad_files(tmp_path):
    out = str(tmp_path / "out.csv")
    with pytest.raises(CommandError, match="file not found"):
        call_command("redact", input=str(tmp_path / "missing.csv"), output=out)
    wrong = write(tmp_path / "wrong.csv", ["answer"], [["x"]])
    with pytest.raises(CommandError, match=r"missing column\(s\) id, text"):
        call_command("redact", input=wrong, output=out)
    with pytest.raises(CommandError, match="would overwrite the input"):
        call_command("redact", input=wrong, output=wrong)
    with pytest.raises(CommandError, match="does not exist"):
        call_command("redact", input=wrong, output=str(tmp_path / "nowhere" / "out.csv"))
