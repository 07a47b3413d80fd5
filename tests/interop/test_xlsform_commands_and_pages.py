"""XLSForm import and export through the management commands and the staff area."""

import io
import re
import sys
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from engagement.models import AuditEvent, Programme, Role, RoleAssignment
from surveys.models import Survey

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT = reverse("surveys_staff:xlsform-import")


def test_the_import_command_imports_publishes_and_lists_what_was_skipped(tmp_path, programme, community_needs_xlsx):
    path = tmp_path / "community.xlsx"
    path.write_bytes(community_needs_xlsx)
    with pytest.raises(CommandError) as refused:
        call_command("import_xlsform", str(path), "--programme", programme.slug, "--publish")
    assert "survey sheet row 12 'gps' (geopoint): not supported, skipped" in str(refused.value)
    assert "Run again with --skip-unsupported to import the rest." in str(refused.value)
    assert not Survey.objects.exists()
    out = io.StringIO()
    call_command("import_xlsform", str(path), "--programme", programme.slug, "--publish", "--skip-unsupported",
                 stdout=out)
    text = out.getvalue()
    assert "Skipped: survey sheet row 12 'gps' (geopoint): not supported, skipped" in text
    assert "Warning: or_other with translations" in text
    assert "Imported 'community-needs-2026' (Community needs survey), published as version 1." in text
    assert Survey.objects.get(slug="community-needs-2026").is_open


def test_the_import_command_explains_failures(tmp_path, programme, make_workbook):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(make_workbook({"survey": [["type", "name"], ["select_one nope", "q"]]}))
    with pytest.raises(CommandError, match=r"survey sheet row 2 \(select_one nope\): There should be a choices "):
        call_command("import_xlsform", str(path), "--programme", programme.slug)
    path.write_bytes(b"\x00" * 100)
    with pytest.raises(CommandError, match="The file is not a spreadsheet"):
        call_command("import_xlsform", str(path), "--programme", programme.slug)
    with pytest.raises(CommandError, match="No programme 'nowhere'"):
        call_command("import_xlsform", str(path), "--programme", "nowhere")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_xlsform", str(tmp_path / "missing.xlsx"), "--programme", programme.slug)


def test_the_export_command_writes_a_workbook(tmp_path, paper_survey):
    path = tmp_path / "paper.xlsx"
    call_command("export_xlsform", paper_survey.slug, str(path), stdout=io.StringIO())
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["survey", "choices", "settings"]
    with pytest.raises(CommandError, match="No survey 'nope'"):
        call_command("export_xlsform", "nope", str(path))


def _upload(client, raw, programme, **fields):
    upload = SimpleUploadedFile("community.xlsx", raw, content_type=XLSX)
    return client.post(IMPORT, {"file": upload, "programme": programme.pk, "slug": "", **fields})


def test_an_author_confirms_leaving_out_what_cannot_be_kept(signed_in, author, programme, community_needs_xlsx):
    client = signed_in(author)
    confirm = _upload(client, community_needs_xlsx, programme, publish="on").content.decode()
    assert "Import without these parts?" in confirm and "Nothing has been saved yet" in confirm
    assert "survey sheet row 12 &#x27;gps&#x27; (geopoint): not supported, skipped" in confirm
    assert not Survey.objects.exists()
    pending = re.search(r'name="pending" value="([^"]+)"', confirm).group(1)
    reply = client.post(IMPORT, {"pending": pending}, follow=True)
    page = reply.content.decode()
    assert reply.redirect_chain[-1][0] == reverse("surveys_staff:xlsform-report",
                                                  kwargs={"slug": "community-needs-2026"})
    assert "Form imported" in page and "published as version 1" in page
    assert "survey sheet row 12 &#x27;gps&#x27; (geopoint): not supported, skipped" in page
    assert "or_other became the option" in page
    assert "or_other with translations" in page  # pyxform's warning, in our words
    assert '<span lang="ar">ar</span> from the columns ‘Arabic (ar)’, shown right to left' in page
    assert AuditEvent.objects.filter(action="survey.import_xlsform", actor=author).exists()
    again = client.post(IMPORT, {"pending": pending}).content.decode()
    assert "The upload has expired (after 30 minutes) or was already imported" in again


def test_a_form_with_nothing_to_leave_out_imports_in_one_step(signed_in, author, programme, make_workbook):
    raw = make_workbook({"survey": [["type", "name", "label"], ["text", "name", "Name?"]],
                         "settings": [["form_id"], ["simple"]]})
    reply = _upload(signed_in(author), raw, programme)
    assert reply.status_code == 302 and Survey.objects.filter(slug="simple").exists()


def test_another_users_pending_upload_cannot_be_imported(signed_in, author, programme, community_needs_xlsx,
                                                         django_user_model):
    confirm = _upload(signed_in(author), community_needs_xlsx, programme).content.decode()
    pending = re.search(r'name="pending" value="([^"]+)"', confirm).group(1)
    intruder = django_user_model.objects.create_user(email="intruder@example.org", password="a long passphrase")
    RoleAssignment.objects.create(user=intruder, role=Role.AUTHOR, programme=programme)
    page = signed_in(intruder).post(IMPORT, {"pending": pending}).content.decode()
    assert "The upload has expired" in page and not Survey.objects.exists()


def test_upload_problems_are_shown_in_an_error_summary(signed_in, author, programme, make_workbook):
    raw = make_workbook({"survey": [["type", "name", "label"], ["begin group", "g", "G"]]})
    upload = SimpleUploadedFile("broken.xlsx", raw, content_type=XLSX)
    page = signed_in(author).post(IMPORT, {"file": upload, "programme": programme.pk}).content.decode()
    assert "<title>Error: Import an XLSForm" in page
    assert ('<a href="#id_file">survey sheet row 2: Unmatched &#x27;begin_group&#x27;. No matching '
            '&#x27;end_group&#x27; was found for the name &#x27;g&#x27;.</a>') in page
    missing = signed_in(author).post(IMPORT, {"programme": programme.pk}).content.decode()
    assert 'href="#id_file"' in missing and not Survey.objects.exists()


def test_hostile_files_are_refused_with_a_message_not_an_error_page(signed_in, author, programme):
    sys.path.insert(0, str(Path(__file__).parent / "xlsforms"))
    from corpus import NOT_A_SPREADSHEET, zip_bomb

    client = signed_in(author)
    for raw, message in ((zip_bomb(), "refused as a possible zip bomb"),
                         (NOT_A_SPREADSHEET, "The file is not a spreadsheet"), (b"PK\x03\x04junk", "not a readable")):
        reply = _upload(client, raw, programme)
        assert reply.status_code == 200 and message in reply.content.decode()
    assert not Survey.objects.exists()


def test_an_upload_cannot_replace_another_programmes_survey(signed_in, author, programme, published_survey,
                                                            community_needs_xlsx):
    other = Programme.objects.create(slug="passenger-safety", name="Passenger Safety")
    published_survey({"schema": 1, "survey": {"slug": "community-needs-2026", "title": "Theirs"},
                      "pages": [{"key": "p", "questions": [{"code": "q", "type": "text", "text": "Q?"}]}]},
                     programme=other)
    upload = SimpleUploadedFile("community.xlsx", community_needs_xlsx, content_type=XLSX)
    page = signed_in(author).post(IMPORT, {"file": upload, "programme": programme.pk}).content.decode()
    assert "already exists in Passenger Safety" in page
    assert Survey.objects.get(slug="community-needs-2026").title == "Theirs"


def test_an_author_downloads_the_xlsform(signed_in, author, paper_survey):
    reply = signed_in(author).get(reverse("surveys_staff:xlsform-export", kwargs={"slug": paper_survey.slug}))
    assert reply["Content-Type"] == XLSX
    assert reply["Content-Disposition"] == 'attachment; filename="paper-survey-xlsform.xlsx"'
    assert openpyxl.load_workbook(io.BytesIO(reply.content))["settings"]["A2"].value == "paper-survey"


def test_the_xlsform_pages_need_an_author_of_the_programme(signed_in, client, analyst, outsider, paper_survey):
    export = reverse("surveys_staff:xlsform-export", kwargs={"slug": paper_survey.slug})
    assert client.get(export).status_code == 302
    assert signed_in(analyst).get(export).status_code == 403
    assert signed_in(outsider).get(IMPORT).status_code == 403
    assert signed_in(analyst).get(IMPORT).status_code == 403


def test_the_surveys_index_links_to_everything(signed_in, author, paper_survey):
    page = signed_in(author).get(reverse("surveys_staff:index")).content.decode()
    for name in ("xlsform-export", "translation-list", "response-import"):
        assert reverse(f"surveys_staff:{name}", kwargs={"slug": paper_survey.slug}) in page
    assert IMPORT in page
