"""A shown group under twice the threshold publishes its size and summary figures, never how
many gave each answer (issue 15: "zeros in a shown 12-person group's distribution disclose
that none of them answered 1 to 4"). Groups of 2k or more keep their distribution."""

import pytest

from analysis.breakdown import breakdown
from analysis.rows import SMALL_DISTRIBUTION_NOTE
from tests.analysis.conftest import scores

WOMEN = scores([5, 6, 7], 12)  # nobody answered 1 to 4: the zeros would say so
MEN = scores([1, 2, 3, 4, 5, 6, 7], 30)


@pytest.fixture
def survey(make_survey, add_responses):
    survey = make_survey()
    rows = [{"sex": "female", "edi_1": v, "uses_bus": "yes"} for v in WOMEN]
    rows += [{"sex": "male", "edi_1": v, "uses_bus": "yes" if i % 3 else "no"} for i, v in enumerate(MEN)]
    add_responses(survey, rows)
    return survey


def test_a_small_shown_group_has_no_count_per_answer(survey):
    table = breakdown(survey, question="edi_1", by=["sex"])
    women, men = (next(r for r in table.rows if r["group"] == g) for g in ("female", "male"))
    assert not women["suppressed"] and women["n"] == 12 and women["mean"] == pytest.approx(6.0)
    assert [e["value"] for e in women["distribution"]] == [e["value"] for e in men["distribution"]]
    assert all(e["count"] is None and e["pct"] is None and e["ci_low"] is None for e in women["distribution"])
    assert [e["count"] for e in men["distribution"] if not e["special"]] == [MEN.count(v) for v in range(1, 8)]
    assert table.total["distribution"][0]["count"] == MEN.count(1)  # 42 people: shown
    assert SMALL_DISTRIBUTION_NOTE.format(limit=20) in table.notes


def test_exports_of_a_small_group_leave_every_answer_column_blank(survey):
    records = {r["group"]: r for r in breakdown(survey, question="edi_1", by=["sex"]).to_records()}
    assert all(records["female"][f"pct_{v}"] is None for v in range(1, 8))
    assert records["male"]["pct_1"] == pytest.approx(100 * MEN.count(1) / 30)


def test_a_small_group_of_a_choice_question_has_no_option_shares_or_tests(survey):
    table = breakdown(survey, question="uses_bus", by=["sex"])
    women = next(r for r in table.rows if r["group"] == "female")
    assert women["n"] == 12
    assert all(e["pct"] is None and e.get("p_value") is None for e in women["distribution"])
