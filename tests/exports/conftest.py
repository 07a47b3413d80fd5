import pytest

from tests.exports.helpers import add_responses


@pytest.fixture
def survey(published_survey):
    survey = published_survey()
    add_responses(survey)
    return survey
