"""Fixtures for interoperability: XLSForm workbooks built with openpyxl, a paper survey."""

import pytest
from django.test import Client
from interop_forms import COMMUNITY_NEEDS, workbook

PAPER_SURVEY = {
    "schema": 1,
    "survey": {"slug": "paper-survey", "title": "Community survey (paper)", "description": "Typed up from paper."},
    "pages": [
        {"key": "area", "questions": [
            {"code": "local_authority", "type": "single", "text": "Which area do you live in?", "required": True,
             "special": ["prefer_not_to_say"], "options": [{"code": "halton", "label": "Halton"},
                                                           {"code": "wirral", "label": "Wirral"}]}]},
        {"key": "services", "questions": [
            {"code": "services_used", "type": "multiple", "text": "Which have you used?",
             "options": [{"code": "bus", "label": "Buses"}, {"code": "rail", "label": "Trains"},
                         {"code": "none", "label": "None of these", "exclusive": True}]}]},
        {"key": "rating", "questions": [
            {"code": "satisfaction", "type": "scale", "text": "How satisfied are you?", "special": ["dont_know"],
             "scale": {"min": 1, "max": 5, "min_label": "Very dissatisfied", "max_label": "Very satisfied"}}]},
        {"key": "fairness", "questions": [
            {"code": "fairness", "type": "grid", "text": "How much do you agree?",
             "scale": {"min": 1, "max": 5}, "items": [{"code": "fair_1", "text": "Staff treat me with respect"},
                                                      {"code": "fair_2", "text": "Information is easy to find"}]}]},
        {"key": "about", "title": "About you", "questions": [
            {"code": "visits", "type": "number", "text": "How many visits?", "min": 0, "max": 100},
            {"code": "visit_date", "type": "date", "text": "When did you last visit?"},
            {"code": "comments", "type": "long_text", "text": "Anything else?", "max_length": 500}]},
    ],
}


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
