"""Results exports keep suppression and neutralise formulas; every download is audit-logged."""

import csv
import io

import openpyxl
from django.core.management import call_command
from django.urls import reverse

from analysis.breakdown import breakdown
from analysis.exports.services import export_results
from engagement.models import AuditEvent
from tests.conftest import PASSWORD


def _records_from_csv(content: bytes) -> list[dict]:
    lines = content.decode("utf-8-sig").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("table,"))
    return list(csv.DictReader(io.StringIO("\n".join(lines[header:]))))


def _suppressed_groups(survey, by):
    table = breakdown(survey, question="satisfaction", by=[by])
    return table, [r["group"] for r in table.rows if r["suppressed"]]


def test_csv_export_carries_suppression_through(survey):
    table, hidden = _suppressed_groups(survey, "age_band")
    assert hidden, "the fixture should hold a group too small to report"
    records = _records_from_csv(export_results(survey, fmt="csv", questions=["satisfaction"], by=["age_band"]).content)
    by_group = {r["group"]: r for r in records}
    assert set(by_group) == {r["group"] for r in table.rows} | {"all"}
    for group in hidden:
        row = by_group[group]
        assert row["suppressed"] == "True"
        assert row["n"] == row["mean"] == row["pct_positive"] == row["ci_low"] == ""
        assert all(row[k] == "" for k in row if k.startswith("pct_"))
    shown = next(r for r in table.rows if not r["suppressed"])
    assert int(by_group[shown["group"]]["n"]) == shown["n"]


def test_xlsx_export_carries_suppression_through(survey):
    _, hidden = _suppressed_groups(survey, "age_band")
    content = export_results(survey, fmt="xlsx", questions=["satisfaction"], by=["age_band"]).content
    book = openpyxl.load_workbook(io.BytesIO(content))
    ws = book["satisfaction by age_band"]
    values = list(ws.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(values) if row and row[0] == "age_band")
    columns = values[header]
    rows = [dict(zip(columns, row, strict=True)) for row in values[header + 1:]]
    for group in hidden:
        row = next(r for r in rows if r["group"] == group)
        assert row["suppressed"] is True
        assert row["n"] is None and row["mean"] is None and row["ci_high"] is None
    assert all(c.data_type != "f" for line in ws.iter_rows() for c in line)


def test_staff_download_buttons_give_files_and_audit_them(survey, analyst, client):
    client.login(email=analyst.email, password=PASSWORD)
    url = reverse("analysis:survey-export", args=[survey.slug])
    for fmt, kind in [("csv", "text/csv"), ("xlsx", "spreadsheetml"), ("html", "text/html")]:
        response = client.get(url, {"question": "satisfaction", "by": "sex", "date_from": "2026-01-01", "format": fmt})
        assert response.status_code == 200
        assert kind in response["Content-Type"]
        assert "attachment" in response["Content-Disposition"]
    events = AuditEvent.objects.filter(action="export.results").order_by("at")
    assert [e.detail["format"] for e in events] == ["csv", "xlsx", "html"]
    assert all(e.actor == analyst for e in events)
    assert events[0].detail["filters"]["from"] == "2026-01-01"
    assert events[0].detail["tables"] == ["satisfaction by sex"]


def test_html_report_has_charts_findings_and_no_external_requests(survey):
    html = export_results(survey, fmt="html", questions=["satisfaction", "services_used"], by=["sex"]).content.decode()
    assert html.count("<svg") == 2
    assert "Findings" in html and "<caption" in html
    assert " style=" not in html  # SVG uses presentation attributes only
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and "<script" not in html


def test_command_writes_xlsx(survey, tmp_path):
    out = tmp_path / "results.xlsx"
    call_command("export_results", survey.slug, "--by", "sex", "--question", "satisfaction", "--format", "xlsx",
                 "--output", str(out))
    assert "satisfaction by sex" in openpyxl.load_workbook(out).sheetnames
    assert AuditEvent.objects.filter(action__startswith="export.", actor__isnull=True).count() == 1
