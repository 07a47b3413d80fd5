"""Bulk import of channels (e.g. the authority's directory of ~320 VCFSE groups)."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.channels import ChannelImportError, channels_import
from surveys.models import Channel
from surveys.tabular import TableError

IMPORT = reverse("surveys_staff:channel-import")


def csv_file(text, name="groups.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def directory(count=320):
    kinds = ["community", "Community organisation", "campaign", "", "qr"]
    rows = [f"vcfse-{n:03},Group number {n}: Caf\u00e9 & Friends,{kinds[n % len(kinds)]}" for n in range(count)]
    return "\ufeffcode,name,kind\r\n" + "\r\n".join(rows) + "\r\n"


def test_a_directory_of_320_groups_is_imported_in_one_go(author, programme):
    result = channels_import(uploaded=io.BytesIO(directory().encode()), filename="vcfse.csv", user=author,
                             programme=programme)
    assert (result.created, result.updated) == (320, 0)
    assert Channel.objects.filter(programme=programme).count() == 320
    group = Channel.objects.get(code="vcfse-001")
    assert (group.name, group.kind) == ("Group number 1: Caf\u00e9 & Friends", "community")  # label accepted
    assert Channel.objects.get(code="vcfse-003").kind == "other"  # empty kind


def test_importing_again_updates_names_and_kinds(author, programme, channel):
    text = "code,name,kind\nknowsley-carers,Knowsley Carers (renamed),campaign\nnew-group,New Group,community\n"
    result = channels_import(uploaded=io.BytesIO(text.encode()), filename="g.csv", user=author, programme=programme)
    assert (result.created, result.updated) == (1, 1)
    channel.refresh_from_db()
    assert (channel.name, channel.kind) == ("Knowsley Carers (renamed)", "campaign")


def test_bad_rows_are_all_reported_by_spreadsheet_row_and_nothing_is_saved(author, programme):
    text = ("code,name,kind\n"
            "good-one,Good One,community\n"        # row 2
            "Bad Code!,Bad,community\n"             # row 3
            "no-name,,community\n"                  # row 4
            "odd-kind,Odd,carrier pigeon\n"         # row 5
            "good-one,Again,community\n"            # row 6
            "new,Reserved word,other\n")            # row 7
    with pytest.raises(ChannelImportError) as caught:
        channels_import(uploaded=io.BytesIO(text.encode()), filename="g.csv", user=author, programme=programme)
    rows = dict(caught.value.problems)
    assert sorted(rows) == [3, 4, 5, 6, 7]
    assert "lower-case" in rows[3] and "name must be given" in rows[4]
    assert "'carrier pigeon' is not one of community, qr, campaign, staff, other" in rows[5]
    assert rows[6] == "code 'good-one' is already used on row 2"
    assert not Channel.objects.exists()


def test_files_that_cannot_be_read_say_why(author):
    with pytest.raises(TableError, match="not UTF-8 text"):
        channels_import(uploaded=io.BytesIO("code,name,kind\ncaf\u00e9,Caf\u00e9,community\n".encode("cp1252")),
                        filename="g.csv", user=author)
    with pytest.raises(TableError, match="empty"):
        channels_import(uploaded=io.BytesIO(b""), filename="g.csv", user=author)
    with pytest.raises(TableError, match=r"missing: kind"):
        channels_import(uploaded=io.BytesIO(b"code,name\na,b\n"), filename="g.csv", user=author)


def test_an_xlsx_directory_is_read_too(author, programme):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Code", "Name", "Kind"])
    workbook.active.append(["st-helens-mind", "St Helens Mind", "community"])
    workbook.active.append([1234, "Numbered group", "other"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    assert channels_import(uploaded=buffer, filename="groups.xlsx", user=author, programme=programme).created == 2
    assert Channel.objects.filter(code="1234").exists()


def test_the_upload_page_lists_row_errors_in_an_error_summary(signed_in, author):
    reply = signed_in(author).post(IMPORT, {"file": csv_file("code,name,kind\nok,OK,community\n,No code,qr\n")})
    page = reply.content.decode()
    assert reply.status_code == 200 and "<title>Error: Import a list of channels" in page
    assert '<a href="#id_file">Row 3: code must be lower-case letters' in page
    assert not Channel.objects.exists()


def test_the_upload_page_imports_and_reports_counts(signed_in, author, programme):
    browser = signed_in(author)
    reply = browser.post(IMPORT, {"file": csv_file(directory(12)), "programme": programme.pk}, follow=True)
    assert "12 channels added and 0 updated" in reply.content.decode()
    assert Channel.objects.filter(programme=programme).count() == 12


def test_the_upload_page_explains_an_unreadable_file(signed_in, author):
    reply = signed_in(author).post(IMPORT, {"file": csv_file("code,name,kind\nx,Caf\u00e9,qr\n", encoding="cp1252")})
    assert "The file is not UTF-8 text" in reply.content.decode()


def test_another_programmes_channel_cannot_be_overwritten_by_import(author, programme):
    from engagement.models import Programme

    other = Programme.objects.create(slug="staff-engagement", name="Staff Engagement")
    Channel.objects.create(code="intranet", name="Intranet", programme=other)
    with pytest.raises(ChannelImportError, match="belongs to a channel of a programme you do not manage"):
        channels_import(uploaded=io.BytesIO(b"code,name,kind\nintranet,Hijacked,other\n"), filename="g.csv",
                        user=author, programme=programme)
    assert Channel.objects.get(code="intranet").name == "Intranet"
