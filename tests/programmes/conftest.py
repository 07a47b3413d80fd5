"""Fixtures for the programme content: the equality block, staff survey and passenger safety."""

import datetime

import pytest
from django.utils import timezone

from surveys.characteristics import derive_profile, minimise
from surveys.definition import Definition
from surveys.equality import equality_pages


@pytest.fixture
def equality_definition():
    return Definition({"schema": 1, "survey": {}, "pages": equality_pages()})


@pytest.fixture
def profile_for(equality_definition):
    """The profile a response would get, built as response storage builds it."""

    def build(answers: dict, definition: Definition = equality_definition) -> dict:
        stored = minimise(definition, definition.clean_complete(answers))
        return derive_profile(definition, stored)

    return build


@pytest.fixture
def born_years_ago():
    """The ISO date of birth of someone who turns ``years`` today (or ``days_later``)."""

    def born(years: int, *, days_later: int = 0) -> str:
        today = timezone.localdate()
        try:
            birthday = today.replace(year=today.year - years)
        except ValueError:  # 29 February
            birthday = today.replace(year=today.year - years, day=28)
        return (birthday + datetime.timedelta(days=days_later)).isoformat()

    return born
