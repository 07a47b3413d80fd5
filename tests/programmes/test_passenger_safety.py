"""Passenger safety: the journey asks only about modes used, follows incidents through to
reporting, and responses can be counted by month or quarter all year."""

import datetime

import pytest
from programme_data import demo, submit, walk

from engagement.models import Programme
from surveys.characteristics import age_band
from surveys.logic import age_of
from surveys.models import Response
from surveys.selectors import responses_by_period
from surveys.services import responses_bulk_create


@pytest.fixture
def passenger_survey(published_survey, db):
    programme = Programme.objects.create(slug="passenger-safety", name="Passenger Safety")
    return published_survey(demo("passenger-safety"), programme=programme)


def test_a_bus_passenger_is_asked_about_buses_only_and_why_they_did_not_report(passenger_survey,
                                                                               respondent_client):
    shown = walk(respondent_client, passenger_survey.slug, {
        "frequency": {"travel_frequency": "most_days"},
        "modes": {"modes_used": ["bus"]},
        "safe-bus-day": {"safe_bus_walk_day": "fairly_safe", "safe_bus_wait_day": "fairly_safe",
                         "safe_bus_onboard_day": "very_safe"},
        "safe-bus-dark": {"safe_bus_walk_dark": "very_unsafe", "safe_bus_wait_dark": "a_bit_unsafe",
                          "safe_bus_onboard_dark": "dont_travel"},
        "incidents": {"incidents_experienced": ["sexual_harassment", "hate_incident"]},
        "witnessed": {"incidents_witnessed": ["none"]},
        "hate": {"hate_characteristic": ["race", "sex"]},
        "reported": {"incident_reported": ["no"]},
        "not-reported": {"not_reported_reason": ["nothing_done", "didnt_know_how"]},
        "feel-safer": {"feel_safer": "Staff at Sir Thomas Street stops after 9pm"},
        "eq-about": {"equality_opt_in": "yes"},
        "eq-date-of-birth": {"date_of_birth-day": "1", "date_of_birth-month": "6", "date_of_birth-year": "1990"},
        "eq-sex": {"sex": "female"},
    })
    assert [k for k in shown if k.startswith("safe-")] == ["safe-bus-day", "safe-bus-dark"]
    assert {"hate", "reported", "not-reported", "eq-sexual-orientation"} <= set(shown)
    assert "eq-age" not in shown  # a date of birth was given
    assert "Sir Thomas Street" in respondent_client.get(f"/s/{passenger_survey.slug}/check/").content.decode()
    assert submit(respondent_client, passenger_survey.slug).status_code == 302
    response = Response.objects.get()
    assert response.answers["safe_bus_wait_dark"] == "a_bit_unsafe"
    assert response.answers["not_reported_reason"] == ["nothing_done", "didnt_know_how"]
    band = age_band(age_of("1990-06-01"))
    assert response.answers["date_of_birth"] == band and response.profile["age_band"] == band  # no date kept
    assert response.profile["sex"] == "female"
    assert "safe_merseyrail_wait_day" not in response.answers


def test_no_incident_means_no_reporting_questions_and_a_child_is_not_asked_orientation(passenger_survey,
                                                                                      respondent_client):
    shown = walk(respondent_client, passenger_survey.slug, {
        "modes": {"modes_used": ["ferry", "merseyrail"]},
        "incidents": {"incidents_experienced": ["none"]},
        "witnessed": {"incidents_witnessed": ["antisocial"]},
        "eq-date-of-birth": {"date_of_birth": "prefer_not_to_say"},
        "eq-age": {"age": "15"},
    })
    assert [k for k in shown if k.startswith("safe-")] == ["safe-merseyrail-day", "safe-merseyrail-dark",
                                                           "safe-ferry-day", "safe-ferry-dark"]
    assert not {"hate", "reported", "not-reported"} & set(shown)
    assert "eq-age" in shown
    assert not {"eq-sexual-orientation", "eq-gender-identity"} & set(shown)
    submit(respondent_client, passenger_survey.slug)
    assert Response.objects.get().profile["age_band"] == "0-15"


def test_responses_are_counted_by_month_and_quarter(passenger_survey):
    days = [datetime.date(2026, 1, 5), datetime.date(2026, 1, 31), datetime.date(2026, 2, 1),
            datetime.date(2026, 4, 30), datetime.date(2026, 6, 2), datetime.date(2025, 12, 31)]
    responses_bulk_create(survey=passenger_survey, rows=[{"answers": {}, "submitted_on": d} for d in days])
    assert responses_by_period(passenger_survey) == [
        (datetime.date(2025, 12, 1), 1), (datetime.date(2026, 1, 1), 2), (datetime.date(2026, 2, 1), 1),
        (datetime.date(2026, 4, 1), 1), (datetime.date(2026, 6, 1), 1)]
    assert responses_by_period(passenger_survey, period="quarter") == [
        (datetime.date(2025, 10, 1), 1), (datetime.date(2026, 1, 1), 3), (datetime.date(2026, 4, 1), 2)]
    with pytest.raises(ValueError):
        responses_by_period(passenger_survey, period="week")
