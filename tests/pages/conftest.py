import pytest
from django.test import Client

from analysis.population import population_load_builtin
from tests.conftest import PASSWORD
from tests.exports.helpers import add_responses


@pytest.fixture
def survey(published_survey):
    survey = published_survey()
    add_responses(survey, count=200)
    return survey


@pytest.fixture
def population(db):
    population_load_builtin()


def signed_in(user) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def analyst_client(analyst):
    return signed_in(analyst)
