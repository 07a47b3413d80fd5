"""Fixtures for interoperability: XLSForm workbooks built with openpyxl, a paper survey."""

import pytest
from django.test import Client
from interop_forms import COMMUNITY_NEEDS, PAPER_SURVEY, workbook


@pytest.fixture
def paper_survey(published_survey):
    return published_survey(PAPER_SURVEY)


@pytest.fixture
def signed_in():
    def sign_in(user):
        client = Client()
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def make_workbook():
    return workbook


@pytest.fixture
def community_needs_xlsx():
    return workbook(COMMUNITY_NEEDS)
