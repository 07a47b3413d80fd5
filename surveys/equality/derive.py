"""Groupings derived from the equality block's answers, registered in characteristics.DERIVED.

Rules every derivation keeps: "Prefer not to say" in the deciding answer gives the value
``prefer_not_to_say``; no answer gives no key; a code the block does not know (another
survey's own question with the same characteristic) gives no key, never a wrong group.
"""

from .categories import BROAD_OF, ETHNIC_DETAIL

PNS = "prefer_not_to_say"

# §1.11 reporting groups (SMC / NS-SEC practice): 1-2 higher, 3 and 7 intermediate, 4-6
# lower; 8 ("Other") and "I don't know" are kept apart, not dropped, so rates add up.
SOCIO_ECONOMIC = {
    "professional": "professional", "manager": "professional",
    "clerical": "intermediate", "small_business": "intermediate",
    "technical": "lower", "routine": "lower", "long_term_unemployed": "lower",
    "other": "other_unknown", "dont_know": "other_unknown",
}
LGB_PLUS = {"straight": "straight", "gay_lesbian": "lgb_plus", "bisexual": "lgb_plus", "other": "lgb_plus"}
# §1.11: "parent has a degree" treats the first two answers as yes.
PARENT_DEGREE = {"above_degree": "yes", "degree": "yes", "below_degree": "no", "no_qualifications": "no",
                 "not_applicable": "other_unknown", "dont_know": "other_unknown"}
CARER = {"no": "not_carer", "hours_9_or_less": "carer", "hours_10_to_19": "carer", "hours_20_to_34": "carer",
         "hours_35_to_49": "carer", "hours_50_plus": "carer"}


def grouping(source: str, target: str, mapping: dict):
    """A derivation putting ``mapping[profile[source]]`` under ``target``."""

    def derive(profile: dict, answers: dict) -> dict:
        value = profile.get(source)
        if value == PNS:
            return {target: PNS}
        return {target: mapping[value]} if value in mapping else {}

    derive.__name__ = f"derive_{target}"
    return derive


def ethnicity(profile: dict, answers: dict) -> dict:
    """Broad group and the two "ethnic minority" flags from the detailed ethnic group.

    ``ethnic_minority`` follows GOV.UK's Ethnicity facts and figures: everyone except the
    White British group, so White Irish, Gypsy or Irish Traveller, Roma and any other White
    background count as ethnic minorities ("including white minorities").
    ``ethnic_minority_excl_white`` is the older split: the Mixed, Asian, Black and Other groups
    against all White groups. Report which one a table uses.
    """
    detail, broad = profile.get("ethnic_group"), profile.get("ethnic_group_broad")
    if detail in BROAD_OF:
        broad = BROAD_OF[detail]
    elif broad == PNS:
        detail = PNS  # refused at the first step: the detailed group is refused too
    elif broad not in ETHNIC_DETAIL:
        return {}
    derived = {"ethnic_group_broad": broad,
               "ethnic_minority_excl_white": PNS if broad == PNS else "white" if broad == "white"
               else "ethnic_minority"}
    if detail is not None:
        derived["ethnic_group"] = detail
    if detail in BROAD_OF:
        derived["ethnic_minority"] = "white_british" if detail == "white_british" else "ethnic_minority"
    elif broad not in ("white", PNS):
        derived["ethnic_minority"] = "ethnic_minority"
    elif detail == PNS:
        derived["ethnic_minority"] = PNS  # White, but not whether British: cannot tell
    return derived


def disability(profile: dict, answers: dict) -> dict:
    """§1.8: Equality Act disabled = a long-lasting condition that limits daily activities."""
    condition, impact = answers.get("disability_condition"), answers.get("disability_impact")
    if condition == "no" or (condition == "yes" and impact == "not_at_all"):
        return {"disability": "not_disabled"}
    if condition == "yes" and impact in ("yes_a_lot", "yes_a_little"):
        return {"disability": "disabled"}
    if PNS in (condition, impact):
        return {"disability": PNS}
    return {}


DERIVATIONS = [
    ethnicity,
    disability,
    grouping("sexual_orientation", "lgb_plus", LGB_PLUS),
    grouping("seb_occupation", "socio_economic", SOCIO_ECONOMIC),
    grouping("parents_education", "parent_degree", PARENT_DEGREE),
    grouping("caring", "carer", CARER),
]
