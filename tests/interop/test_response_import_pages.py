"""Importing responses through the staff area and the import_responses command."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from surveys.models import Response


def url(survey):
    return reverse("surveys_staff:response-import", kwargs={"slug": survey.slug})


def csv_upload(text):
    return SimpleUploadedFile("paper.csv", text.encode("utf-8"), content_type="text/csv")


def test_an_analyst_imports_a_file_of_paper_responses(signed_in, analyst, paper_survey):
    browser = signed_in(analyst)
    form = browser.get(url(paper_survey)).content.decode()
    assert 'enctype="multipart/form-data"' in form and "local_authority, services_used" in form
    reply = browser.post(url(paper_survey), {"file": csv_upload("id,local_authority\n1,halton\n2,wirral\n")},
                         follow=True)
    assert "2 responses imported" in reply.content.decode()
    again = browser.post(url(paper_survey), {"file": csv_upload("id,local_authority\n1,halton\n")}, follow=True)
    assert "0 responses imported (1 were already imported)" in again.content.decode()
    assert Response.objects.count() == 2


def test_bad_rows_are_listed_in_the_error_summary(signed_in, author, paper_survey):
    text = "local_authority,visits\nhalton,3\nnarnia,3\nwirral,lots\n"
    page = signed_in(author).post(url(paper_survey), {"file": csv_upload(text)}).content.decode()
    assert "<title>Error: Import responses" in page and "There is a problem" in page
    assert '<a href="#id_file">Row 3: local_authority: Select one of the options shown</a>' in page
    assert '<a href="#id_file">Row 4: visits: Enter a number, like 12</a>' in page
    assert not Response.objects.exists()


def test_a_whole_file_problem_is_shown_without_a_row(signed_in, author, paper_survey):
    page = signed_in(author).post(url(paper_survey), {"file": csv_upload("postcode\nL1\n")}).content.decode()
    assert '<a href="#id_file">These columns are not question codes of this survey: postcode.' in page


def test_no_file_is_an_error_too(signed_in, author, paper_survey):
    page = signed_in(author).post(url(paper_survey), {}).content.decode()
    assert '<a href="#id_file">Select a file</a>' in page


def test_people_without_a_role_for_the_programme_cannot_import(signed_in, client, outsider, paper_survey):
    assert client.get(url(paper_survey)).status_code == 302
    assert signed_in(outsider).get(url(paper_survey)).status_code == 403
    assert signed_in(outsider).post(url(paper_survey), {"file": csv_upload("local_authority\nhalton\n")}) \
        .status_code == 403
    assert not Response.objects.exists()


def test_the_command_imports_a_file(tmp_path, paper_survey):
    path = tmp_path / "paper.csv"
    path.write_text("local_authority,services_used\nhalton,bus;rail\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_responses", paper_survey.slug, str(path), stdout=out)
    assert "Imported 1 responses into 'paper-survey'" in out.getvalue()
    assert Response.objects.get().answers["services_used"] == ["bus", "rail"]


def test_the_command_lists_bad_rows(tmp_path, paper_survey):
    path = tmp_path / "paper.csv"
    path.write_text("local_authority\nhalton\nnarnia\n\nmordor\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_responses", paper_survey.slug, str(path))
    assert str(caught.value) == ("Nothing was imported:\n  row 3: local_authority: Select one of the options shown\n"
                                 "  row 5: local_authority: Select one of the options shown")
    assert not Response.objects.exists()
    with pytest.raises(CommandError, match="No survey 'nope'"):
        call_command("import_responses", "nope", str(path))
