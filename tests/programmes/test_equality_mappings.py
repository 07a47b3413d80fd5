"""Every grouping the equality block derives, and "prefer not to say" kept apart from no answer."""

import pytest

from surveys.equality import CHARACTERISTICS
from surveys.equality.categories import ETHNIC_DETAIL, SEB_OCCUPATION

PNS = "prefer_not_to_say"
ETHNIC = [(broad, code) for broad, details in ETHNIC_DETAIL.items() for code, _ in details]


def test_the_block_has_the_19_ethnic_categories_in_5_groups_with_roma():
    assert len(ETHNIC) == 19 and len(ETHNIC_DETAIL) == 5
    assert ("white", "roma") in ETHNIC


@pytest.mark.parametrize(("broad", "code"), ETHNIC)
def test_each_ethnic_category_maps_to_its_broad_group_and_minority_flags(profile_for, broad, code):
    profile = profile_for({"ethnic_group_broad": broad, f"ethnic_group_{broad}": code})
    assert profile["ethnic_group"] == code
    assert profile["ethnic_group_broad"] == broad
    assert profile["ethnic_minority"] == ("white_british" if code == "white_british" else "ethnic_minority")
    assert profile["ethnic_minority_excl_white"] == ("white" if broad == "white" else "ethnic_minority")


@pytest.mark.parametrize(("answers", "expected"), [
    ({"ethnic_group_broad": PNS},
     {"ethnic_group_broad": PNS, "ethnic_group": PNS, "ethnic_minority": PNS, "ethnic_minority_excl_white": PNS}),
    ({"ethnic_group_broad": "white", "ethnic_group_white": PNS},
     {"ethnic_group_broad": "white", "ethnic_group": PNS, "ethnic_minority": PNS,
      "ethnic_minority_excl_white": "white"}),
    ({"ethnic_group_broad": "asian", "ethnic_group_asian": PNS},
     {"ethnic_group_broad": "asian", "ethnic_group": PNS, "ethnic_minority": "ethnic_minority",
      "ethnic_minority_excl_white": "ethnic_minority"}),
    ({"ethnic_group_broad": "white"},
     {"ethnic_group_broad": "white", "ethnic_minority_excl_white": "white"}),
    ({}, {}),
], ids=["refused", "white-refused-detail", "asian-refused-detail", "white-no-detail", "unanswered"])
def test_refused_or_missing_ethnic_answers(profile_for, answers, expected):
    profile = profile_for(answers)
    assert {k: v for k, v in profile.items() if k.startswith("ethnic")} == expected


def test_a_detail_answer_for_another_broad_group_is_dropped(profile_for):
    profile = profile_for({"ethnic_group_broad": "black", "ethnic_group_asian": "indian"})
    assert "ethnic_group" not in profile and profile["ethnic_group_broad"] == "black"


@pytest.mark.parametrize(("condition", "impact", "expected"), [
    ("yes", "yes_a_lot", "disabled"),
    ("yes", "yes_a_little", "disabled"),
    ("yes", "not_at_all", "not_disabled"),
    ("yes", PNS, PNS),
    ("yes", None, None),
    ("no", None, "not_disabled"),
    ("no", "yes_a_lot", "not_disabled"),  # Q2 is never asked after "no", so it is dropped
    (PNS, None, PNS),
    (None, None, None),
])
def test_disability_follows_the_equality_act_definition(profile_for, condition, impact, expected):
    answers = {k: v for k, v in (("disability_condition", condition), ("disability_impact", impact)) if v}
    profile = profile_for(answers)
    assert profile.get("disability") == expected
    assert ("disability" in profile) == (expected is not None)


SEB_GROUP = {"professional": "professional", "manager": "professional", "clerical": "intermediate",
             "small_business": "intermediate", "technical": "lower", "routine": "lower",
             "long_term_unemployed": "lower", "other": "other_unknown", "dont_know": "other_unknown",
             PNS: PNS}


def test_every_occupation_option_has_a_socio_economic_group():
    assert {code for code, _ in SEB_OCCUPATION} | {"dont_know", PNS} == set(SEB_GROUP)


@pytest.mark.parametrize(("occupation", "group"), SEB_GROUP.items())
def test_occupation_at_14_gives_the_smc_reporting_group(profile_for, occupation, group):
    profile = profile_for({"seb_occupation": occupation})
    assert profile["seb_occupation"] == occupation
    assert profile["socio_economic"] == group


@pytest.mark.parametrize(("source", "answer", "target", "group"), [
    ("sexual_orientation", "straight", "lgb_plus", "straight"),
    ("sexual_orientation", "gay_lesbian", "lgb_plus", "lgb_plus"),
    ("sexual_orientation", "bisexual", "lgb_plus", "lgb_plus"),
    ("sexual_orientation", "other", "lgb_plus", "lgb_plus"),
    ("sexual_orientation", PNS, "lgb_plus", PNS),
    ("parents_education", "above_degree", "parent_degree", "yes"),
    ("parents_education", "degree", "parent_degree", "yes"),
    ("parents_education", "below_degree", "parent_degree", "no"),
    ("parents_education", "no_qualifications", "parent_degree", "no"),
    ("parents_education", "not_applicable", "parent_degree", "other_unknown"),
    ("parents_education", "dont_know", "parent_degree", "other_unknown"),
    ("caring", "no", "carer", "not_carer"),
    ("caring", "hours_9_or_less", "carer", "carer"),
    ("caring", "hours_50_plus", "carer", "carer"),
    ("caring", PNS, "carer", PNS),
])
def test_grouped_characteristics(profile_for, source, answer, target, group):
    answers = {source: answer, "age": 30}
    assert profile_for(answers)[target] == group


@pytest.mark.parametrize(("age", "band"), [(0, "0-15"), (15, "0-15"), (16, "16-24"), (24, "16-24"), (25, "25-34"),
                                           (64, "55-64"), (65, "65+"), (101, "65+")])
def test_age_is_stored_as_its_lcr_band_from_either_question(profile_for, born_years_ago, age, band):
    assert profile_for({"age": age})["age_band"] == band
    assert profile_for({"date_of_birth": born_years_ago(age)})["age_band"] == band


def test_the_day_before_a_birthday_counts_as_the_younger_age(profile_for, born_years_ago):
    assert profile_for({"date_of_birth": born_years_ago(16, days_later=1)})["age_band"] == "0-15"
    assert profile_for({"date_of_birth": born_years_ago(65, days_later=1)})["age_band"] == "55-64"


def test_no_date_of_birth_is_stored(equality_definition, born_years_ago):
    from surveys.characteristics import minimise

    stored = minimise(equality_definition, {"date_of_birth": born_years_ago(40)})
    assert stored == {"date_of_birth": "35-44"}


def test_age_is_asked_only_when_the_date_of_birth_is_not_given(profile_for, born_years_ago):
    assert profile_for({"date_of_birth": born_years_ago(30), "age": 70})["age_band"] == "25-34"
    assert profile_for({"date_of_birth": PNS, "age": 70})["age_band"] == "65+"
    assert profile_for({"date_of_birth": PNS})["age_band"] == PNS


QUESTION_CHARACTERISTICS = [
    ("sex", "female"), ("gender_identity", "different"), ("sexual_orientation", "bisexual"),
    ("religion", "muslim"), ("marital_status", "civil_partnership"), ("pregnancy_maternity", "yes"),
    ("seb_occupation", "routine"), ("school_type", "independent"), ("free_school_meals", "yes"),
    ("parents_education", "degree"), ("caring", "hours_20_to_34"), ("ethnic_group_broad", "mixed"),
]


@pytest.mark.parametrize(("code", "answer"), QUESTION_CHARACTERISTICS)
def test_prefer_not_to_say_and_no_answer_stay_apart(profile_for, code, answer):
    adult = {"age": 40}
    assert profile_for({**adult, code: answer})[code] == answer
    assert profile_for({**adult, code: PNS})[code] == PNS
    assert code not in profile_for(adult)


@pytest.mark.parametrize("code", ["sexual_orientation", "gender_identity"])
def test_sexual_orientation_and_gender_identity_are_for_people_aged_16_or_over(equality_definition, born_years_ago,
                                                                               code):
    answer = dict(QUESTION_CHARACTERISTICS)[code]
    for age_answers, shown in [({"age": 15}, False), ({"age": 16}, True), ({}, False),
                               ({"date_of_birth": born_years_ago(15)}, False),
                               ({"date_of_birth": born_years_ago(16)}, True),
                               ({"date_of_birth": PNS, "age": 17}, True)]:
        cleaned = equality_definition.clean_complete({**age_answers, code: answer})
        assert (code in cleaned) is shown, age_answers


def test_a_staff_block_asks_everyone_about_sexual_orientation(profile_for):
    from surveys.definition import Definition
    from surveys.equality import equality_pages

    staff = Definition({"schema": 1, "survey": {}, "pages": equality_pages(all_adults=True)})
    assert profile_for({"sexual_orientation": "gay_lesbian"}, staff)["lgb_plus"] == "lgb_plus"


def test_choosing_to_skip_the_block_drops_every_equality_answer(profile_for):
    profile = profile_for({"equality_opt_in": "no", "sex": "female", "age": 40, "religion": "sikh"})
    assert profile == {}


@pytest.mark.parametrize("characteristic", sorted(CHARACTERISTICS))
def test_every_characteristic_has_a_label_and_prefer_not_to_say_last(characteristic):
    meta = CHARACTERISTICS[characteristic]
    assert meta["label"] and list(meta["groups"])[-1] == PNS


def test_every_option_and_derived_group_is_labelled(equality_definition):
    from surveys.equality.derive import CARER, LGB_PLUS, PARENT_DEGREE, SOCIO_ECONOMIC

    for q in equality_definition.questions:
        groups = CHARACTERISTICS.get(q.get("characteristic"), {}).get("groups")
        if groups and q["type"] == "single":
            assert {o["code"] for o in q["options"]} | set(q["special"]) <= set(groups), q["code"]
    for target, mapping in [("socio_economic", SOCIO_ECONOMIC), ("lgb_plus", LGB_PLUS),
                            ("parent_degree", PARENT_DEGREE), ("carer", CARER)]:
        assert set(mapping.values()) <= set(CHARACTERISTICS[target]["groups"])
    assert len(CHARACTERISTICS["ethnic_group"]["groups"]) == 20
