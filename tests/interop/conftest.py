"""Fixtures for interoperability: XLSForm workbooks built with openpyxl, a paper survey."""

import pytest
from interop_forms import COMMUNITY_NEEDS, PAPER_SURVEY, workbook


@pytest.fixture
def paper_survey(published_survey):
    return published_survey(PAPER_SURVEY)


@pytest.fixture
def make_workbook():
    return workbook


@pytest.fixture
def community_needs_xlsx():
    return workbook(COMMUNITY_NEEDS)
