"""Generated respondents' equality answers, with realistic Liverpool City Region shares.

Shares are rounded from Census 2021 for the city region where it has them (ethnic group:
about 11% not White British; disability: about 20% disabled under the Equality Act; LGB+:
about 3%) and from the SMC's published benchmarks for socio-economic background. Each
equality question is refused ("prefer not to say") by a few per cent and skipped by a few
more, so disclosure rates have something to show. Staff differ a little: no under-16s,
few over 65, a less diverse workforce.
"""

import datetime
import random

PNS = "prefer_not_to_say"
SKIP = None  # not answered

AGE_BANDS = {"resident": [((0, 15), 1), ((16, 24), 11), ((25, 34), 16), ((35, 44), 16), ((45, 54), 17),
                          ((55, 64), 17), ((65, 90), 22)],
             "passenger": [((16, 24), 19), ((25, 34), 19), ((35, 44), 15), ((45, 54), 15), ((55, 64), 14),
                           ((65, 88), 18)],
             "staff": [((17, 24), 6), ((25, 34), 22), ((35, 44), 26), ((45, 54), 25), ((55, 64), 19),
                       ((65, 70), 2)]}
ETHNIC = {
    ("white", "white_british"): 86.5, ("white", "white_irish"): 0.9, ("white", "gypsy_irish_traveller"): 0.1,
    ("white", "roma"): 0.1, ("white", "white_other"): 2.6, ("mixed", "mixed_white_black_caribbean"): 0.8,
    ("mixed", "mixed_white_black_african"): 0.4, ("mixed", "mixed_white_asian"): 0.5, ("mixed", "mixed_other"): 0.5,
    ("asian", "indian"): 0.6, ("asian", "pakistani"): 0.3, ("asian", "bangladeshi"): 0.2, ("asian", "chinese"): 1.2,
    ("asian", "asian_other"): 0.8, ("black", "black_african"): 1.3, ("black", "black_caribbean"): 0.3,
    ("black", "black_other"): 0.4, ("other", "arab"): 0.8, ("other", "other_ethnic_group"): 0.7,
}
SHARES = {
    "sex": {"female": 52, "male": 46, PNS: 2},
    "gender_identity": {"same": 96.4, "different": 0.6, PNS: 3},
    "sexual_orientation": {"straight": 90, "gay_lesbian": 1.6, "bisexual": 1.2, "other": 0.3, PNS: 6.9},
    "religion": {"christian": 52, "no_religion": 38, "muslim": 2.2, "jewish": 0.3, "hindu": 0.5, "buddhist": 0.4,
                 "sikh": 0.1, "other": 0.7, PNS: 5.8},
    "disability_condition": {"yes": 31, "no": 65, PNS: 4},
    "disability_impact": {"yes_a_lot": 26, "yes_a_little": 42, "not_at_all": 29, PNS: 3},
    "marital_status": {"never_married": 36, "married": 38, "civil_partnership": 0.4, "separated_married": 2.5,
                       "separated_civil_partnership": 0.1, "divorced": 9, "dissolved_civil_partnership": 0.1,
                       "widowed": 7, "surviving_civil_partner": 0.1, PNS: 6.8},
    "seb_occupation": {"professional": 16, "manager": 12, "clerical": 11, "technical": 14, "routine": 26,
                       "long_term_unemployed": 6, "small_business": 6, "other": 3, "dont_know": 3, PNS: 3},
    "school_type": {"state": 86, "independent": 6, "outside_uk": 4, "dont_know": 1, PNS: 3},
    "free_school_meals": {"yes": 17, "no": 62, "not_applicable": 12, "dont_know": 6, PNS: 3},
    "parents_education": {"above_degree": 4, "degree": 15, "below_degree": 45, "no_qualifications": 20,
                          "not_applicable": 2, "dont_know": 10, PNS: 4},
    "caring": {"no": 84, "hours_9_or_less": 6, "hours_10_to_19": 2.5, "hours_20_to_34": 1.5,
               "hours_35_to_49": 1, "hours_50_plus": 3, PNS: 2},
}
STAFF_SHARES = {  # a workforce: fewer disabled, fewer unemployed parents, more degrees
    "disability_condition": {"yes": 22, "no": 73, PNS: 5},
    "seb_occupation": {"professional": 22, "manager": 16, "clerical": 13, "technical": 13, "routine": 20,
                       "long_term_unemployed": 3, "small_business": 7, "other": 2, "dont_know": 2, PNS: 2},
    "parents_education": {"above_degree": 6, "degree": 22, "below_degree": 44, "no_qualifications": 14,
                          "not_applicable": 2, "dont_know": 8, PNS: 4},
}
WORK = {
    "grade_band": {"grades_1_4": 30, "grades_5_7": 38, "grades_8_10": 20, "senior": 6, "apprentice": 3, PNS: 3},
    "length_of_service": {"under_1_year": 12, "years_1_to_2": 18, "years_3_to_5": 24, "years_6_to_10": 18,
                          "over_10_years": 25, PNS: 3},
    "contract_type": {"permanent": 86, "fixed_term": 8, "apprenticeship": 3, "agency": 2, PNS: 1},
    "working_pattern": {"full_time": 72, "part_time": 17, "compressed_hours": 8, "job_share": 1, PNS: 2},
}


def choose(rng: random.Random, shares: dict):
    return rng.choices(list(shares), list(shares.values()))[0]


def sample_persona(rng: random.Random, audience: str = "resident", today: datetime.date | None = None) -> dict:
    """Raw answers to the equality block (and, for staff, the work questions) for one person.

    A key left out is a question not answered. ``_age``, ``_female`` and friends are traits
    the generator uses to shape other answers; they are not question codes.
    """
    today = today or datetime.date.today()
    if rng.random() < 0.06:
        return {"equality_opt_in": "no", "_age": _age(rng, audience)}
    shares = {**SHARES, **STAFF_SHARES} if audience == "staff" else SHARES
    persona = {"equality_opt_in": "yes"} if rng.random() < 0.7 else {}
    age = _age(rng, audience)
    persona.update(_age_answers(rng, age, today))
    for code in ("sex", "gender_identity", "sexual_orientation", "religion", "disability_condition",
                 "marital_status", "seb_occupation", "school_type", "parents_education", "caring"):
        persona[code] = choose(rng, shares[code])
    persona["disability_impact"] = choose(rng, shares["disability_impact"])
    broad, detail = rng.choices(list(ETHNIC), list(ETHNIC.values()))[0] if rng.random() > 0.03 else (PNS, None)
    persona["ethnic_group_broad"] = broad
    if detail:
        persona[f"ethnic_group_{broad}"] = PNS if rng.random() < 0.02 else detail
    persona["free_school_meals"] = "not_applicable" if age > 60 else choose(rng, shares["free_school_meals"])
    young_woman = persona["sex"] == "female" and 16 <= age <= 44
    persona["pregnancy_maternity"] = PNS if rng.random() < 0.03 else \
        "yes" if young_woman and rng.random() < 0.06 else "no"
    if audience == "staff":
        persona.update({code: choose(rng, shares) for code, shares in WORK.items()})
    persona = {k: v for k, v in persona.items() if k == "equality_opt_in" or rng.random() > 0.03}
    return {**persona, **_traits(persona, age)}


def _age(rng: random.Random, audience: str) -> int:
    bands = AGE_BANDS[audience]
    low, high = rng.choices([band for band, _ in bands], [w for _, w in bands])[0]
    return rng.randint(low, high)


def _age_answers(rng: random.Random, age: int, today: datetime.date) -> dict:
    """§1.2: most give a date of birth; some refuse it and give an age; a few give neither."""
    born = today - datetime.timedelta(days=int(age * 365.25) + rng.randint(1, 360))
    roll = rng.random()
    if roll < 0.72:
        return {"date_of_birth": born.isoformat()}
    if roll < 0.80:
        return {"date_of_birth": PNS, "age": age}
    if roll < 0.90:
        return {"age": age}
    return {"date_of_birth": PNS, "age": PNS} if roll < 0.94 else {}


def _traits(persona: dict, age: int) -> dict:
    broad = persona.get("ethnic_group_broad")
    return {
        "_age": age,
        "_female": persona.get("sex") == "female",
        "_disabled": persona.get("disability_condition") == "yes"
        and persona.get("disability_impact") in ("yes_a_lot", "yes_a_little"),
        "_minority": broad not in (None, PNS, "white") or persona.get("ethnic_group_white") not in (None, "white_british", PNS),
        "_lgb": persona.get("sexual_orientation") in ("gay_lesbian", "bisexual", "other"),
        "_trans": persona.get("gender_identity") == "different",
    }
