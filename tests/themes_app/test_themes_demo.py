"""seed_demo's themes hook: a demo codebook with hand-coded answers, tagged, idempotently."""

import json

from django.conf import settings

from analysis.themes.demo import demo_codebooks
from analysis.themes.models import AnswerTag, Codebook, Coding
from surveys.demo.texts import OPEN_TEXT
from surveys.publishing import survey_import_definition, survey_publish
from surveys.services import responses_bulk_create

PASSENGER = settings.BASE_DIR / "surveys" / "demo" / "passenger-safety.json"


def test_demo_codebook_is_coded_tagged_and_not_duplicated(programme):
    survey = survey_import_definition(data=json.loads(PASSENGER.read_text()), programme=programme)
    survey_publish(survey=survey)
    survey.refresh_from_db()
    texts = OPEN_TEXT["feel_safer"]
    responses_bulk_create(survey=survey, rows=[{"answers": {"feel_safer": texts[i % len(texts)]}, "key": f"k{i}"}
                                               for i in range(3 * len(texts))])
    demo_codebooks()
    codebook = Codebook.objects.get(survey=survey, question_code="feel_safer")
    assert codebook.themes.count() == 7
    assert Coding.objects.filter(codebook=codebook).count() == 6
    assert AnswerTag.objects.filter(theme__codebook=codebook, source="suggested").exists()
    assert codebook.models.count() == 1
    demo_codebooks()
    assert Codebook.objects.count() == 1 and codebook.models.count() == 1
