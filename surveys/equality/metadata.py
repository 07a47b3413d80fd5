"""Labels for every characteristic the equality block puts in a response's profile.

``CHARACTERISTICS[code]`` is ``{"label": ..., "groups": {group code: label}, "derived": bool}``
with groups in reporting order; "I don't know" and "Prefer not to say" come last where a
question offers them. Analysis uses this to label tables and to order groups.
"""

from surveys.characteristics import AGE_BANDS

from . import categories as c

PNS = ("prefer_not_to_say", "Prefer not to say")
DONT_KNOW = ("dont_know", "I don't know")


def _entry(label, pairs, *, derived=False, special=(PNS,)) -> dict:
    return {"label": label, "groups": dict([*pairs, *special]), "derived": derived}


def _ethnic_groups() -> list[tuple[str, str]]:
    short = {"white": "White", "mixed": "Mixed", "asian": "Asian", "black": "Black", "other": "Other"}
    return [(code, f"{short[group]}: {label}") for group, details in c.ETHNIC_DETAIL.items()
            for code, label in details]


CHARACTERISTICS: dict[str, dict] = {
    "age_band": _entry("Age", [(band, band.replace("-", " to ").replace("+", " and over"))
                               for _, band in reversed(AGE_BANDS)]),
    "sex": _entry("Sex", c.SEX),
    "gender_identity": _entry("Gender identity same as sex registered at birth", c.GENDER_IDENTITY),
    "sexual_orientation": _entry("Sexual orientation", c.SEXUAL_ORIENTATION),
    "lgb_plus": _entry("Sexual orientation (grouped)", [("straight", "Straight or heterosexual"),
                                                        ("lgb_plus", "Gay, lesbian, bisexual or other (LGB+)")],
                       derived=True),
    "ethnic_group_broad": _entry("Ethnic group (broad)", c.ETHNIC_BROAD),
    "ethnic_group": _entry("Ethnic group", _ethnic_groups()),
    "ethnic_minority": _entry("Ethnic minority (including white minorities)",
                              [("white_british", "White British"), ("ethnic_minority", "Ethnic minority")],
                              derived=True),
    "ethnic_minority_excl_white": _entry("Ethnic minority (excluding white minorities)",
                                         [("white", "White"), ("ethnic_minority", "Ethnic minority")],
                                         derived=True),
    "religion": _entry("Religion", [(code, label.split(" (")[0]) for code, label in c.RELIGION]),
    "disability": _entry("Disability (Equality Act)", [("disabled", "Disabled"), ("not_disabled", "Not disabled")],
                         derived=True),
    "marital_status": _entry("Marriage and civil partnership", c.MARITAL_STATUS),
    "pregnancy_maternity": _entry("Pregnancy and maternity", [("yes", "Pregnant or given birth in the last 26 weeks"),
                                                              ("no", "No")]),
    "seb_occupation": _entry("Main household earner's occupation at 14",
                             [(code, label.split(" (")[0]) for code, label in c.SEB_OCCUPATION],
                             special=(DONT_KNOW, PNS)),
    "socio_economic": _entry("Socio-economic background", [
        ("professional", "Professional background"), ("intermediate", "Intermediate background"),
        ("lower", "Lower socio-economic background"), ("other_unknown", "Other or not known")], derived=True),
    "school_type": _entry("School type, ages 11 to 16", c.SCHOOL_TYPE, special=(DONT_KNOW, PNS)),
    "free_school_meals": _entry("Eligible for free school meals", c.FREE_SCHOOL_MEALS, special=(DONT_KNOW, PNS)),
    "parents_education": _entry("Parents' highest qualification", c.PARENTS_EDUCATION, special=(DONT_KNOW, PNS)),
    "parent_degree": _entry("A parent has a degree", [("yes", "Yes"), ("no", "No"),
                                                      ("other_unknown", "Not applicable or not known")],
                            derived=True),
    "caring": _entry("Unpaid care", c.CARING),
    "carer": _entry("Unpaid carer", [("carer", "Carer"), ("not_carer", "Not a carer")], derived=True),
}


def group_label(characteristic: str, group: str) -> str:
    """The label for a group, or the code itself if the characteristic or group is unknown."""
    return CHARACTERISTICS.get(characteristic, {}).get("groups", {}).get(group, group)
