"""XLSForm import and export through the management commands and the staff area."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from engagement.models import AuditEvent, Programme
from surveys.models import Survey

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT = reverse("surveys_staff:xlsform-import")


def test_the_import_command_imports_publishes_and_lists_what_was_skipped(tmp_path, programme, community_needs_xlsx):
    path = tmp_path / "community.xlsx"
    path.write_bytes(community_needs_xlsx)
    out = io.StringIO()
    call_command("import_xlsform", str(path), "--programme", programme.slug, "--publish", stdout=out)
    text = out.getvalue()
    assert "Skipped: row 12 'gps' (geopoint): not supported, skipped" in text
    assert "Imported 'community-needs-2026' (Community needs survey), published as version 1." in text
    assert Survey.objects.get(slug="community-needs-2026").is_open


def test_the_import_command_explains_failures(tmp_path, programme, make_workbook):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(make_workbook({"survey": [["type", "name"], ["select_one nope", "q"]]}))
    with pytest.raises(CommandError, match="the choice list 'nope' is not on the choices sheet"):
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


def test_an_author_uploads_a_form_and_sees_what_was_skipped(signed_in, author, programme, community_needs_xlsx):
    upload = SimpleUploadedFile("community.xlsx", community_needs_xlsx, content_type=XLSX)
    reply = signed_in(author).post(IMPORT, {"file": upload, "programme": programme.pk, "slug": "", "publish": "on"},
                                   follow=True)
    page = reply.content.decode()
    assert reply.redirect_chain[-1][0] == reverse("surveys_staff:xlsform-report",
                                                  kwargs={"slug": "community-needs-2026"})
    assert "Form imported" in page and "published as version 1" in page
    assert "row 12 &#x27;gps&#x27; (geopoint): not supported, skipped" in page
    assert "or_other became the option" in page
    assert AuditEvent.objects.filter(action="survey.import_xlsform", actor=author).exists()


def test_upload_problems_are_shown_in_an_error_summary(signed_in, author, programme, make_workbook):
    raw = make_workbook({"survey": [["type", "name", "label"], ["begin group", "g", "G"]]})
    upload = SimpleUploadedFile("broken.xlsx", raw, content_type=XLSX)
    page = signed_in(author).post(IMPORT, {"file": upload, "programme": programme.pk}).content.decode()
    assert "<title>Error: Import an XLSForm" in page
    assert '<a href="#id_file">row 2: this group or repeat has no matching end</a>' in page
    missing = signed_in(author).post(IMPORT, {"programme": programme.pk}).content.decode()
    assert 'href="#id_file"' in missing and not Survey.objects.exists()


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
