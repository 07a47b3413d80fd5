"""Easy Read variants: published beside the standard survey, linked both ways, analysed together."""

import copy

import pytest
from django.urls import reverse

from surveys.definition import DefinitionError
from surveys.models import Survey
from surveys.publishing import survey_import_definition, survey_publish
from surveys.services import response_create
from surveys.variants import family_responses, survey_family, variant_problems


def test_the_demo_easy_read_survey_is_a_valid_variant_of_the_demo_survey(demo):
    easy, main = demo["citizens-voice-2026-easy-read"], demo["citizens-voice-2026"]
    assert easy["survey"]["variant_of"] == main["survey"]["slug"]
    assert variant_problems(easy, main) == []


def test_it_is_published_as_a_variant(citizens_voice, easy_read):
    assert (easy_read.variant_of, easy_read.variant_kind, easy_read.is_open) == (citizens_voice, "easy_read", True)
    assert easy_read.current_version.definition["survey"]["variant_of"] == "citizens-voice-2026"


def test_the_start_pages_link_to_each_other(client, citizens_voice, easy_read):
    standard = client.get(reverse("surveys:start", kwargs={"slug": citizens_voice.slug}) + "?c=knowsley").content
    assert b'href="/s/citizens-voice-2026-easy-read/?c=knowsley">Easy Read version of this survey</a>' in standard
    easy = client.get(reverse("surveys:start", kwargs={"slug": easy_read.slug})).content
    assert b'href="/s/citizens-voice-2026/">Standard version of this survey</a>' in easy


def test_no_link_appears_while_the_variant_is_closed(client, citizens_voice, easy_read):
    Survey.objects.filter(pk=easy_read.pk).update(status=Survey.Status.CLOSED)
    page = client.get(reverse("surveys:start", kwargs={"slug": citizens_voice.slug})).content
    assert b"Easy Read version" not in page


def test_the_family_pools_responses_of_both(citizens_voice, easy_read):
    response_create(survey=citizens_voice, answers={"local_authority": "wirral", "satisfaction": 4},
                    idempotency_key="standard-1")
    response_create(survey=easy_read, answers={"local_authority": "wirral", "satisfaction": 2},
                    idempotency_key="easy-1")
    assert list(survey_family(easy_read)) == [citizens_voice, easy_read]
    assert list(survey_family(citizens_voice)) == [citizens_voice, easy_read]
    pooled = family_responses(easy_read)
    assert pooled.count() == 2
    assert sorted(r.answers["satisfaction"] for r in pooled) == [2, 4]


@pytest.mark.parametrize(("change", "problem"), [
    (lambda d: d["pages"][0]["questions"][0].update(code="postcode"),
     "question 'postcode' is not in the standard survey"),
    (lambda d: d["pages"][0]["questions"][0]["options"].pop(),
     "question 'local_authority' must offer the option codes halton, knowsley"),
    (lambda d: d["pages"][1]["questions"][0]["scale"].update(max=3), "must use the scale 1 to 5"),
    (lambda d: d["pages"][3]["questions"][0].update(type="text"), "is text here but long_text in the standard"),
    (lambda d: d["pages"][2]["questions"][0].update(special=["dont_know"]),
     "offers dont_know, which the standard survey does not"),
])
def test_publishing_refuses_a_variant_whose_codes_do_not_match(citizens_voice, programme, demo, change, problem):
    data = copy.deepcopy(demo["citizens-voice-2026-easy-read"])
    change(data)
    survey = survey_import_definition(data=data, programme=programme)
    with pytest.raises(DefinitionError) as caught:
        survey_publish(survey=survey)
    assert any(problem in p for p in caught.value.problems), caught.value.problems
    assert not survey.versions.exists()


def test_the_standard_survey_must_be_published_first(programme, demo):
    survey_import_definition(data=copy.deepcopy(demo["citizens-voice-2026"]), programme=programme)
    easy = survey_import_definition(data=copy.deepcopy(demo["citizens-voice-2026-easy-read"]), programme=programme)
    with pytest.raises(DefinitionError, match="publish the standard survey 'citizens-voice-2026' first"):
        survey_publish(survey=easy)


def test_a_variant_needs_its_standard_survey_to_exist(programme, demo):
    with pytest.raises(DefinitionError, match="there is no other survey 'citizens-voice-2026'"):
        survey_import_definition(data=copy.deepcopy(demo["citizens-voice-2026-easy-read"]), programme=programme)


def test_the_standard_survey_cannot_drop_a_code_its_variant_uses(citizens_voice, easy_read, demo, programme):
    data = copy.deepcopy(demo["citizens-voice-2026"])
    data["pages"] = [p for p in data["pages"] if p["key"] != "satisfaction"]
    del data["translations"]
    survey = survey_import_definition(data=data, programme=programme)
    with pytest.raises(DefinitionError, match="variant 'citizens-voice-2026-easy-read' would no longer match"):
        survey_publish(survey=survey)
