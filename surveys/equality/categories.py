"""Equality monitoring categories, exactly as standards.md §1 lists them (GSS harmonised
standards, Census 2021, the Social Mobility Commission toolkit), in the standard's order.

Each list holds (code, label) pairs. Codes are stable: analysis, population margins and
exports join on them. "Prefer not to say" is never a category here; questions offer it as
the special answer ``prefer_not_to_say`` (§1.1).
"""

SEX = [("female", "Female"), ("male", "Male")]  # §1.3: Census 2021 categories

# §1.4: "Is the gender you identify with the same as your sex registered at birth?"
GENDER_IDENTITY = [("same", "Yes"), ("different", "No")]

SEXUAL_ORIENTATION = [  # §1.5
    ("straight", "Straight or heterosexual"),
    ("gay_lesbian", "Gay or lesbian"),
    ("bisexual", "Bisexual"),
    ("other", "Other sexual orientation"),
]

# §1.6: 19 categories in 5 broad groups (GSS / Census 2021, England). Roma is restored to
# the White group, which the Design System's page leaves out.
ETHNIC_BROAD = [
    ("white", "White"),
    ("mixed", "Mixed or Multiple ethnic groups"),
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("other", "Other ethnic group"),
]
ETHNIC_DETAIL = {
    "white": [
        ("white_british", "English, Welsh, Scottish, Northern Irish or British"),
        ("white_irish", "Irish"),
        ("gypsy_irish_traveller", "Gypsy or Irish Traveller"),
        ("roma", "Roma"),
        ("white_other", "Any other White background"),
    ],
    "mixed": [
        ("mixed_white_black_caribbean", "White and Black Caribbean"),
        ("mixed_white_black_african", "White and Black African"),
        ("mixed_white_asian", "White and Asian"),
        ("mixed_other", "Any other Mixed or Multiple ethnic background"),
    ],
    "asian": [
        ("indian", "Indian"),
        ("pakistani", "Pakistani"),
        ("bangladeshi", "Bangladeshi"),
        ("chinese", "Chinese"),
        ("asian_other", "Any other Asian background"),
    ],
    "black": [
        ("black_caribbean", "Caribbean"),
        ("black_african", "African"),
        ("black_other", "Any other Black, Black British, or Caribbean background"),
    ],
    "other": [
        ("arab", "Arab"),
        ("other_ethnic_group", "Any other ethnic group"),
    ],
}
# How each broad group is named inside its detail question ("...your White background?").
ETHNIC_BACKGROUND_NAME = {
    "white": "White", "mixed": "Mixed or Multiple ethnic", "asian": "Asian or Asian British",
    "black": "Black, Black British, Caribbean or African", "other": "other ethnic",
}
BROAD_OF = {code: broad for broad, details in ETHNIC_DETAIL.items() for code, _ in details}

RELIGION = [  # §1.7
    ("no_religion", "No religion"),
    ("christian", ("Christian (including Church of England, Catholic, Protestant and all other "
                  "Christian denominations)")),
    ("buddhist", "Buddhist"),
    ("hindu", "Hindu"),
    ("jewish", "Jewish"),
    ("muslim", "Muslim"),
    ("sikh", "Sikh"),
    ("other", "Any other religion"),
]

YES_NO = [("yes", "Yes"), ("no", "No")]
DISABILITY_IMPACT = [  # §1.8 question 2
    ("yes_a_lot", "Yes, a lot"),
    ("yes_a_little", "Yes, a little"),
    ("not_at_all", "Not at all"),
]

MARITAL_STATUS = [  # §1.9
    ("never_married", "Never married and never registered a civil partnership"),
    ("married", "Married"),
    ("civil_partnership", "In a registered civil partnership"),
    ("separated_married", "Separated, but still legally married"),
    ("separated_civil_partnership", "Separated, but still legally in a civil partnership"),
    ("divorced", "Divorced"),
    ("dissolved_civil_partnership", "Formerly in a civil partnership which is now legally dissolved"),
    ("widowed", "Widowed"),
    ("surviving_civil_partner", "Surviving partner from a registered civil partnership"),
]

SEB_OCCUPATION = [  # §1.11, SMC key question, options 1 to 8
    ("professional", "Modern and traditional professional (for example teacher, nurse, solicitor, engineer)"),
    ("manager", ("Senior, middle or junior managers or administrators (for example chief executive, "
                "retail or bank manager)")),
    ("clerical", "Clerical and intermediate (for example secretary, call centre agent, nursery nurse)"),
    ("technical", "Technical and craft (for example mechanic, plumber, electrician, train driver)"),
    ("routine", ("Routine, semi-routine manual and service (for example postal worker, cleaner, "
                "sales assistant, HGV driver)")),
    ("long_term_unemployed", ("Long-term unemployed (claimed Jobseeker's Allowance or earlier "
                             "unemployment benefit for more than a year)")),
    ("small_business", ("Small business owners who employed fewer than 25 people (for example corner "
                       "shop, taxi owner, garage owner)")),
    ("other", "Other (for example retired, or this does not apply to me)"),
]
SCHOOL_TYPE = [
    ("state", "A state-run or state-funded school"),
    ("independent", "An independent or fee-paying school"),
    ("outside_uk", "I attended school outside the UK"),
]
FREE_SCHOOL_MEALS = [
    ("yes", "Yes"),
    ("no", "No"),
    ("not_applicable", "Not applicable (finished school before 1980 or went to school overseas)"),
]
PARENTS_EDUCATION = [
    ("above_degree", "Above degree level (for example a master's degree or PhD)"),
    ("degree", "Degree level or equivalent"),
    ("below_degree", "Qualifications below degree level"),
    ("no_qualifications", "No formal qualifications"),
    ("not_applicable", "Not applicable"),
]

# Census 2021 unpaid care question [R: the wording is the Census form's, not in standards.md].
CARING = [
    ("no", "No"),
    ("hours_9_or_less", "Yes, 9 hours a week or less"),
    ("hours_10_to_19", "Yes, 10 to 19 hours a week"),
    ("hours_20_to_34", "Yes, 20 to 34 hours a week"),
    ("hours_35_to_49", "Yes, 35 to 49 hours a week"),
    ("hours_50_plus", "Yes, 50 or more hours a week"),
]
