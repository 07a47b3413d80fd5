"""Exports of survey results: CSV, XLSX and a printable HTML report, plus raw responses.

Every aggregate export is built from core's BreakdownTable (so the disclosure gate has
already run), every cell goes through ``safe.safe_cell`` and every download is audit-logged.
"""
