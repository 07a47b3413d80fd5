"""No survey's disclosure threshold can be set below 10 (issue 15, "no way around the gate"):
not through the model, the operators' admin form, a definition import nor an XLSForm's
settings sheet, and the migration raised every lower value to 10."""

import importlib

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from surveys.definition import DefinitionError
from surveys.models import Survey
from surveys.publishing import survey_import_definition
from surveys.validators import MIN_GROUP_SIZE_MESSAGE
from tests.analysis.conftest import DEFINITION


def _survey_form_data(survey, size):
    return {"programme": survey.programme_id, "slug": survey.slug, "title": survey.title,
            "description": "About", "time_needed": "5 minutes", "privacy_notice": "", "status": survey.status,
            "min_group_size": size, "variant_kind": "", "translations": "{}"}


@pytest.mark.parametrize("size", [0, 3, 9])
def test_the_model_refuses_a_threshold_below_ten(make_survey, size):
    survey = make_survey()
    survey.min_group_size = size
    with pytest.raises(ValidationError) as caught:
        survey.full_clean()
    assert caught.value.message_dict["min_group_size"] == [MIN_GROUP_SIZE_MESSAGE]


@pytest.mark.parametrize(("size", "accepted"), [(9, False), (10, True), (25, True)])
def test_the_admin_form_refuses_a_threshold_below_ten_with_a_clear_message(make_survey, administrator, size,
                                                                         accepted):
    survey = make_survey()
    request = RequestFactory().get("/admin/")
    request.user = administrator
    model_admin = admin.site._registry[Survey]
    form_class = model_admin.get_form(request, survey)
    form = form_class(data=_survey_form_data(survey, size), instance=survey)
    assert form.is_valid() is accepted, form.errors
    if not accepted:
        assert form.errors["min_group_size"] == [MIN_GROUP_SIZE_MESSAGE]


@pytest.mark.parametrize("size", [1, 9, "5", True])
def test_a_definition_import_refuses_a_threshold_below_ten(programme, size):
    import copy

    data = copy.deepcopy(DEFINITION)
    data["survey"]["min_group_size"] = size
    with pytest.raises(DefinitionError) as caught:
        survey_import_definition(data=data, programme=programme, slug="low-threshold")
    assert any(p.startswith("survey.min_group_size: The minimum group size must be at least 10")
               for p in caught.value.problems)
    assert not Survey.objects.filter(slug="low-threshold").exists()


def test_an_xlsform_with_a_threshold_below_ten_is_refused(programme):
    import copy

    from surveys.xlsform import XLSFormError, definition_to_xlsform, survey_import_xlsform

    data = copy.deepcopy(DEFINITION)
    data["survey"]["min_group_size"] = 5
    with pytest.raises(XLSFormError) as caught:
        survey_import_xlsform(raw=definition_to_xlsform(data), programme=programme)
    assert any("The minimum group size must be at least 10" in p for p in caught.value.problems)
    assert not Survey.objects.exists()


def test_a_definition_import_keeps_a_threshold_of_ten_or_more(make_survey):
    assert make_survey(min_group_size=12).min_group_size == 12


def test_the_migration_raises_lower_thresholds_to_ten(make_survey):
    low, high = make_survey(slug="low"), make_survey(slug="high", min_group_size=15)
    Survey.objects.filter(pk=low.pk).update(min_group_size=3)  # as a value saved before the floor
    migration = importlib.import_module("surveys.migrations.0005_iss15gate_threshold_floor")
    from django.apps import apps

    migration.raise_to_floor(apps, None)
    assert dict(Survey.objects.filter(pk__in=[low.pk, high.pk]).values_list("slug", "min_group_size")) == {
        "low": 10, "high": 15}
