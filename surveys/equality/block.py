"""The equality monitoring question block: definition pages any survey can include.

Follows standards.md §1: GSS wording and categories, one question per page, every question
optional with "Prefer not to say", after an explainer page (§1.1, §7). Question and page
codes are stable; analysis joins on the characteristic codes they declare.
"""

from . import categories as c

PNS = "prefer_not_to_say"
DONT_KNOW = "dont_know"  # listed after PNS: the order publishing gives special answers

EXPLAINER = (
    "We ask these questions to check that we treat everyone fairly, as the Public Sector "
    "Equality Duty requires (Equality Act 2010, section 149).\n"
    "Every question is optional. Choose ‘Prefer not to say’, or select Continue to skip a "
    "question. Your answers make no difference to anything else you tell us or to any service "
    "you receive, and we never use them to make decisions about you.\n"
    "We keep your age band, not your date of birth. Only a small team of analysts can see the "
    "answers, and we only publish results for groups of 10 or more people. The law allows us to "
    "use this information to monitor equality: UK GDPR Article 9(2)(g) and the Data Protection "
    "Act 2018, Schedule 1, paragraph 8. Our privacy notice explains your rights."
)

# Respondents who choose to skip the block never see its pages; leaving the choice blank
# still shows them, so imports and API clients need not send it.
OPTED_IN = {"not": {"question": "equality_opt_in", "equals": "no"}}
# §1.1: sexual orientation and gender identity are asked of people aged 16 or over only.
AGED_16_PLUS = {"any": [{"question": "date_of_birth", "age_gte": 16}, {"question": "age", "age_gte": 16}]}


def _options(pairs) -> list[dict]:
    return [{"code": code, "label": label} for code, label in pairs]


def _page(key: str, question: dict, condition: dict | None = None) -> dict:
    full = {"all": [OPTED_IN, condition]} if condition else OPTED_IN
    return {"key": f"eq-{key}", "title": "", "intro": "", "condition": full, "questions": [question]}


def _single(code: str, text: str, pairs, *, characteristic: str = "", help: str = "",
            special=(PNS,)) -> dict:
    question = {"code": code, "type": "single", "text": text, "help": help, "required": False,
                "special": list(special), "options": _options(pairs)}
    if characteristic:
        question["characteristic"] = characteristic
    return question


def equality_pages(*, all_adults: bool = False) -> list[dict]:
    """The block's pages, ready to append to a definition's ``pages``.

    ``all_adults``: every respondent is known to be 16 or over (a staff survey), so the
    16+ questions need no age condition. Otherwise they are shown only when the respondent's
    age is known to be 16 or over.
    """
    adult = None if all_adults else AGED_16_PLUS
    return [
        _explainer(), *_age_pages(),
        _page("sex", _single("sex", "What is your sex?", c.SEX, characteristic="sex")),
        _page("gender-identity", _single(
            "gender_identity", "Is the gender you identify with the same as your sex registered at birth?",
            c.GENDER_IDENTITY, characteristic="gender_identity"), adult),
        _page("sexual-orientation", _single(
            "sexual_orientation", "Which of the following best describes your sexual orientation?",
            c.SEXUAL_ORIENTATION, characteristic="sexual_orientation"), adult),
        *_ethnic_pages(),
        _page("religion", _single("religion", "What is your religion?", c.RELIGION, characteristic="religion")),
        *_disability_pages(),
        _page("marital-status", _single(
            "marital_status", "What is your legal marital or registered civil partnership status?",
            c.MARITAL_STATUS, characteristic="marital_status")),
        _page("pregnancy", _single(
            "pregnancy_maternity", "Are you currently pregnant, or have you given birth in the last 26 weeks?",
            c.YES_NO, characteristic="pregnancy_maternity")),
        *_socio_economic_pages(),
        _page("caring", _single(
            "caring", "Do you look after, or give any help or support to, anyone because they have "
            "long-term physical or mental health conditions or illnesses, or problems related to old age?",
            c.CARING, characteristic="caring", help="Do not count anything you do as part of your paid job.")),
    ]


def _explainer() -> dict:
    question = _single("equality_opt_in", "Do you want to answer the equality questions?",
                       [("yes", "Yes, answer the equality questions"), ("no", "No, skip these questions")],
                       special=())
    return {"key": "eq-about", "title": "Equality questions", "intro": EXPLAINER, "condition": None,
            "questions": [question]}


def _age_pages() -> list[dict]:
    """§1.2: date of birth first; age only if the date of birth is refused or left blank."""
    date_of_birth = {"code": "date_of_birth", "type": "date", "text": "What is your date of birth?",
                     "help": "For example, 27 3 1985. You can leave this blank and continue.",
                     "required": False, "special": [PNS], "characteristic": "age_band"}
    age = {"code": "age", "type": "number", "text": "What is your age?", "help": "", "required": False,
           "special": [PNS], "min": 0, "max": 120, "characteristic": "age_band"}
    no_date = {"any": [{"question": "date_of_birth", "answered": False},
                       {"question": "date_of_birth", "equals": PNS}]}
    return [_page("date-of-birth", date_of_birth), _page("age", age, no_date)]


def _ethnic_pages() -> list[dict]:
    """§1.6: the Design System's two steps, broad group then the detailed category."""
    broad = _single("ethnic_group_broad", "What is your ethnic group?", c.ETHNIC_BROAD,
                    characteristic="ethnic_group_broad",
                    help="Choose one option that best describes your ethnic group or background.")
    pages = [_page("ethnic-group", broad)]
    for group, details in c.ETHNIC_DETAIL.items():
        detail = _single(f"ethnic_group_{group}",
                         f"Which of the following best describes your {c.ETHNIC_BACKGROUND_NAME[group]} background?",
                         details, characteristic="ethnic_group")
        pages.append(_page(f"ethnic-group-{group}", detail,
                           {"question": "ethnic_group_broad", "equals": group}))
    return pages


def _disability_pages() -> list[dict]:
    """§1.8: long-lasting conditions, then (only if yes) whether they limit daily activities."""
    condition = _single("disability_condition", "Do you have any physical or mental health conditions or "
                        "illnesses lasting or expected to last 12 months or more?", c.YES_NO)
    impact = _single("disability_impact", "Do any of your conditions or illnesses reduce your ability to "
                     "carry out day-to-day activities?", c.DISABILITY_IMPACT)
    return [_page("disability", condition),
            _page("disability-impact", impact, {"question": "disability_condition", "equals": "yes"})]


def _socio_economic_pages() -> list[dict]:
    """§1.11: the SMC key question (occupation at 14) and its three supplementary questions."""
    return [
        _page("socio-economic", _single(
            "seb_occupation", "What was the occupation of your main household earner when you were about "
            "aged 14?", c.SEB_OCCUPATION, characteristic="seb_occupation", special=(PNS, DONT_KNOW),
            help="If this question does not apply to you, choose ‘Other’.")),
        _page("school-type", _single(
            "school_type", "Which type of school did you attend for the most time between the ages of "
            "11 and 16?", c.SCHOOL_TYPE, characteristic="school_type", special=(PNS, DONT_KNOW))),
        _page("free-school-meals", _single(
            "free_school_meals", "If you finished school after 1980, were you eligible for free school "
            "meals at any point during your school years?", c.FREE_SCHOOL_MEALS,
            characteristic="free_school_meals", special=(PNS, DONT_KNOW))),
        _page("parents-education", _single(
            "parents_education", "What is the highest level of qualification achieved by either of your "
            "parents or guardians by the time you were 18?", c.PARENTS_EDUCATION,
            characteristic="parents_education", special=(PNS, DONT_KNOW))),
    ]
